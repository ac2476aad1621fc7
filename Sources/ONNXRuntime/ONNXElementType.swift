/// The element type of an ONNX tensor, as a model declares it.
public enum ONNXElementType: Sendable, Hashable, CustomStringConvertible {
    case float32, float16, int32, int64
    /// Any other ONNX `TensorProto.DataType` code (2 uint8, 9 bool, 11 float64, ...); 0 for a value that is not a
    /// tensor (a sequence or a map).
    case other(Int32)

    /// The type with ONNX's `TensorProto.DataType` code.
    init(code: Int32) {
        switch code {
        case 1: self = .float32
        case 6: self = .int32
        case 7: self = .int64
        case 10: self = .float16
        default: self = .other(code)
        }
    }

    /// ONNX's `TensorProto.DataType` code.
    var code: Int32 {
        switch self {
        case .float32: 1
        case .int32: 6
        case .int64: 7
        case .float16: 10
        case .other(let code): code
        }
    }

    /// "float32", "int64", ..., or "type <code>" for the others.
    public var description: String {
        switch self {
        case .float32: "float32"
        case .float16: "float16"
        case .int32: "int32"
        case .int64: "int64"
        case .other(let code): "type \(code)"
        }
    }
}
