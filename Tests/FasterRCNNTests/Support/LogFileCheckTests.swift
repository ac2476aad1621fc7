import Foundation
import Testing
@testable import FasterRCNN

/// P2.9 item 8: `--log_file` naming a checkpoint (or any file that is not a log) had log lines appended to it,
/// which broke it. `ConsoleLogHandler.Sink` now refuses such a file and leaves it unchanged.
@Suite("--log_file that is not a text log")
struct LogFileCheckTests {
    private static func scratchFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "frcnn-log-\(UUID().uuidString.prefix(8))"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Files that are not text logs, and why each is refused.
    private static let notLogs: [([UInt8], String)] = [
        // A checkpoint header followed by text: the magic alone refuses it.
        (Array("FRCNNCKP".utf8) + [1] + Array(" plain text after the header\n".utf8), "it is an frcnn checkpoint"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "it is not a text file (it holds NUL bytes)"),
        (Array("a log line\n".utf8) + [0xFF, 0xFE, 0x41, 0x42], "it is not a text file (it is not UTF-8)"),
    ]

    /// Text logs: a short one, and one whose first 8 KiB end in the middle of a character.
    private static let textLogs: [[UInt8]] = [
        Array("2026-01-01 00:00:00,000 [frcnn] [INFO] earlier run\n".utf8),
        Array(repeating: UInt8(ascii: "x"), count: LogFileCheck.sampleSize - 1) + Array("é and more\n".utf8),
    ]

    @Test(arguments: notLogs)
    func refusedAndLeftUnchanged(bytes: [UInt8], reason: String) throws {
        let path = try Self.scratchFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: FileError.self) { try ConsoleLogHandler.Sink(logFile: path, console: false) }
        let expected = "\(path): \(reason), not a log; refusing to append log lines to it (give another --log_file)"
        #expect(error?.description == expected)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(bytes))
    }

    /// A text log is still appended to, also when its first 8 KiB end in the middle of a character.
    @Test(arguments: textLogs)
    func textLogIsAppendedTo(bytes: [UInt8]) throws {
        let path = try Self.scratchFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try ConsoleLogHandler.Sink(logFile: path, console: false)
        sink.write("this run")
        let expected = Data(bytes) + Data("this run\n".utf8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected)
    }
}
