/// A fully connected layer y = x · weightᵀ + bias with `weight` [out, in] and `bias` [out].
public final class Linear: Module {
    /// The weight [out, in].
    public let weight: Tensor
    /// The bias [out], if the layer has one.
    public let bias: Tensor?

    /// Registers `path.weight` (and `path.bias`). Defaults follow Keras/TAO: glorot-uniform kernel, zero bias.
    public init(
        _ path: ParameterPath, inFeatures: Int, outFeatures: Int, bias: Bool = true,
        weightInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros
    ) throws {
        weight = try path.parameter("weight", shape: [outFeatures, inFeatures], initializer: weightInitializer)
        self.bias = bias ? try path.parameter("bias", shape: [outFeatures], initializer: biasInitializer) : nil
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.linear(weight: weight, bias: bias)
    }
}
