/// A 2-d convolution with parameters `weight` [out, in/groups, kh, kw] and optional `bias` [out].
public final class Conv2d: Module {
    /// The kernel [out, in/groups, kh, kw].
    public let weight: Tensor
    /// The bias [out], if the layer has one.
    public let bias: Tensor?
    /// Step (height, width).
    public let stride: (Int, Int)
    /// Zero padding added on both sides (height, width).
    public let padding: (Int, Int)
    /// Kernel dilation (height, width).
    public let dilation: (Int, Int)
    /// Channel groups (in and out channels are divided into this many independent convolutions).
    public let groups: Int

    /// Registers `path.weight` (and `path.bias`). Defaults follow Keras/TAO: glorot-uniform kernel, zero bias.
    /// When the store holds other shapes for them (``ParameterStore/shapes``), the kernel's shape decides the
    /// channels, and a grouped convolution's `groups` scales with the output channels (outputs per group stay the same).
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
        // A grouped kernel stored with fewer output channels (``ParameterStore/shapes``) keeps the outputs per
        // group: a depthwise convolution stays depthwise over the channels it has.
        self.groups = groups == 1 ? 1 : groups * weight.shape[0] / outChannels
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.conv2d(
            weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation, groups: groups)
    }
}
