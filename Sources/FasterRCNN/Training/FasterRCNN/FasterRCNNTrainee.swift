import Foundation
import Torch

/// FasterRCNN as the training loop sees it: a ``FasterRCNNModel`` built from the spec, trained on the data
/// layer's ``Batch``es (boxes y1x1y2x2 in input pixels, padded slots skipped).
public final class FasterRCNNTrainee: TrainableModel {
    public let model: FasterRCNNModel
    /// The run's seed; the model's anchor and RoI sampling is reseeded from it at every epoch.
    public let seed: UInt64
    public var store: ParameterStore { model.store }

    /// What loading `pretrained_weights` did, per backbone layer; nil when the spec names none.
    public let pretrainedReport: PretrainedWeights.Report?

    /// Builds the backbone (parameters under `backbone.`, batch norms with `batchNorm`) and the detector of
    /// `experiment` in a new store, with libtorch's generator seeded by `seed` for the initial weights, then loads
    /// `pretrainedWeights` (the spec's `pretrained_weights`; pass nil when resuming, as the checkpoint replaces
    /// every weight) into the backbone. Tensors named in `shapes` take those shapes (``ParameterStore/shapes``):
    /// a pruned model's, or a checkpoint's.
    public init(experiment: ResolvedExperiment, seed: UInt64, batchNorm: BatchNormSettings = .tao, pretrainedWeights: String?,
                shapes: [String: [Int]] = [:]) throws {
        Runtime.manualSeed(seed)
        let store = ParameterStore(shapes: shapes)
        let backbone = try BackboneFactory.make(arch: experiment.model.backbone.arch,
                                                options: BackboneOptions(experiment: experiment, batchNorm: batchNorm),
                                                path: store.root / "backbone")
        pretrainedReport = try pretrainedWeights.map { try PretrainedWeights.load(URL(fileURLWithPath: $0), into: backbone) }
        model = try FasterRCNNModel(backbone: backbone, store: store, configuration: DetectorConfiguration(experiment, stage: .evaluation),
                                    seed: seed)
        self.seed = seed
    }

    public func startEpoch(_ epoch: Int) throws {
        model.random = DetectionRandom(seed: seed &+ UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15)
    }

    public func lossTerms(_ batch: Batch) throws -> [(name: String, value: Tensor)] {
        let images = try Tensor(batch.images, shape: [batch.count, batch.channels, batch.height, batch.width])
            .to(device: store.device)
        let truth = (0..<batch.count).map { image -> GroundTruth in
            let slots = (0..<batch.objectCounts[image]).map { image * batch.maxObjects + $0 }
            return GroundTruth(boxes: slots.flatMap { batch.boxes[($0 * 4)..<($0 * 4 + 4)] },
                               classIDs: slots.map { Int(batch.classIDs[$0]) })
        }
        let losses = try model.trainingLosses(images: images, groundTruth: truth)
        return [("rpn_out_class_loss", losses.rpnClass), ("rpn_out_regress_loss", losses.rpnRegression),
                ("dense_class_td_loss", losses.rcnnClass), ("dense_regress_td_loss", losses.rcnnRegression),
                ("regularization_loss", losses.regularization)]
    }
}
