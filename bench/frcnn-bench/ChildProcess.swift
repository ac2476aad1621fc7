import Foundation

/// Runs jobs in child processes of this executable, so that each job's peak resident memory (VmHWM) is its
/// own and one job's allocations cannot slow or enlarge the next.
enum ChildProcess {
    /// The hidden flag that makes the executable run one job and print its record as JSON on stdout.
    static let flag = "--child"

    /// Runs `job` in a child and returns its record, or nil (with the reason on stderr) when the child failed.
    static func run(_ job: Job) throws -> Record? {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [flag, try job.encoded()]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exit status" : "signal"
            FileHandle.standardError.write(Data("frcnn-bench: \(job.label) failed (\(how) \(process.terminationStatus))\n".utf8))
            return nil
        }
        return try JSONDecoder().decode(Record.self, from: data)
    }

    /// The child side: runs the job given as JSON, adds its peak resident memory and prints the record.
    /// Anything else the job writes to stdout goes to stderr, so that stdout carries the record alone.
    static func serve(_ argument: String) throws {
        let recordOutput = FileHandle(fileDescriptor: dup(STDOUT_FILENO), closeOnDealloc: true)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        let job = try JSONDecoder().decode(Job.self, from: Data(argument.utf8))
        var record = try job.run()
        if let peak = peakResidentMiB() { record.values["peak_rss_mib"] = peak }
        recordOutput.write(try JSONEncoder().encode(record))
    }
}
