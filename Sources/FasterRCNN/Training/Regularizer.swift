import Torch

/// TAO's kernel regularizer, as Keras computes it: L1 adds `weight · Σ|w|`, L2 adds `weight · Σw²`, summed over
/// the kernels of convolution and dense layers only (in this project: parameters named `….weight` with two or
/// more dimensions; biases and batch-norm scales are one-dimensional). Frozen kernels count too, as in Keras,
/// where their regularization terms stay part of the total loss.
public struct Regularizer: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case l1, l2
    }

    public let kind: Kind
    public let weight: Double

    public init(kind: Kind, weight: Double) {
        self.kind = kind
        self.weight = weight
    }

    /// The regularizer for the spec's settings; nil for `NO_REG`.
    public init?(_ config: ResolvedTraining.Regularizer) {
        switch config {
        case .none: return nil
        case .l1(let weight): self.init(kind: .l1, weight: Double(weight))
        case .l2(let weight): self.init(kind: .l2, weight: Double(weight))
        }
    }

    /// The penalty over the kernels of `store`, as a scalar tensor.
    public func penalty(_ store: ParameterStore) throws -> Tensor {
        var total: Tensor?
        for entry in store.parameters where entry.name.hasSuffix("weight") && entry.tensor.rank >= 2 {
            let term = try (kind == .l1 ? entry.tensor.abs() : entry.tensor.square()).sum()
            total = try total.map { try $0 + term } ?? term
        }
        guard let total else { return try Tensor(scalar: 0, dtype: store.dtype, device: store.device) }
        return try total * weight
    }
}
