/// Batch normalization over the channel dimension of [N, C, H, W] inputs, with parameters `weight` (gamma)
/// and `bias` (beta) and buffers `running_mean` and `running_var`.
///
/// In training mode (store training and not frozen) it normalizes with batch statistics and updates the
/// running statistics; otherwise it uses the running statistics. A frozen layer (``isFrozen``) always uses
/// the running statistics and its gamma/beta do not get gradients (TAO's `freeze_bn`). Freezing parameters
/// through ``ParameterStore/freeze(prefix:)`` alone stops their gradients but keeps batch statistics (and their
/// running updates) in training; call ``setFrozen(_:)`` where a layer should run in inference mode.
/// ``ParameterStore/batchNormUpdateRateOverride`` replaces `momentum` while it is set.
public final class BatchNorm2d: Module {
    /// Gamma [C].
    public let weight: Tensor
    /// Beta [C].
    public let bias: Tensor
    /// Running mean [C] (a buffer).
    public let runningMean: Tensor
    /// Running (unbiased) variance [C] (a buffer).
    public let runningVar: Tensor
    /// Update rate of the running statistics in libtorch's convention (Keras momentum = 1 - this).
    public let momentum: Double
    /// Added to the variance before the square root.
    public let eps: Double
    private let store: ParameterStore
    private let name: String

    /// Registers `path.weight`, `path.bias`, `path.running_mean`, `path.running_var`. Defaults are Keras':
    /// momentum 0.99 (here 0.01) and epsilon 1e-3.
    public init(_ path: ParameterPath, channels: Int, momentum: Double = 0.01, eps: Double = 1e-3, frozen: Bool = false) throws {
        weight = try path.parameter("weight", shape: [channels], initializer: .ones)
        bias = try path.parameter("bias", shape: [channels], initializer: .zeros)
        runningMean = try path.buffer("running_mean", Tensor.zeros([channels], dtype: path.store.dtype))
        runningVar = try path.buffer("running_var", Tensor.ones([channels], dtype: path.store.dtype))
        self.momentum = momentum
        self.eps = eps
        store = path.store
        name = path.name
        if frozen { try setFrozen(true) }
    }

    /// Whether the layer is frozen (see the type's documentation).
    public private(set) var isFrozen = false

    /// Freezes or unfreezes the statistics together with gamma and beta.
    public func setFrozen(_ flag: Bool) throws {
        for parameter in ["weight", "bias"] {
            let full = name.isEmpty ? parameter : name + "." + parameter
            if flag { try store.freeze(prefix: full) } else { try store.unfreeze(prefix: full) }
        }
        isFrozen = flag
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.batchNorm(
            weight: weight, bias: bias, runningMean: runningMean, runningVar: runningVar,
            training: store.isTraining && !isFrozen, momentum: store.batchNormUpdateRateOverride ?? momentum, eps: eps)
    }
}
