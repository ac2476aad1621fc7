import Torch

extension ResolvedTraining.Regularizer {
    /// Kernel regularization (TAO's `RegularizerConfig`): L1 is weight · Σ|w|, L2 weight · Σw² (Keras' l2,
    /// without a factor 1/2).
    ///
    /// The penalty over the kernels in `store`: every parameter named `*.weight` with two or more dimensions
    /// (conv and dense kernels; biases and batch-norm scales are 1-d and excluded). Frozen kernels count too,
    /// like Keras' regularization losses, but get no gradient.
    public func penalty(_ store: ParameterStore) throws -> Tensor {
        let kernels = store.parameters.filter { $0.name.hasSuffix("weight") && $0.tensor.rank >= 2 }
        let device = kernels.first?.tensor.device ?? .cpu
        var total = try Tensor.zeros([], device: device)
        switch self {
        case .none:
            break
        case .l1(let weight):
            for kernel in kernels { total = try total + kernel.tensor.abs().sum() * Double(weight) }
        case .l2(let weight):
            for kernel in kernels { total = try total + kernel.tensor.square().sum() * Double(weight) }
        }
        return total
    }
}
