/// A tensor passed to or returned by ``ONNXSession/run(_:)``: a shape and its elements in row-major order.
public struct ONNXTensor: Sendable, Equatable {
    /// The elements, of one of the types that cross between frcnn and ONNX Runtime.
    public enum Values: Sendable, Equatable {
        case float32([Float])
        case int32([Int32])
        case int64([Int64])
    }

    /// The dimensions.
    public var shape: [Int]
    /// The elements; their count is the product of ``shape`` (checked by ``ONNXSession/run(_:)`` for inputs).
    public var values: Values

    /// A tensor of `shape` holding `values`.
    public init(shape: [Int], values: Values) {
        self.shape = shape
        self.values = values
    }

    /// A float32 tensor of `shape`.
    public init(shape: [Int], float32 values: [Float]) {
        self.init(shape: shape, values: .float32(values))
    }

    /// The element type.
    public var elementType: ONNXElementType {
        switch values {
        case .float32: .float32
        case .int32: .int32
        case .int64: .int64
        }
    }

    /// The number of elements held.
    public var count: Int {
        switch values {
        case .float32(let array): array.count
        case .int32(let array): array.count
        case .int64(let array): array.count
        }
    }

    /// The elements when the tensor is float32; nil otherwise.
    public var float32Values: [Float]? {
        if case .float32(let array) = values { array } else { nil }
    }

    /// The elements when the tensor is int32; nil otherwise.
    public var int32Values: [Int32]? {
        if case .int32(let array) = values { array } else { nil }
    }

    /// The elements when the tensor is int64; nil otherwise.
    public var int64Values: [Int64]? {
        if case .int64(let array) = values { array } else { nil }
    }

    /// The elements as `Int` when the tensor is int32 or int64 (counts, class ids, indices); nil for float32.
    public var integerValues: [Int]? {
        switch values {
        case .float32: nil
        case .int32(let array): array.map(Int.init)
        case .int64(let array): array.map(Int.init)
        }
    }
}
