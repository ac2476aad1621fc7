import Foundation
import Torch

/// An ONNX graph under construction: nodes in order, initializers (weights and constants), and the graph's
/// inputs and outputs, with value names kept unique.
struct ONNXGraphBuilder {
    /// ONNX's element type codes (`TensorProto.DataType`).
    enum ElementType: Int32 {
        case float = 1
        case int8 = 3
        case int32 = 6
        case int64 = 7
        case bool = 9
        case float16 = 10
    }

    private(set) var graph = Onnx_GraphProto()
    private var used = Set<String>()

    init(name: String) {
        graph.name = name
    }

    /// `base`, or `base_2`, `base_3`, … when the name is taken; the name is then reserved.
    mutating func uniqueName(_ base: String) -> String {
        var name = base, index = 1
        while used.contains(name) {
            index += 1
            name = "\(base)_\(index)"
        }
        used.insert(name)
        return name
    }

    /// Adds a graph input with `dimensions` (nil: a symbolic dimension named by `symbols`).
    mutating func addInput(_ name: String, type: ElementType, dimensions: [Int?], symbols: [String?] = []) {
        used.insert(name)
        graph.input.append(Self.valueInfo(name, type: type, dimensions: dimensions, symbols: symbols))
    }

    /// Declares `name` (a value some node produces) as a graph output.
    mutating func addOutput(_ name: String, type: ElementType, dimensions: [Int?], symbols: [String?] = []) {
        graph.output.append(Self.valueInfo(name, type: type, dimensions: dimensions, symbols: symbols))
    }

    /// Adds `tensor` (float32 or int64, any device) as an initializer named `base` (made unique); returns the name.
    mutating func addInitializer(_ tensor: Tensor, name base: String) throws -> String {
        var proto = Onnx_TensorProto()
        proto.name = uniqueName(base)
        proto.dims = tensor.shape.map(Int64.init)
        let host = try tensor.to(device: .cpu).contiguous()
        switch host.dtype {
        case .float32:
            proto.dataType = ElementType.float.rawValue
            proto.rawData = try host.toArray(Float.self).withUnsafeBytes { Data($0) }
        case .int64:
            proto.dataType = ElementType.int64.rawValue
            proto.rawData = try host.toArray(Int64.self).withUnsafeBytes { Data($0) }
        case let other:
            throw ExportError("\(base): a \(other) tensor cannot be written (float32 and int64 only)")
        }
        graph.initializer.append(proto)
        return proto.name
    }

    /// A float32 constant of `shape` (a scalar when empty).
    mutating func addFloats(_ values: [Float], shape: [Int] = [], name: String) throws -> String {
        try addInitializer(try Tensor(values, shape: shape), name: name)
    }

    /// An int64 constant of `shape` (1-D of the values' length when nil).
    mutating func addInt64s(_ values: [Int64], shape: [Int]? = nil, name: String) throws -> String {
        try addInitializer(try Tensor(values, shape: shape ?? [values.count]), name: name)
    }

    /// Appends a node of `type` reading `inputs` ("" for an omitted optional input) and returns its `outputs`
    /// value names, made unique from `name`.
    @discardableResult
    mutating func node(_ type: String, _ inputs: [String], attributes: [Onnx_AttributeProto] = [], outputs: Int = 1,
                       name: String) -> [String] {
        var node = Onnx_NodeProto()
        node.opType = type
        node.name = uniqueName(name + "/" + type)
        node.input = inputs
        node.output = (0..<outputs).map { uniqueName(outputs == 1 ? name : "\(name)_\($0)") }
        node.attribute = attributes
        graph.node.append(node)
        return node.output
    }

    /// ``node(_:_:attributes:outputs:name:)`` for a node with one output.
    mutating func value(_ type: String, _ inputs: [String], attributes: [Onnx_AttributeProto] = [], name: String) -> String {
        node(type, inputs, attributes: attributes, name: name)[0]
    }

    /// A node of `type` outside any builder, for the passes that rewrite a finished graph; its name is
    /// `output/type`.
    static func standaloneNode(_ type: String, _ inputs: [String], output: String,
                               attributes: [Onnx_AttributeProto] = []) -> Onnx_NodeProto {
        var node = Onnx_NodeProto()
        node.opType = type
        node.name = output + "/" + type
        node.input = inputs
        node.output = [output]
        node.attribute = attributes
        return node
    }

    private static func valueInfo(_ name: String, type: ElementType, dimensions: [Int?], symbols: [String?]) -> Onnx_ValueInfoProto {
        var info = Onnx_ValueInfoProto()
        info.name = name
        var tensor = Onnx_TypeProto.Tensor()
        tensor.elemType = type.rawValue
        var shape = Onnx_TensorShapeProto()
        shape.dim = dimensions.enumerated().map { index, size in
            var dimension = Onnx_TensorShapeProto.Dimension()
            if let size {
                dimension.dimValue = Int64(size)
            } else {
                dimension.dimParam = (index < symbols.count ? symbols[index] : nil) ?? "\(name)_dim\(index)"
            }
            return dimension
        }
        tensor.shape = shape
        info.type.tensorType = tensor
        return info
    }
}

/// ONNX node attributes.
enum ONNXAttribute {
    static func int(_ name: String, _ value: Int) -> Onnx_AttributeProto {
        make(name, .int) { $0.i = Int64(value) }
    }

    static func ints(_ name: String, _ values: [Int]) -> Onnx_AttributeProto {
        make(name, .ints) { $0.ints = values.map(Int64.init) }
    }

    static func float(_ name: String, _ value: Double) -> Onnx_AttributeProto {
        make(name, .float) { $0.f = Float(value) }
    }

    static func string(_ name: String, _ value: String) -> Onnx_AttributeProto {
        make(name, .string) { $0.s = Data(value.utf8) }
    }

    static func tensor(_ name: String, _ value: Onnx_TensorProto) -> Onnx_AttributeProto {
        make(name, .tensor) { $0.t = value }
    }

    private static func make(_ name: String, _ type: Onnx_AttributeProto.AttributeType,
                             _ set: (inout Onnx_AttributeProto) -> Void) -> Onnx_AttributeProto {
        var attribute = Onnx_AttributeProto()
        attribute.name = name
        attribute.type = type
        set(&attribute)
        return attribute
    }
}
