import CTorch

/// How a loss combines per-element values.
public enum Reduction: Int32, Sendable {
    case none = 0, mean = 1, sum = 2
}

extension Tensor {
    /// Binary cross-entropy of logits (self) against targets in [0, 1], computed stably;
    /// `weight` scales elements, `positiveWeight` scales the positive term per class.
    public func binaryCrossEntropyWithLogits(
        target: Tensor, weight: Tensor? = nil, positiveWeight: Tensor? = nil, reduction: Reduction = .mean
    ) throws -> Tensor {
        try Tensor.checked(
            ctorch_bce_with_logits(handle, target.handle, weight?.handle, positiveWeight?.handle, reduction.rawValue))
    }

    /// Cross-entropy of logits [N, C] (or [N, C, ...]) against int64 class indices [N]; targets equal to
    /// `ignoreIndex` contribute nothing (and are excluded from the mean).
    public func crossEntropy(
        target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean, ignoreIndex: Int = -100,
        labelSmoothing: Double = 0
    ) throws -> Tensor {
        try Tensor.checked(
            ctorch_cross_entropy(handle, target.handle, weight?.handle, reduction.rawValue, Int64(ignoreIndex),
                                 labelSmoothing))
    }

    /// Smooth L1 (Huber-like): 0.5 x²/beta when |x| < beta, else |x| - 0.5 beta, with x = self - target.
    public func smoothL1(target: Tensor, reduction: Reduction = .mean, beta: Double = 1) throws -> Tensor {
        try Tensor.checked(ctorch_smooth_l1(handle, target.handle, reduction.rawValue, beta))
    }

    /// Squared error (self - target)².
    public func meanSquaredError(target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        try Tensor.checked(ctorch_mse(handle, target.handle, reduction.rawValue))
    }
}
