import Foundation
@testable import Torch

/// Runs the project's Python (numpy, torch, safetensors) as an independent oracle. Tests that use it fail
/// with a clear message when `$FRCNN_PYTHON` is missing.
enum PythonOracle {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `script` with `arguments` and returns its standard output parsed as JSON.
    static func json(_ script: String, arguments: [String] = []) throws -> Any {
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
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString).err")
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
        return try JSONSerialization.jsonObject(with: data)
    }

    /// The oracle's description of one tensor: dtype code, shape and exact values (flattened). Floats travel
    /// as Python `repr` strings because JSON number parsing may round.
    struct TensorValues: Equatable {
        let dtype: String
        let shape: [Int]
        let floats: [Double]
        let integers: [Int64]

        init(json: Any) throws {
            guard let object = json as? [String: Any], let dtype = object["dtype"] as? String,
                let shape = object["shape"] as? [NSNumber]
            else { throw Failure(description: "malformed oracle tensor \(json)") }
            self.dtype = dtype
            self.shape = shape.map(\.intValue)
            floats = try (object["floats"] as? [String] ?? []).map {
                guard let value = Double($0) else { throw Failure(description: "bad float \($0)") }
                return value
            }
            integers = (object["integers"] as? [NSNumber] ?? []).map(\.int64Value)
        }

        init(_ tensor: Tensor) throws {
            dtype = SafeTensors.code(tensor.dtype)
            shape = tensor.shape
            floats = tensor.dtype.isFloatingPoint ? try tensor.toArray(Double.self) : []
            integers = tensor.dtype.isFloatingPoint ? [] : try tensor.toArray(Int64.self)
        }
    }

    /// Python source of `describe(t)`, which turns a torch tensor into the JSON read by ``TensorValues``.
    static let describe = """
        import json, sys, torch
        CODES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16",
                 torch.int64: "I64", torch.int32: "I32", torch.uint8: "U8", torch.bool: "BOOL"}
        def describe(t):
            flat = t.detach().reshape(-1)
            result = {"dtype": CODES[t.dtype], "shape": list(t.shape)}
            if t.is_floating_point(): result["floats"] = [repr(v) for v in flat.double().tolist()]
            else: result["integers"] = [int(v) for v in flat.long().tolist()]
            return result

        """
}
