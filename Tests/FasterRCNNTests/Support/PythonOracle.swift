import Foundation

/// Runs Python (the venv at `$FRCNN_PYTHON`) as an independent oracle in tests: the one runner that the spec,
/// data, model and evaluation tests share.
enum PythonOracle {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `script` with `arguments`, feeding `input` on standard input; returns its standard output. Throws
    /// (failing the test, never skipping it) when `$FRCNN_PYTHON` is unset or not executable, or the script fails.
    static func output(_ script: String, arguments: [String] = [], input: Data = Data()) throws -> Data {
        guard let python = ProcessInfo.processInfo.environment["FRCNN_PYTHON"], !python.isEmpty else {
            throw Failure(description: "FRCNN_PYTHON is not set: run `make test`, or export FRCNN_PYTHON=<repo>/.venv/bin/python")
        }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw Failure(description: "FRCNN_PYTHON=\(python) is not an executable Python interpreter; run scripts/setup")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        // Standard error goes to a file, so a chatty script cannot block on a full pipe while we read stdout.
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("python-oracle-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw Failure(description: "cannot create \(errors.path)")
        }
        defer { try? FileManager.default.removeItem(at: errors) }
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw Failure(description: "python oracle exited with \(process.terminationStatus): \(message)")
        }
        return data
    }

    /// Runs `script` with `arguments`; returns its standard output as text.
    static func run(_ script: String, arguments: [String] = []) throws -> String {
        String(decoding: try output(script, arguments: arguments), as: UTF8.self)
    }
}
