import Foundation

/// `--data_type fp16`: turns the network parts of a graph (the nodes whose names start with one of the given
/// prefixes: the traced backbone, RPN head and RCNN head) into half precision. Their float32 initializers
/// become float16; a float32 value they read from elsewhere (the input image, the crops) passes through a `Cast`
/// to float16, and a value of theirs that the rest of the graph reads passes through a `Cast` back to float32.
/// Box decoding, NMS, the crop grid and the outputs stay float32: `NonMaxSuppression` takes float32 only, and
/// float16 pixel coordinates would be off by up to half a pixel on a 1248-pixel image.
enum Float16Conversion {
    static func convert(_ graph: inout Onnx_GraphProto, halfPrefixes: [String]) throws {
        func isHalf(_ node: Onnx_NodeProto) -> Bool { halfPrefixes.contains { node.name.hasPrefix($0) } }
        let halfNodes = graph.node.filter(isHalf)
        let producedByHalf = Set(halfNodes.flatMap(\.output))
        var initializerIndex: [String: Int] = [:]
        for (index, initializer) in graph.initializer.enumerated() { initializerIndex[initializer.name] = index }
        let readByOthers = Set(graph.node.filter { !isHalf($0) }.flatMap(\.input) + graph.output.map(\.name))
        let readByHalf = Set(halfNodes.flatMap(\.input))

        for name in readByHalf where !name.isEmpty {
            guard let index = initializerIndex[name], graph.initializer[index].dataType == ElementType.float.rawValue else { continue }
            guard !readByOthers.contains(name) else {
                throw ExportError("fp16: the constant \(name) is read by both the network and the float32 post-processing")
            }
            graph.initializer[index] = try half(graph.initializer[index])
        }
        // Half values that others read are renamed; a Cast writes the float32 value under the old name.
        var renamed: [String: String] = [:]
        for output in producedByHalf where readByOthers.contains(output) { renamed[output] = output + "/fp16" }
        var nodes: [Onnx_NodeProto] = []
        var halfCopies: [String: String] = [:]
        for var node in graph.node {
            guard isHalf(node) else {
                nodes.append(node)
                continue
            }
            node.input = node.input.map { input in
                if let name = renamed[input] { return name }
                guard !input.isEmpty, !producedByHalf.contains(input), initializerIndex[input] == nil else { return input }
                if let copy = halfCopies[input] { return copy }
                let copy = input + "/fp16"
                halfCopies[input] = copy
                nodes.append(cast(input, to: copy, type: ElementType.float16))
                return copy
            }
            let outputs = node.output
            node.output = outputs.map { renamed[$0] ?? $0 }
            nodes.append(node)
            for output in outputs where renamed[output] != nil {
                nodes.append(cast(renamed[output]!, to: output, type: ElementType.float))
            }
        }
        graph.node = nodes
    }

    private typealias ElementType = ONNXGraphBuilder.ElementType

    private static func cast(_ input: String, to output: String, type: ElementType) -> Onnx_NodeProto {
        ONNXGraphBuilder.standaloneNode("Cast", [input], output: output, attributes: [ONNXAttribute.int("to", Int(type.rawValue))])
    }

    /// A float32 initializer as float16 (round to nearest even).
    private static func half(_ tensor: Onnx_TensorProto) throws -> Onnx_TensorProto {
        guard tensor.floatData.isEmpty else { throw ExportError("fp16: the constant \(tensor.name) is not stored as raw data") }
        let floats = tensor.rawData.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        var converted = tensor
        converted.dataType = ElementType.float16.rawValue
        converted.rawData = floats.map { Float16($0).bitPattern }.withUnsafeBytes { Data($0) }
        return converted
    }
}
