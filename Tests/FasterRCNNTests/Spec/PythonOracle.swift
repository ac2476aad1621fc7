import Foundation
import Testing

/// Runs Python (the venv at `$FRCNN_PYTHON`) as an independent oracle in tests.
enum PythonOracle {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `script` with `arguments`; returns its standard output. Throws (failing the test, never
    /// skipping it) when `$FRCNN_PYTHON` is unset or the script fails.
    static func run(_ script: String, arguments: [String]) throws -> String {
        guard let python = ProcessInfo.processInfo.environment["FRCNN_PYTHON"], !python.isEmpty else {
            throw Failure(description: "FRCNN_PYTHON is not set: run the tests through `make test` (or export FRCNN_PYTHON=.venv/bin/python)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python failed (\(process.terminationStatus)): \(String(decoding: stderr, as: UTF8.self))")
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}
