import Foundation

/// Runs the project's Python (the venv at `$FRCNN_PYTHON`: numpy, torch, safetensors, tensorboard, …) as an
/// independent oracle: the one runner that every test target shares. A missing or broken interpreter, or a
/// failing script, throws a ``ChildProcess/Failure`` whose description says what to do, so the test fails
/// (never skips).
public enum PythonOracle {
    /// The interpreter named by `$FRCNN_PYTHON`.
    public static func interpreter() throws -> URL {
        guard let python = ProcessInfo.processInfo.environment["FRCNN_PYTHON"], !python.isEmpty else {
            throw ChildProcess.Failure("FRCNN_PYTHON is not set: run `make test`, or export FRCNN_PYTHON=<repo>/.venv/bin/python")
        }
        guard FileManager.default.isExecutableFile(atPath: python) else {
            throw ChildProcess.Failure("FRCNN_PYTHON=\(python) is not an executable Python interpreter; run scripts/setup")
        }
        return URL(fileURLWithPath: python)
    }

    /// Runs `script` (`python -c script arguments…`), feeding `input` on standard input; returns its standard
    /// output. Throws with the script's standard error when it exits non-zero.
    public static func output(_ script: String, arguments: [String] = [], input: Data = Data()) throws -> Data {
        let outcome = try ChildProcess.run(try interpreter(), arguments: ["-c", script] + arguments, input: input)
        guard outcome.status == 0 else {
            throw ChildProcess.Failure("python oracle exited with \(outcome.status): \(outcome.stderrText)")
        }
        return outcome.stdout
    }

    /// Runs `script` with `arguments`; returns its standard output as text.
    public static func run(_ script: String, arguments: [String] = []) throws -> String {
        String(decoding: try output(script, arguments: arguments), as: UTF8.self)
    }

    /// Runs `script` with `arguments`; returns its standard output parsed as JSON.
    public static func json(_ script: String, arguments: [String] = []) throws -> Any {
        try JSONSerialization.jsonObject(with: try output(script, arguments: arguments))
    }
}
