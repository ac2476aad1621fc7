import CONNXRuntime

/// A model input or output as the model declares it.
public struct ONNXValueInfo: Sendable, Hashable, CustomStringConvertible {
    /// The value's name in the graph.
    public let name: String
    /// Its element type.
    public let elementType: ONNXElementType
    /// Its dimensions; nil for a dynamic one (a symbolic or unknown size). Empty for a scalar or a non-tensor.
    public let shape: [Int?]

    /// The description the C shim read from the session.
    init(_ info: connx_value_info) {
        name = String(cString: info.name)
        elementType = ONNXElementType(code: info.element_type)
        shape = (0..<info.rank).map { info.shape[$0] < 0 ? nil : Int(info.shape[$0]) }
    }

    /// `name (type [d0, ?, ...])`, with `?` for a dynamic dimension.
    public var description: String {
        "\(name) (\(elementType) [\(shape.map { $0.map(String.init) ?? "?" }.joined(separator: ", "))])"
    }
}
