/// A 2-d convolution with parameters `weight` [out, in/groups, kh, kw] and optional `bias` [out].
public final class Conv2d: Module {
    public let weight: Tensor
    public let bias: Tensor?
    public let stride: (Int, Int)
    public let padding: (Int, Int)
    public let dilation: (Int, Int)
    public let groups: Int

    /// Registers `path.weight` (and `path.bias`). Defaults follow Keras/TAO: glorot-uniform kernel, zero bias.
    public init(
        _ path: ParameterPath, inChannels: Int, outChannels: Int, kernelSize: (Int, Int),
        stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1), groups: Int = 1,
        bias: Bool = true, weightInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros
    ) throws {
        guard groups > 0, inChannels % groups == 0, outChannels % groups == 0 else {
            throw TorchError("Conv2d \(path.name): channels \(inChannels)->\(outChannels) not divisible by groups \(groups)")
        }
        weight = try path.parameter(
            "weight", shape: [outChannels, inChannels / groups, kernelSize.0, kernelSize.1],
            initializer: weightInitializer)
        self.bias = bias ? try path.parameter("bias", shape: [outChannels], initializer: biasInitializer) : nil
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.conv2d(
            weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }
}
