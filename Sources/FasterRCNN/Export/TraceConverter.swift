import Foundation
import Torch

/// Writes the steps of an ``OperationTrace`` as ONNX nodes (opset 17) into an ``ONNXGraphBuilder``.
///
/// A tensor a step reads is, in this order: a value named earlier (a graph input, or a step's output), a
/// parameter of the model (an initializer under its parameter name), or a tensor that existed before the trace
/// (an initializer, a constant). A tensor that an untraced operation made during the trace is refused: its
/// computation would be missing from the graph. The trace runs with concrete shapes; a `reshape` whose first
/// size equals its input's first size writes 0 there (ONNX: copy the input's size), so the first dimension
/// (images, or RoIs for the head) stays dynamic.
struct TraceConverter {
    private var names: [ObjectIdentifier: String] = [:]
    /// After ``convert(into:prefix:results:)``: the value name holding each step's output (nil for a
    /// convolution folded into the batch norm after it), for calibration by step.
    private(set) var stepValueNames: [String?] = []
    private let parameterNames: [ObjectIdentifier: String]
    private let trace: OperationTrace

    /// `parameters`: the model's store, whose names the initializers take.
    init(trace: OperationTrace, parameters: ParameterStore) {
        self.trace = trace
        var names: [ObjectIdentifier: String] = [:]
        for entry in parameters.all { names[ObjectIdentifier(entry.tensor)] = entry.name }
        parameterNames = names
    }

    /// Gives `tensor` (a graph input) the value name `name`.
    mutating func bind(_ tensor: Tensor, to name: String) {
        names[ObjectIdentifier(tensor)] = name
    }

    /// Writes every step; `prefix` starts the names of the values made. A convolution whose only reader is the
    /// next step's inference-mode batch norm, and that is not one of `results`, is written as one `Conv` with the
    /// batch norm folded into its weights and bias (computed in float32, as TensorRT fuses them), which keeps a
    /// float16 export from rounding the small pre-normalisation values.
    mutating func convert(into builder: inout ONNXGraphBuilder, prefix: String, results: [Tensor]) throws {
        let steps = trace.steps
        var readers: [ObjectIdentifier: Int] = [:]
        for step in steps { for input in step.inputs { readers[ObjectIdentifier(input), default: 0] += 1 } }
        for result in results { readers[ObjectIdentifier(result), default: 0] += 1 }
        stepValueNames = Array(repeating: nil, count: steps.count)
        var index = 0
        while index < steps.count {
            let step = steps[index], name = "\(prefix)/\(index)"
            if index + 1 < steps.count, case .conv2d = step.operation, case .batchNorm(let epsilon) = steps[index + 1].operation,
               steps[index + 1].inputs.count == 5, steps[index + 1].inputs[0] === step.output,
               readers[ObjectIdentifier(step.output)] == 1 {
                let norm = steps[index + 1]
                let folded = try foldedConvolution(step, norm: norm, epsilon: epsilon, index: index, into: &builder, name: name)
                names[ObjectIdentifier(norm.output)] = folded
                stepValueNames[index + 1] = folded
                index += 2
                continue
            }
            let value = try convert(step, index: index, into: &builder, name: name)
            names[ObjectIdentifier(step.output)] = value
            stepValueNames[index] = value
            index += 1
        }
    }

    // conv(x, w, b) then batch norm (γ, β, μ, σ²): conv(x, w·s, (b − μ)·s + β) with s = γ / √(σ² + ε).
    private mutating func foldedConvolution(_ convolution: OperationTrace.Step, norm: OperationTrace.Step, epsilon: Double,
                                            index: Int, into builder: inout ONNXGraphBuilder, name: String) throws -> String {
        guard case .conv2d(let stride, let padding, let dilation, let groups) = convolution.operation else {
            throw ExportError("step \(index): not a convolution")
        }
        let x = try input(convolution.inputs[0], of: index, into: &builder)
        let weight = convolution.inputs[1]
        let (gamma, beta, mean, variance) = (norm.inputs[1], norm.inputs[2], norm.inputs[3], norm.inputs[4])
        let (foldedWeight, foldedBias) = try noGrad { () throws -> (Tensor, Tensor) in
            let scale = try gamma.to(dtype: .float32) / (variance.to(dtype: .float32) + epsilon).sqrt()
            let bias = try convolution.inputs.count > 2 ? convolution.inputs[2].to(dtype: .float32) : Tensor.zeros(like: scale)
            return (try weight.to(dtype: .float32) * scale.reshape([-1, 1, 1, 1]),
                    try (bias - mean.to(dtype: .float32)) * scale + beta.to(dtype: .float32))
        }
        let base = parameterNames[ObjectIdentifier(weight)].map { ($0 as NSString).deletingPathExtension } ?? name
        let weightName = try builder.addInitializer(foldedWeight, name: base + ".folded_weight")
        let biasName = try builder.addInitializer(foldedBias, name: base + ".folded_bias")
        return builder.value("Conv", [x, weightName, biasName],
                             attributes: Self.convolutionAttributes(stride, padding, dilation, groups), name: name)
    }

    private static func convolutionAttributes(_ stride: [Int], _ padding: [Int], _ dilation: [Int], _ groups: Int) -> [Onnx_AttributeProto] {
        [ONNXAttribute.ints("strides", stride), ONNXAttribute.ints("pads", padding + padding),
         ONNXAttribute.ints("dilations", dilation), ONNXAttribute.int("group", groups)]
    }

    /// The value name of `tensor` after ``convert(into:prefix:)``.
    func name(of tensor: Tensor) throws -> String {
        guard let name = names[ObjectIdentifier(tensor)] else {
            throw ExportError("a requested output of shape \(tensor.shape) was not computed by a traced operation")
        }
        return name
    }

    private mutating func input(_ tensor: Tensor, of step: Int, into builder: inout ONNXGraphBuilder) throws -> String {
        let id = ObjectIdentifier(tensor)
        if let name = names[id] { return name }
        guard !trace.madeByUntracedOperation(tensor) else {
            throw ExportError("step \(step) (\(trace.steps[step].operation)) reads a tensor of shape \(tensor.shape) made by an operation the exporter does not trace")
        }
        let name = try builder.addInitializer(tensor, name: parameterNames[id] ?? "constant")
        names[id] = name
        return name
    }

    // The ONNX form of one step; returns its output's value name.
    private mutating func convert(_ step: OperationTrace.Step, index: Int, into builder: inout ONNXGraphBuilder,
                                  name: String) throws -> String {
        var inputs: [String] = []
        for tensor in step.inputs { inputs.append(try input(tensor, of: index, into: &builder)) }
        let x = inputs.first ?? ""
        switch step.operation {
        case .function(let function):
            return try Self.function(function, x, into: &builder, name: name)
        case .arithmetic(let operation):
            return operation == .subtractFrom ? builder.value("Sub", [inputs[1], x], name: name)
                : builder.value(Self.arithmeticType(operation), inputs, name: name)
        case .scalarArithmetic(let operation, let scalar):
            let constant = try builder.addFloats([Float(scalar)], name: name + "/scalar")
            return operation == .subtractFrom ? builder.value("Sub", [constant, x], name: name)
                : builder.value(Self.arithmeticType(operation), [x, constant], name: name)
        case .leakyRelu(let slope):
            return builder.value("LeakyRelu", [x], attributes: [ONNXAttribute.float("alpha", slope)], name: name)
        case .softmax(let dim):
            return builder.value("Softmax", [x], attributes: [ONNXAttribute.int("axis", dim)], name: name)
        case .conv2d(let stride, let padding, let dilation, let groups):
            return builder.value("Conv", inputs, attributes: Self.convolutionAttributes(stride, padding, dilation, groups), name: name)
        case .batchNorm(let epsilon):
            return builder.value("BatchNormalization", inputs, attributes: [ONNXAttribute.float("epsilon", epsilon)], name: name)
        case .pad(let left, let right, let top, let bottom, let value):
            let pads = try builder.addInt64s([0, 0, Int64(top), Int64(left), 0, 0, Int64(bottom), Int64(right)], name: name + "/pads")
            let fill = try builder.addFloats([Float(value)], name: name + "/value")
            return builder.value("Pad", [x, pads, fill], name: name)
        case .linear:
            guard step.inputs[0].rank == 2 else {
                let transposed = builder.value("Transpose", [inputs[1]], attributes: [ONNXAttribute.ints("perm", [1, 0])], name: name + "/weight")
                let product = builder.value("MatMul", [x, transposed], name: name + "/matmul")
                return inputs.count > 2 ? builder.value("Add", [product, inputs[2]], name: name) : product
            }
            return builder.value("Gemm", inputs, attributes: [ONNXAttribute.int("transB", 1)], name: name)
        case .matmul:
            return builder.value("MatMul", inputs, name: name)
        case .maxPool(let kernel, let stride, let padding, let ceilMode):
            return builder.value("MaxPool", [x], attributes: [
                ONNXAttribute.ints("kernel_shape", kernel), ONNXAttribute.ints("strides", stride),
                ONNXAttribute.ints("pads", padding + padding), ONNXAttribute.int("ceil_mode", ceilMode ? 1 : 0),
            ], name: name)
        case .averagePool(let kernel, let stride, let padding, let ceilMode, let countIncludePad):
            return builder.value("AveragePool", [x], attributes: [
                ONNXAttribute.ints("kernel_shape", kernel), ONNXAttribute.ints("strides", stride),
                ONNXAttribute.ints("pads", padding + padding), ONNXAttribute.int("ceil_mode", ceilMode ? 1 : 0),
                ONNXAttribute.int("count_include_pad", countIncludePad ? 1 : 0),
            ], name: name)
        case .adaptiveAveragePool(let outputSize):
            let size = step.inputs[0].shape.suffix(2).map { $0 }
            if outputSize == [1, 1] { return builder.value("GlobalAveragePool", [x], name: name) }
            guard size.count == 2, size[0] % outputSize[0] == 0, size[1] % outputSize[1] == 0 else {
                throw ExportError("step \(index): adaptive average pooling from \(size) to \(outputSize) has no fixed kernel")
            }
            let kernel = [size[0] / outputSize[0], size[1] / outputSize[1]]
            return builder.value("AveragePool", [x], attributes: [
                ONNXAttribute.ints("kernel_shape", kernel), ONNXAttribute.ints("strides", kernel),
            ], name: name)
        case .reshape(let shape):
            return try reshape(x, from: step.inputs[0].shape, to: shape, into: &builder, name: name)
        case .permute(let dims):
            return builder.value("Transpose", [x], attributes: [ONNXAttribute.ints("perm", dims)], name: name)
        case .flatten(let start, let end):
            let shape = step.inputs[0].shape
            let first = start < 0 ? start + shape.count : start, last = end < 0 ? end + shape.count : end
            if last == shape.count - 1 && first == 1 {
                return builder.value("Flatten", [x], attributes: [ONNXAttribute.int("axis", 1)], name: name)
            }
            return try reshape(x, from: shape, to: step.output.shape, into: &builder, name: name)
        case .concatenate(let dim):
            return builder.value("Concat", inputs, attributes: [ONNXAttribute.int("axis", dim)], name: name)
        case .mean(let dims, let keepDim):
            return builder.value("ReduceMean", [x], attributes: [
                ONNXAttribute.ints("axes", dims), ONNXAttribute.int("keepdims", keepDim ? 1 : 0),
            ], name: name)
        case .clamp(let low, let high):
            let bounds = try [low, high].enumerated().map { index, bound in
                try bound.map { try builder.addFloats([Float($0)], name: name + (index == 0 ? "/min" : "/max")) } ?? ""
            }
            return builder.value("Clip", [x] + bounds, name: name)
        case .identity:
            return x
        case .unsupported(let what):
            throw ExportError("step \(index): \(what) cannot be exported")
        }
    }

    private func reshape(_ x: String, from input: [Int], to shape: [Int], into builder: inout ONNXGraphBuilder,
                         name: String) throws -> String {
        var target = shape.map(Int64.init)
        if let first = input.first, target.first == Int64(first) { target[0] = 0 }
        let constant = try builder.addInt64s(target, name: name + "/shape")
        return builder.value("Reshape", [x, constant], name: name)
    }

    private static func arithmeticType(_ operation: OperationTrace.Arithmetic) -> String {
        switch operation {
        case .add: "Add"
        case .subtract, .subtractFrom: "Sub"
        case .multiply: "Mul"
        case .divide: "Div"
        }
    }

    private static func function(_ function: OperationTrace.Function, _ x: String, into builder: inout ONNXGraphBuilder,
                                 name: String) throws -> String {
        switch function {
        case .relu: return builder.value("Relu", [x], name: name)
        case .relu6:
            let low = try builder.addFloats([0], name: name + "/min"), high = try builder.addFloats([6], name: name + "/max")
            return builder.value("Clip", [x, low, high], name: name)
        case .sigmoid: return builder.value("Sigmoid", [x], name: name)
        case .silu:
            let gate = builder.value("Sigmoid", [x], name: name + "/sigmoid")
            return builder.value("Mul", [x, gate], name: name)
        case .tanh: return builder.value("Tanh", [x], name: name)
        case .exp: return builder.value("Exp", [x], name: name)
        case .log: return builder.value("Log", [x], name: name)
        case .negate: return builder.value("Neg", [x], name: name)
        case .sqrt: return builder.value("Sqrt", [x], name: name)
        case .abs: return builder.value("Abs", [x], name: name)
        case .reciprocal: return builder.value("Reciprocal", [x], name: name)
        }
    }
}
