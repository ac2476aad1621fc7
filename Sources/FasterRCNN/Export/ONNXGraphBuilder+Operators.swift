/// Short forms of the ONNX operators (opset 16–17) that the hand-written parts of the detector graph use. Each
/// returns the name of the value it makes; `name` starts that value's name.
extension ONNXGraphBuilder {
    /// `x[..., start:end, ...]` along `axis` (end may be `Int64.max`).
    mutating func slice(_ x: String, axis: Int, start: Int, end: Int, name: String) throws -> String {
        let starts = try addInt64s([Int64(start)], name: name + "/starts")
        let ends = try addInt64s([end == Int.max ? Int64.max : Int64(end)], name: name + "/ends")
        let axes = try addInt64s([Int64(axis)], name: name + "/axes")
        return value("Slice", [x, starts, ends, axes], name: name)
    }

    /// The four columns of a [..., 4] value, each [..., 1].
    mutating func columns(_ x: String, name: String) throws -> [String] {
        try (0..<4).map { try slice(x, axis: -1, start: $0, end: $0 + 1, name: "\(name)/\($0)") }
    }

    mutating func unsqueeze(_ x: String, axes: [Int], name: String) throws -> String {
        value("Unsqueeze", [x, try addInt64s(axes.map(Int64.init), name: name + "/axes")], name: name)
    }

    mutating func squeeze(_ x: String, axes: [Int], name: String) throws -> String {
        value("Squeeze", [x, try addInt64s(axes.map(Int64.init), name: name + "/axes")], name: name)
    }

    /// Reshape to `shape` (0 copies the input's size there, -1 is inferred).
    mutating func reshape(_ x: String, _ shape: [Int], name: String) throws -> String {
        value("Reshape", [x, try addInt64s(shape.map(Int64.init), name: name + "/shape")], name: name)
    }

    mutating func transpose(_ x: String, _ permutation: [Int], name: String) -> String {
        value("Transpose", [x], attributes: [ONNXAttribute.ints("perm", permutation)], name: name)
    }

    mutating func concat(_ values: [String], axis: Int, name: String) -> String {
        value("Concat", values, attributes: [ONNXAttribute.int("axis", axis)], name: name)
    }

    /// An elementwise operator of two values (`Add`, `Sub`, `Mul`, `Div`, `Max`, `Min`, `Greater`, `And`, …).
    mutating func binary(_ type: String, _ x: String, _ y: String, name: String) -> String {
        value(type, [x, y], name: name)
    }

    /// An elementwise operator of a value and a float scalar (the scalar second).
    mutating func binary(_ type: String, _ x: String, scalar: Float, name: String) throws -> String {
        value(type, [x, try addFloats([scalar], name: name + "/scalar")], name: name)
    }

    /// `Cast` to `type`.
    mutating func cast(_ x: String, to type: ElementType, name: String) -> String {
        value("Cast", [x], attributes: [ONNXAttribute.int("to", Int(type.rawValue))], name: name)
    }

    /// `GatherND` with one leading batch dimension: rows [N, M, D] picked by indices [N, K] → [N, K, D].
    mutating func gatherRows(_ rows: String, indices: String, name: String) throws -> String {
        let index = try unsqueeze(indices, axes: [2], name: name + "/index")
        return value("GatherND", [rows, index], attributes: [ONNXAttribute.int("batch_dims", 1)], name: name)
    }

    /// `TopK` along axis 1, largest first, ties in index order: (values, int64 indices).
    mutating func topK(_ x: String, count: Int, name: String) throws -> (values: String, indices: String) {
        let k = try addInt64s([Int64(count)], name: name + "/k")
        let outputs = node("TopK", [x, k], attributes: [ONNXAttribute.int("axis", 1)], outputs: 2, name: name)
        return (outputs[0], outputs[1])
    }

    /// Zero-pads axis 1 of a rank-`rank` value with `count` entries at the end.
    mutating func padAxis1(_ x: String, rank: Int, count: Int, name: String) throws -> String {
        var pads = [Int64](repeating: 0, count: 2 * rank)
        pads[rank + 1] = Int64(count)
        return value("Pad", [x, try addInt64s(pads, name: name + "/pads")], name: name)
    }

    /// A value of `x`'s shape but with its trailing dimensions replaced, filled with `fill`:
    /// `ConstantOfShape(Shape(x)[0:keep] ++ trailing)`.
    mutating func filled(like x: String, keepingDimensions keep: Int, trailing: [Int], fill: Float, name: String) throws -> String {
        let shape = value("Shape", [x], attributes: [ONNXAttribute.int("end", keep)], name: name + "/shape")
        let full = trailing.isEmpty ? shape
            : concat([shape, try addInt64s(trailing.map(Int64.init), name: name + "/trailing")], axis: 0, name: name + "/dims")
        var fillValue = Onnx_TensorProto()
        fillValue.dataType = ElementType.float.rawValue
        fillValue.dims = [1]
        fillValue.floatData = [fill]
        return value("ConstantOfShape", [full], attributes: [ONNXAttribute.tensor("value", fillValue)], name: name)
    }
}
