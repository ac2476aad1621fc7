import Foundation
import TestSupport

/// Runs the project's Python (`$FRCNN_PYTHON`: torch, safetensors) as an independent oracle for the backbone
/// tests; fails with a clear message when it is missing.
enum BackboneOracle {
    /// Runs `script` with `arguments` and returns its standard output, trimmed.
    @discardableResult
    static func run(_ script: String, arguments: [String] = []) throws -> String {
        try PythonOracle.run(script, arguments: arguments).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backbone-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
