import Foundation

/// `--data_type int8`: a QDQ graph, the form TensorRT and onnxruntime quantize from. Every `Conv` and `Gemm` of
/// the network parts (node names starting with one of `prefixes`) reads
/// - its activation through `QuantizeLinear` → `DequantizeLinear` with one int8 scale, amax / 127 from
///   calibration, zero point 0 (one pair per value, shared by its readers);
/// - its weight as an int8 initializer with one scale per output channel (max |w| / 127 over the channel, axis 0)
///   through `DequantizeLinear`; biases stay float32.
/// Everything else stays float32, as in TensorRT's explicit quantization.
enum QDQConversion {
    private typealias ElementType = ONNXGraphBuilder.ElementType

    static func convert(_ graph: inout Onnx_GraphProto, ranges: [String: Float], prefixes: [String]) throws {
        var initializers: [String: Int] = [:]
        for (index, initializer) in graph.initializer.enumerated() { initializers[initializer.name] = index }
        var nodes: [Onnx_NodeProto] = []
        var quantized: [String: String] = [:]
        for var node in graph.node {
            guard ["Conv", "Gemm"].contains(node.opType), prefixes.contains(where: { node.name.hasPrefix($0) }) else {
                nodes.append(node)
                continue
            }
            let activation = node.input[0]
            if quantized[activation] == nil {
                guard let amax = ranges[activation] else {
                    throw ExportError("int8: calibration measured no range for \(activation), the input of \(node.name)")
                }
                let scale = max(amax, Float.leastNormalMagnitude) / 127
                let (scaleName, zeroName) = (activation + "/qdq_scale", activation + "/qdq_zero_point")
                graph.initializer.append(floats([scale], dims: [], name: scaleName))
                graph.initializer.append(int8s([0], dims: [], name: zeroName))
                let q = activation + "/qdq_quantized", dq = activation + "/qdq_dequantized"
                nodes.append(ONNXGraphBuilder.standaloneNode("QuantizeLinear", [activation, scaleName, zeroName], output: q))
                nodes.append(ONNXGraphBuilder.standaloneNode("DequantizeLinear", [q, scaleName, zeroName], output: dq))
                quantized[activation] = dq
            }
            node.input[0] = quantized[activation]!
            let weightName = node.input[1]
            guard let index = initializers[weightName], graph.initializer[index].dataType == ElementType.float.rawValue else {
                throw ExportError("int8: the weight \(weightName) of \(node.name) is not a float32 constant")
            }
            if node.opType == "Gemm", !node.attribute.contains(where: { $0.name == "transB" && $0.i == 1 }) {
                throw ExportError("int8: \(node.name) is a Gemm without transB, whose weight channels are not its rows")
            }
            let weight = graph.initializer[index]
            let values = weight.rawData.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
            let channels = Int(weight.dims[0]), perChannel = values.count / max(channels, 1)
            var scales: [Float] = [], levels: [Int8] = []
            for channel in 0..<channels {
                let row = values[(channel * perChannel)..<((channel + 1) * perChannel)]
                let scale = max(row.map(abs).max() ?? 0, Float.leastNormalMagnitude) / 127
                scales.append(scale)
                levels += row.map { Int8(max(-127, min(127, ($0 / scale).rounded()))) }
            }
            let base = weightName + "/qdq_int8"
            graph.initializer.append(int8s(levels, dims: weight.dims, name: base))
            graph.initializer.append(floats(scales, dims: [Int64(channels)], name: base + "/scale"))
            graph.initializer.append(int8s([Int8](repeating: 0, count: channels), dims: [Int64(channels)], name: base + "/zero_point"))
            nodes.append(ONNXGraphBuilder.standaloneNode("DequantizeLinear", [base, base + "/scale", base + "/zero_point"],
                                                         output: base + "/dequantized", attributes: [ONNXAttribute.int("axis", 0)]))
            node.input[1] = base + "/dequantized"
            nodes.append(node)
        }
        graph.node = nodes
        // Float weights that only quantized layers read are now unused.
        let read = Set(graph.node.flatMap(\.input))
        graph.initializer.removeAll { !read.contains($0.name) }
    }

    private static func floats(_ values: [Float], dims: [Int64], name: String) -> Onnx_TensorProto {
        constant(values.withUnsafeBytes { Data($0) }, type: .float, dims: dims, name: name)
    }

    private static func int8s(_ values: [Int8], dims: [Int64], name: String) -> Onnx_TensorProto {
        constant(values.withUnsafeBytes { Data($0) }, type: .int8, dims: dims, name: name)
    }

    private static func constant(_ bytes: Data, type: ElementType, dims: [Int64], name: String) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = dims
        tensor.dataType = type.rawValue
        tensor.rawData = bytes
        return tensor
    }
}
