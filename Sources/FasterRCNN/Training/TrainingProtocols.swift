import Foundation
import Torch

/// A model the training loop can train: named parameters and a training forward that returns the loss terms.
public protocol TrainableModel: AnyObject {
    /// What one iteration consumes.
    associatedtype Batch
    /// The model's parameters and buffers; the loop switches `isTraining` and checkpoints `namedTensors()`.
    var store: ParameterStore { get }
    /// Called before the first batch of epoch `epoch` (0-based). A model that draws random numbers of its own
    /// (for FasterRCNN: anchor and RoI sampling) reseeds them from the run's seed and `epoch` here, so that a run
    /// resumed after epoch k draws what the uninterrupted run drew.
    func startEpoch(_ epoch: Int) throws
    /// The loss terms of one batch in a fixed order (for FasterRCNN: `rpn_out_class_loss`,
    /// `rpn_out_regress_loss`, `dense_class_td_loss`, `dense_regress_td_loss`, then the regularizer's
    /// `regularization_loss`), each a scalar already weighted. Their sum is the loss that is minimized.
    func lossTerms(_ batch: Batch) throws -> [(name: String, value: Tensor)]
}

/// The training split, epoch by epoch. Batches (order and augmentation) depend only on the run's seed and the
/// epoch, so that a resumed run repeats them.
public protocol TrainingBatchSource: AnyObject {
    associatedtype Batch
    /// How many images an epoch covers (TAO's `num_samples`).
    var sampleCount: Int { get }
    /// Starts epoch `epoch` (0-based): reshuffles and prepares its batches.
    func startEpoch(_ epoch: Int) throws
    /// The next batch of the current epoch.
    func nextBatch() throws -> Batch
    /// Up to `limit` images of `batch` as the model sees them (after augmentation), with their ground-truth
    /// boxes drawn, for TensorBoard.
    func previewImages(of batch: Batch, limit: Int) throws -> [RasterImage]
    /// Calls `body` with training batches covering at least `images` images (at most the whole split) for
    /// re-estimating batch-norm statistics after epoch `epoch` (0-based). They are shuffled and augmented like
    /// training batches but drawn from a random stream of their own, so the training batches stay the same.
    func forEachStatisticsBatch(images: Int, afterEpoch epoch: Int, _ body: (Batch) throws -> Void) throws
}
