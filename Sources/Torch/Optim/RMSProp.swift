/// Keras 2 RMSprop: a ← ρa + (1−ρ)g²; p ← p − lr·g/(√a + ε) with ε = 1e-7 and lr the decayed learning rate.
public final class RMSProp: Optimizer {
    public var learningRate: Double
    /// Keras `rho`.
    public let rho: Double
    /// Keras `decay` (inverse-time decay of the learning rate).
    public let decay: Double
    /// Keras' `K.epsilon()`.
    public static let epsilon = 1e-7
    public private(set) var iterations = 0
    private var slots: ParameterSlots

    /// An optimizer over `parameters` with Keras' defaults (lr 0.001, rho 0.9). Slot: `accumulator`.
    public init(_ parameters: [ParameterStore.Entry], learningRate: Double = 0.001, rho: Double = 0.9, decay: Double = 0) throws {
        self.learningRate = learningRate
        self.rho = rho
        self.decay = decay
        slots = try ParameterSlots(parameters, slots: ["accumulator"])
    }

    public func step() throws {
        let lr = decayedLearningRate(learningRate, decay: decay, iterations: iterations)
        try slots.forEachGradient { index, parameter, gradient in
            let accumulator = slots.buffer("accumulator", index)
            try accumulator.multiplyInPlace(rho)
            try accumulator.addProductInPlace(gradient, gradient, value: 1 - rho)
            try parameter.addQuotientInPlace(gradient, accumulator.sqrt() + RMSProp.epsilon, value: -lr)
        }
        iterations += 1
    }

    public func zeroGrad() throws { try slots.zeroGrad() }
    public func stateTensors() throws -> [String: Tensor] { try slots.stateTensors(iterations: iterations) }
    public func loadState(_ tensors: [String: Tensor]) throws { iterations = try slots.load(tensors) }
}
