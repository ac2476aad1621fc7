import Torch

/// The four Faster R-CNN losses of one training step (each already weighted by its lambda) and the kernel
/// regularization; ``total`` is what training minimises.
public struct DetectionLosses {
    public let rpnClass: Tensor
    public let rpnRegression: Tensor
    public let rcnnClass: Tensor
    public let rcnnRegression: Tensor
    public let regularization: Tensor

    /// The sum of the five terms (a 0-d tensor that can be back-propagated).
    public func total() throws -> Tensor {
        try rpnClass + rpnRegression + rcnnClass + rcnnRegression + regularization
    }

    /// The five values as numbers, in the order rpnClass, rpnRegression, rcnnClass, rcnnRegression,
    /// regularization.
    public func values() throws -> [Double] {
        try [rpnClass, rpnRegression, rcnnClass, rcnnRegression, regularization].map { try $0.item() }
    }
}

/// TAO's loss functions (`faster_rcnn/losses`, reference 7.7). Smooth L1 with parameter σ is 0.5σ²x² for
/// |x| < 1/σ², else |x| − 0.5/σ².
public enum DetectionLoss {
    /// λ · mean over images of Σ_anchors weight · BCE(label, sigmoid(logit)) / rpnMiniBatch.
    /// Shapes: logits, labels, weights [N, M]. The BCE is computed from logits (stable); TAO computes it from the
    /// sigmoid output with Keras' 1e-7 clipping, which differs only for saturated probabilities.
    public static func rpnClass(
        logits: Tensor, labels: Tensor, weights: Tensor, miniBatch: Int, lambda: Double
    ) throws -> Tensor {
        let perAnchor = try logits.binaryCrossEntropyWithLogits(target: labels, reduction: .none)
        return try (perAnchor * weights).sum(dims: [1]).mean() * (lambda / Double(miniBatch))
    }

    /// λ · mean over images of Σ_positive anchors smoothL1_σ=3(delta − target) / rpnMiniBatch.
    /// Shapes: deltas, targets [N, M, 4]; positives [N, M] (1 for a sampled positive).
    public static func rpnRegression(
        deltas: Tensor, targets: Tensor, positives: Tensor, miniBatch: Int, lambda: Double
    ) throws -> Tensor {
        let perValue = try deltas.smoothL1(target: targets, reduction: .none, beta: 1.0 / 9.0)
        return try (perValue * positives.unsqueeze(dim: 2)).sum(dims: [1, 2]).mean() * (lambda / Double(miniBatch))
    }

    /// λ · Σ over non-padded RoIs of the categorical cross-entropy / roiMiniBatch / N.
    /// Shapes: logits, oneHot [N·R, C+1] (all-zero rows are padding).
    public static func rcnnClass(
        logits: Tensor, oneHot: Tensor, miniBatch: Int, batch: Int, lambda: Double
    ) throws -> Tensor {
        let crossEntropy = try -(oneHot * logits.logSoftmax(dim: 1)).sum()
        return try crossEntropy * (lambda / Double(miniBatch * batch))
    }

    /// λ · Σ over the (RoI, class) slots whose mask is set of smoothL1_σ=1 / roiMiniBatch / N.
    /// Shapes: deltas [N·R, 4C]; targets [N·R, 8C] laid out per class as [mask × 4, deltas × 4].
    public static func rcnnRegression(
        deltas: Tensor, targets: Tensor, miniBatch: Int, batch: Int, lambda: Double
    ) throws -> Tensor {
        let rows = deltas.shape[0]
        let perClass = try targets.reshape([rows, -1, 8])
        let mask = try perClass.slice(dim: 2, start: 0, end: 4)
        let wanted = try perClass.slice(dim: 2, start: 4, end: 8)
        let perValue = try deltas.reshape([rows, -1, 4]).smoothL1(target: wanted, reduction: .none, beta: 1)
        return try (perValue * mask).sum() * (lambda / Double(miniBatch * batch))
    }
}
