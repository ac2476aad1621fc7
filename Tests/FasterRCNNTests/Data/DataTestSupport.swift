import Foundation
import Testing

/// Helpers shared by the data tests: scratch directories and the Python oracle.
enum DataTestSupport {
    /// A fresh empty directory under the system temporary directory.
    static func scratchDirectory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "frcnn-data-tests/\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `script` with `$FRCNN_PYTHON` and the given arguments and returns its standard output.
    /// Fails the test (never skips) when the interpreter is missing or the script fails.
    static func python(_ script: String, arguments: [String] = []) throws -> String {
        guard let python = ProcessInfo.processInfo.environment["FRCNN_PYTHON"],
              FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("FRCNN_PYTHON is not set to an executable Python (run `make test`, or export FRCNN_PYTHON=.venv/bin/python after scripts/setup)")
            throw OracleMissing()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record("Python oracle failed: \(String(decoding: errorData, as: UTF8.self))")
            throw OracleMissing()
        }
        return String(decoding: data, as: UTF8.self)
    }

    struct OracleMissing: Error {}
}
