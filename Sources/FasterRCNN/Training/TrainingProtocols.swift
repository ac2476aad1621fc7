import Foundation
import Torch

/// A model the training loop can train: named parameters and a training forward that returns the loss terms.
public protocol TrainableModel: AnyObject {
    /// What one iteration consumes.
    associatedtype Batch
    /// The model's parameters and buffers; the loop switches `isTraining` and checkpoints `namedTensors()`.
    var store: ParameterStore { get }
    /// The loss terms of one batch in a fixed order (for FasterRCNN: `rpn_out_class_loss`,
    /// `rpn_out_regress_loss`, `dense_class_td_loss`, `dense_regress_td_loss`), each a scalar already
    /// multiplied by its lambda. Their sum plus the regularizer is the loss that is minimized.
    func lossTerms(_ batch: Batch) throws -> [(name: String, value: Tensor)]
}

/// The training split as an endless stream of batches with a resumable random state.
public protocol TrainingBatchSource: AnyObject {
    associatedtype Batch
    /// How many images an epoch covers (TAO's `num_samples`).
    var sampleCount: Int { get }
    /// The next batch; the source reshuffles (and augments) on its own as it wraps around.
    func nextBatch() throws -> Batch
    /// Up to `limit` images of `batch` as the model sees them (after augmentation), with their ground-truth
    /// boxes drawn, for TensorBoard.
    func previewImages(of batch: Batch, limit: Int) throws -> [RasterImage]
    /// The source's position and random state, serialized; written into checkpoints.
    var randomState: String { get }
    /// Restores a state read from a checkpoint, so that the following batches repeat.
    func restore(randomState: String) throws
}
