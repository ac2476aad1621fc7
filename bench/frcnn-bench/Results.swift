import Foundation

/// bench/results.json: the machine, its load, the mode, the matmul peak and every record.
struct Results: Codable {
    struct Machine: Codable {
        var cpu: String
        var cores: Int
        var memoryGibibytes: Double
        var libtorch: String
        var threads: Int
    }

    var date: String
    var mode: String
    /// False in the file written after each job while the run goes on (or was cut short).
    var complete: Bool
    var durationSeconds: Double
    var machine: Machine
    /// /proc/loadavg's 1-, 5- and 15-minute averages when the run started and ended (the machine may be shared).
    var loadAverageStart: [Double]
    var loadAverageEnd: [Double]
    /// Median float32 matmul rate of this run, the denominator of every `efficiency_vs_matmul`.
    var matmulPeakGFLOPPerSecond: Double?
    var records: [Record]

    /// Sets `efficiency_vs_matmul` = achieved GFLOP/s ÷ the matmul peak on every record that has a FLOP rate.
    mutating func addEfficiency() {
        guard let peak = matmulPeakGFLOPPerSecond else { return }
        for index in records.indices {
            if let achieved = records[index].values["achieved_gflop_per_s"] {
                records[index].values["efficiency_vs_matmul"] = achieved / peak
            }
        }
    }

    /// Writes the JSON (sorted keys, indented) to `path` through a temporary file and a rename.
    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        try encoder.encode(self).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// The CPU model name from /proc/cpuinfo and the memory from /proc/meminfo.
    static func describeCPU() -> (name: String, memoryGibibytes: Double) {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let name = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) } ?? "unknown"
        let kilobytes = procValue("/proc/meminfo", "MemTotal") ?? 0
        return (name, kilobytes / 1024 / 1024)
    }
}
