import Torch

extension ResolvedTraining.Optimizer {
    /// The Keras-semantics optimizer over `parameters`; its learning rate is set by the schedule every iteration
    /// (TAO overwrites the spec's `lr`). Adam's `epsilon` is Keras' default, as TAO ignores the spec's; RMSprop
    /// gets Keras' defaults (rho 0.9, no decay), as TAO passes only the rate.
    func make(_ parameters: [ParameterStore.Entry]) throws -> any Optimizer {
        switch self {
        case let .sgd(momentum, decay, nesterov):
            return try SGD(parameters, momentum: Double(momentum), nesterov: nesterov, decay: Double(decay))
        case let .adam(beta1, beta2, decay, amsgrad):
            return try Adam(parameters, beta1: Double(beta1), beta2: Double(beta2), amsgrad: amsgrad, decay: Double(decay))
        case .rmsprop:
            return try RMSProp(parameters)
        }
    }
}
