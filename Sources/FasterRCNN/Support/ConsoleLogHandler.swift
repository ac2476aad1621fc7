import Foundation
import Logging

/// A swift-log handler that writes `YYYY-MM-DD HH:MM:SS,mmm [frcnn] [LEVEL] message` lines to standard error
/// and, with `--log_file`, the same lines to a file (appended). Messages below `logLevel` are dropped.
public struct ConsoleLogHandler: LogHandler {
    /// Where lines go; shared by every logger made from one bootstrap.
    public final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private let file: FileHandle?
        private let writesConsole: Bool

        /// A sink writing to standard error unless `console` is false, and to `logFile` when given (created, with
        /// its folder, when missing; appended to otherwise, unless it is not a text log: see `LogFileCheck`).
        public init(logFile: String?, console: Bool = true) throws {
            writesConsole = console
            guard let logFile else {
                file = nil
                return
            }
            if FileManager.default.fileExists(atPath: logFile) {
                try LogFileCheck.requireTextLog(at: logFile)
            } else {
                let folder = (logFile as NSString).deletingLastPathComponent
                if !folder.isEmpty {
                    do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                        throw FileError(path: logFile, reason: "cannot create the log file's folder: \(error.localizedDescription)")
                    }
                }
                guard FileManager.default.createFile(atPath: logFile, contents: nil) else {
                    throw FileError(path: logFile, reason: "cannot create the log file")
                }
            }
            guard let handle = FileHandle(forWritingAtPath: logFile) else {
                throw FileError(path: logFile, reason: "cannot open the log file for writing")
            }
            _ = try? handle.seekToEnd()
            file = handle
        }

        /// Writes one line (a newline is added) to standard error and the file, as the sink was made.
        public func write(_ line: String) {
            let data = Data((line + "\n").utf8)
            lock.lock()
            defer { lock.unlock() }
            if writesConsole { FileHandle.standardError.write(data) }
            file?.write(data)
        }
    }

    private let sink: Sink
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]

    public init(sink: Sink) {
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss,SSS"
        sink.write("\(formatter.string(from: Date())) [frcnn] [\(event.level.rawValue.uppercased())] \(event.message)")
    }
}
