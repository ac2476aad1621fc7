import Foundation
import TestSupport
@testable import Torch

/// Tensors through the shared Python oracle: a torch tensor described by Python compared with one of ours.
extension PythonOracle {
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
            else { throw ChildProcess.Failure("malformed oracle tensor \(json)") }
            self.dtype = dtype
            self.shape = shape.map(\.intValue)
            floats = try (object["floats"] as? [String] ?? []).map {
                guard let value = Double($0) else { throw ChildProcess.Failure("bad float \($0)") }
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
