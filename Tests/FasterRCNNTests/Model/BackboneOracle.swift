import Foundation

/// Runs the project's Python (`$FRCNN_PYTHON`: torch, safetensors) as an independent oracle for the backbone
/// tests; fails with a clear message when it is missing.
enum BackboneOracle {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `script` with `arguments` and returns its standard output, trimmed.
    @discardableResult
    static func run(_ script: String, arguments: [String] = []) throws -> String {
        guard let python = ProcessInfo.processInfo.environment["FRCNN_PYTHON"], !python.isEmpty else {
            throw Failure(description: "FRCNN_PYTHON is not set: run `make test`, or export FRCNN_PYTHON=<repo>/.venv/bin/python")
        }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure(description: "FRCNN_PYTHON=\(python) is not an executable file (run scripts/setup)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("backbone-oracle-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw Failure(description: "cannot create \(errors.path)")
        }
        defer { try? FileManager.default.removeItem(at: errors) }
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw Failure(description: "python oracle exited with \(process.terminationStatus): \(message)")
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backbone-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
