/// Keras 2 SGD: with lr the decayed learning rate and g the gradient,
/// v ← momentum·v − lr·g; then p ← p + momentum·v − lr·g (Nesterov) or p ← p + v.
public final class SGD: Optimizer {
    public var learningRate: Double
    /// Keras `momentum`.
    public let momentum: Double
    /// Keras `nesterov`.
    public let nesterov: Bool
    /// Keras `decay` (inverse-time decay of the learning rate).
    public let decay: Double
    public private(set) var iterations = 0
    private var slots: ParameterSlots

    /// An optimizer over `parameters` (typically `store.trainableParameters`). Slot: `momentum`.
    public init(
        _ parameters: [ParameterStore.Entry], learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false,
        decay: Double = 0
    ) throws {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.decay = decay
        slots = try ParameterSlots(parameters, slots: ["momentum"])
    }

    public func step() throws {
        let lr = decayedLearningRate(learningRate, decay: decay, iterations: iterations)
        try slots.forEachGradient { index, parameter, gradient in
            let velocity = slots.buffer("momentum", index)
            try velocity.multiplyInPlace(momentum)
            try velocity.addInPlace(gradient, alpha: -lr)
            if nesterov {
                try parameter.addInPlace(velocity, alpha: momentum)
                try parameter.addInPlace(gradient, alpha: -lr)
            } else {
                try parameter.addInPlace(velocity)
            }
        }
        iterations += 1
    }

    public func zeroGrad() throws { try slots.zeroGrad() }
    public func stateTensors() throws -> [String: Tensor] { try slots.stateTensors(iterations: iterations) }
    public func loadState(_ tensors: [String: Tensor]) throws { iterations = try slots.load(tensors) }
}
