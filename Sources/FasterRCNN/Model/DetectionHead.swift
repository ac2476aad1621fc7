import Torch

/// TAO's RCNN outputs on top of the backbone head: `dense_class_td` (C+1 classes, softmax,
/// background last) and `dense_regress_td` (4C, linear; class c owns columns 4c..<4c+4 as (tx, ty, tw, th), no
/// background regression). Kernels start at zero, as in keras-frcnn.
public final class DetectionHead {
    public let classifier: Linear
    public let regressor: Linear
    public let classCount: Int

    /// Registers `dense_class_td.*` and `dense_regress_td.*` under `path`.
    public init(_ path: ParameterPath, inFeatures: Int, classCount: Int) throws {
        self.classCount = classCount
        classifier = try Linear(
            path / "dense_class_td", inFeatures: inFeatures, outFeatures: classCount + 1, weightInitializer: .zeros)
        regressor = try Linear(
            path / "dense_regress_td", inFeatures: inFeatures, outFeatures: 4 * classCount, weightInitializer: .zeros)
    }

    /// Per-RoI vectors [R, D] → class logits [R, C+1] (softmax gives TAO's probabilities) and deltas [R, 4C].
    public func callAsFunction(_ pooled: Tensor) throws -> (logits: Tensor, deltas: Tensor) {
        (try classifier(pooled), try regressor(pooled))
    }
}
