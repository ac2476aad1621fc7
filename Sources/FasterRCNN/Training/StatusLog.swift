import Foundation

/// TAO's `status.json`: one JSON object per line, appended, with `date` (`M/D/YYYY`), `time` (`H:M:S`, unpadded),
/// `status` (`STARTED`, `RUNNING`, `SUCCESS`, `FAILURE`), `verbosity` (`INFO`), `message`, and for epoch lines
/// `epoch`, `max_epoch`, `time_per_epoch` and `eta` (Python `timedelta` text, e.g. `0:01:02.500000`), `graphical`
/// (losses, `learning_rate`, `mean average precision`, as strings) and `kpi` (`mean average precision`).
public final class StatusLog {
    /// The file lines are appended to.
    public let path: String

    /// A log appending to `path` (created when missing).
    public init(path: String) {
        self.path = path
    }

    /// Appends a line with `status` and `message` and any extra fields.
    public func write(status: String, message: String, fields: [String: Any] = [:], now: Date = Date()) throws {
        var line = fields
        let parts = Calendar(identifier: .gregorian).dateComponents(in: .current, from: now)
        line["date"] = "\(parts.month!)/\(parts.day!)/\(parts.year!)"
        line["time"] = "\(parts.hour!):\(parts.minute!):\(parts.second!)"
        line["status"] = status
        line["verbosity"] = "INFO"
        line["message"] = message
        var data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        data.append(0x0A)
        guard let handle = FileHandle(forWritingAtPath: path) ?? create() else {
            throw TrainingError("\(path): cannot open the status file for appending")
        }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
        } catch {
            throw TrainingError("\(path): cannot append to the status file: \(error.localizedDescription)")
        }
    }

    /// Appends the line of a finished epoch (1-based `epoch`), as TAO's status-logger callback does.
    public func writeEpoch(_ epoch: Int, of epochs: Int, seconds: Double, losses: [String: Double],
                           learningRate: Double, meanAveragePrecision: Double?) throws {
        var graphical = losses.mapValues { String($0) }
        graphical["learning_rate"] = String(learningRate)
        var kpi: [String: String] = [:]
        if let meanAveragePrecision {
            graphical["mean average precision"] = String(meanAveragePrecision)
            kpi["mean average precision"] = String(meanAveragePrecision)
        }
        var fields: [String: Any] = [
            "epoch": epoch, "max_epoch": epochs, "time_per_epoch": Self.timedelta(seconds),
            "eta": Self.timedelta(Double(epochs - epoch) * seconds), "graphical": graphical,
        ]
        if !kpi.isEmpty { fields["kpi"] = kpi }
        try write(status: "RUNNING", message: "Training loop in progress", fields: fields)
    }

    /// Python's `str(timedelta(seconds=...))` for non-negative durations: `[D day[s], ]H:MM:SS[.ffffff]`.
    public static func timedelta(_ seconds: Double) -> String {
        let micros = Int((max(seconds, 0) * 1_000_000).rounded())
        let days = micros / 86_400_000_000
        let rest = micros % 86_400_000_000
        let whole = rest / 1_000_000, fraction = rest % 1_000_000
        var text = String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
        if fraction > 0 { text += String(format: ".%06d", fraction) }
        return days > 0 ? "\(days) day\(days == 1 ? "" : "s"), " + text : text
    }

    private func create() -> FileHandle? {
        FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
    }
}
