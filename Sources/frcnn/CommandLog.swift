import ArgumentParser
import FasterRCNN
import Foundation
import Logging

/// The logger of a subcommand: `ConsoleLogHandler` lines on standard error, and in the `--log_file` when given.
enum CommandLog {
    /// A logger labelled `frcnn.<command>`; an unusable log file ends the command with exit code 1.
    static func make(_ command: String, logFile: String?) throws -> Logger {
        let sink: ConsoleLogHandler.Sink
        do { sink = try ConsoleLogHandler.Sink(logFile: logFile) } catch {
            FileHandle.standardError.write(Data("\(command): \(error)\n".utf8))
            throw ExitCode.failure
        }
        return Logger(label: "frcnn.\(command)") { _ in ConsoleLogHandler(sink: sink) }
    }

    /// Appends `text`, which the subtask prints on standard output (its tables and summaries), to the log file
    /// when there is one, so that the file holds the whole run.
    static func copy(_ text: String, toLogFile logFile: String?) throws {
        guard let logFile else { return }
        let sink = try ConsoleLogHandler.Sink(logFile: logFile, console: false)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
            sink.write(String(line))
        }
    }
}
