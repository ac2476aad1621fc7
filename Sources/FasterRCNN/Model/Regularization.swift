import Torch

extension Regularizer {
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
            for kernel in kernels { total = try total + kernel.tensor.abs().sum() * weight }
        case .l2(let weight):
            for kernel in kernels { total = try total + kernel.tensor.square().sum() * weight }
        }
        return total
    }
}
