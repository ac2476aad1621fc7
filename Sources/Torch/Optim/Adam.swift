import Foundation

/// Keras 2 Adam: with t = iterations + 1 and lr the decayed learning rate,
/// lr_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ); m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
/// p ← p − lr_t·m/(√v + ε), or with AMSGrad v̂ ← max(v̂, v) and p ← p − lr_t·m/(√v̂ + ε).
/// ε is Keras' default 1e-7 (TAO ignores the spec's epsilon).
public final class Adam: Optimizer {
    public var learningRate: Double
    /// Keras `beta_1`.
    public let beta1: Double
    /// Keras `beta_2`.
    public let beta2: Double
    /// Keras `amsgrad`.
    public let amsgrad: Bool
    /// Keras `decay` (inverse-time decay of the learning rate).
    public let decay: Double
    /// Keras' `K.epsilon()`.
    public static let epsilon = 1e-7
    public private(set) var iterations = 0
    private var slots: ParameterSlots

    /// An optimizer over `parameters`. Slots: `m`, `v` and (with AMSGrad) `vhat`.
    public init(
        _ parameters: [ParameterStore.Entry], learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
        amsgrad: Bool = false, decay: Double = 0
    ) throws {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.amsgrad = amsgrad
        self.decay = decay
        slots = try ParameterSlots(parameters, slots: amsgrad ? ["m", "v", "vhat"] : ["m", "v"])
    }

    public func step() throws {
        let t = Double(iterations + 1)
        let lr = decayedLearningRate(learningRate, decay: decay, iterations: iterations)
        let stepSize = lr * Foundation.sqrt(1 - Foundation.pow(beta2, t)) / (1 - Foundation.pow(beta1, t))
        try slots.forEachGradient { index, parameter, gradient in
            let m = slots.buffer("m", index)
            let v = slots.buffer("v", index)
            try m.multiplyInPlace(beta1)
            try m.addInPlace(gradient, alpha: 1 - beta1)
            try v.multiplyInPlace(beta2)
            try v.addProductInPlace(gradient, gradient, value: 1 - beta2)
            var second = v
            if amsgrad {
                second = slots.buffer("vhat", index)
                try second.maximumInPlace(v)
            }
            try parameter.addQuotientInPlace(m, second.sqrt() + Adam.epsilon, value: -stepSize)
        }
        iterations += 1
    }

    public func zeroGrad() throws { try slots.zeroGrad() }
    public func stateTensors() throws -> [String: Tensor] { try slots.stateTensors(iterations: iterations) }
    public func loadState(_ tensors: [String: Tensor]) throws { iterations = try slots.load(tensors) }
}
