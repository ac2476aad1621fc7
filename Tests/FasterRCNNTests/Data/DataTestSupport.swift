import Foundation
import Testing
import TestSupport

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
        try PythonOracle.run(script, arguments: arguments)
    }
}
