import Foundation

/// Proposal-layer settings: top-N before NMS, kept after NMS, NMS IoU.
public struct ProposalSettings: Sendable, Hashable {
    public let preNMSTopN: Int
    /// `rpn_nms_max_boxes`: proposals kept after NMS (zero-padded to this count).
    public let postNMSTopN: Int
    public let nmsIoUThreshold: Float
}

/// Training settings with 0-means-default rules applied.
public struct ResolvedTraining: Sendable, Hashable {
    /// A checkpoint file and the epoch in its name (`<stem>.epoch_<N>.hdf5`).
    public struct CheckpointReference: Sendable, Hashable {
        public let path: String
        public let epoch: Int
    }

    public struct EarlyStopping: Sendable, Hashable {
        public let minDelta: Float
        public let patience: Int
    }

    public enum Optimizer: Sendable, Hashable {
        /// `lr` is overwritten by the schedule each iteration; `epsilon` is ignored as in TAO.
        case adam(beta1: Float, beta2: Float, decay: Float, amsgrad: Bool)
        case sgd(momentum: Float, decay: Float, nesterov: Bool)
        case rmsprop
    }

    public enum LearningRate: Sendable, Hashable {
        /// Ramp from `startLR` to `baseLR` until progress `softStart`, then divide by `divider` at each
        /// annealing point passed (progress = step / total steps).
        case softStart(baseLR: Float, startLR: Float, softStart: Float, annealingPoints: [Float], divider: Float)
        /// `baseLR * gamma ^ (step / (totalSteps * stepSizePercent / 100))`, continuous exponent.
        case step(baseLR: Float, gamma: Float, stepSizePercent: Float)
    }

    public enum Regularizer: Sendable, Hashable {
        case none
        case l1(weight: Float)
        case l2(weight: Float)
    }

    public let batchSizePerGPU: Int
    public let epochs: Int
    /// Save every k epochs (0 in the spec means 1).
    public let checkpointInterval: Int
    /// False when checkpoint_interval exceeds the epoch count (TAO then saves nothing).
    public let savesCheckpoints: Bool
    public let enableAugmentation: Bool
    /// Backbone weights loaded by layer name; nil when not set.
    public let pretrainedWeights: String?
    /// Pruned model to retrain; nil when not set.
    public let retrainPrunedModel: String?
    /// Checkpoint to resume from; nil when not set.
    public let resumeFromModel: CheckpointReference?
    public let rpnMinOverlap: Float
    public let rpnMaxOverlap: Float
    public let classifierMinOverlap: Float
    public let classifierMaxOverlap: Float
    public let gtAsRoI: Bool
    /// RPN deltas are divided by this in the proposal layer.
    public let stdScaling: Float
    /// RCNN regression target scales in (x, y, w, h) order.
    public let classifierRegressionStd: [Float]
    /// Anchors sampled per image for the RPN loss.
    public let rpnMiniBatch: Int
    public let proposal: ProposalSettings
    public let regularizer: Regularizer
    public let optimizer: Optimizer
    public let learningRate: LearningRate
    public let lambdaRPNRegression: Float
    public let lambdaRPNClass: Float
    public let lambdaRCNNRegression: Float
    public let lambdaRCNNClass: Float
    public let enableQAT: Bool
    public let modelParallelism: [Float]
    /// Early stopping on the loss; nil when not configured.
    public let earlyStopping: EarlyStopping?
    /// What TensorBoard receives besides scalars (`visualizer`; its W&B and ClearML sections only get a warning).
    public let visualizer: Visualizer
    /// How many augmented training images the batch-norm statistics are re-estimated over before each checkpoint
    /// and validation (`precise_batch_norm`, frcnn's extension; at most the training split's size); nil when
    /// `disabled`, TAO's behaviour.
    public let preciseBatchNormImages: Int?
    /// The image count of `precise_batch_norm` when the spec leaves it 0 (or has no such section).
    public static let defaultPreciseBatchNormImages = 200

    /// What TensorBoard receives besides scalars.
    public struct Visualizer: Sendable, Hashable {
        /// Whether anything is written to `<results>/logs` at all (`visualizer.enabled`).
        public var enabled: Bool
        /// Augmented input images logged per epoch (`visualizer.num_images`).
        public var images: Int
        /// Whether a histogram of every parameter is logged per epoch (`visualizer.weight_histograms`).
        public var weightHistograms: Bool

        public init(enabled: Bool, images: Int, weightHistograms: Bool) {
            self.enabled = enabled
            self.images = images
            self.weightHistograms = weightHistograms
        }
    }

    init(_ training: Frcnn_Spec_TrainingConfig) {
        batchSizePerGPU = Int(training.batchSizePerGpu)
        epochs = Int(training.numEpochs)
        checkpointInterval = training.checkpointInterval == 0 ? 1 : Int(training.checkpointInterval)
        savesCheckpoints = checkpointInterval <= epochs
        enableAugmentation = training.enableAugmentation
        pretrainedWeights = training.pretrainedWeights.nonEmpty
        retrainPrunedModel = training.retrainPrunedModel.nonEmpty
        resumeFromModel = training.resumeFromModel.nonEmpty.flatMap { path in
            Self.epoch(inCheckpointName: path).map { CheckpointReference(path: path, epoch: $0) }
        }
        rpnMinOverlap = training.rpnMinOverlap
        rpnMaxOverlap = training.rpnMaxOverlap
        classifierMinOverlap = training.classifierMinOverlap
        classifierMaxOverlap = training.classifierMaxOverlap
        gtAsRoI = training.gtAsRoi
        stdScaling = training.stdScaling
        classifierRegressionStd = ["x", "y", "w", "h"].map { training.classifierRegrStd[$0] ?? 0 }
        rpnMiniBatch = Int(training.rpnMiniBatch)
        proposal = ProposalSettings(preNMSTopN: Int(training.rpnPreNmsTopN), postNMSTopN: Int(training.rpnNmsMaxBoxes),
                                    nmsIoUThreshold: training.rpnNmsOverlapThreshold)
        switch training.regularizer.type {
        case .l1: regularizer = .l1(weight: training.regularizer.weight)
        case .l2: regularizer = .l2(weight: training.regularizer.weight)
        default: regularizer = .none
        }
        switch training.optimizer.optim {
        case .adam(let adam): optimizer = .adam(beta1: adam.beta1, beta2: adam.beta2, decay: adam.decay, amsgrad: adam.amsgrad)
        case .sgd(let sgd): optimizer = .sgd(momentum: sgd.momentum, decay: sgd.decay, nesterov: sgd.nesterov)
        case .rmsprop, nil: optimizer = .rmsprop
        }
        switch training.learningRate.lrConfig {
        case .step(let step):
            learningRate = .step(baseLR: step.baseLr, gamma: step.gamma, stepSizePercent: step.stepSize)
        case .softStart(let soft):
            learningRate = .softStart(baseLR: soft.baseLr, startLR: soft.startLr, softStart: soft.softStart,
                                      annealingPoints: soft.annealingPoints, divider: soft.annealingDivider)
        case nil:
            learningRate = .step(baseLR: 0, gamma: 0, stepSizePercent: 0)
        }
        lambdaRPNRegression = training.lambdaRpnRegr
        lambdaRPNClass = training.lambdaRpnClass
        lambdaRCNNRegression = training.lambdaClsRegr
        lambdaRCNNClass = training.lambdaClsClass
        enableQAT = training.enableQat
        modelParallelism = training.modelParallelism
        earlyStopping = training.hasEarlyStopping
            ? EarlyStopping(minDelta: training.earlyStopping.minDelta, patience: Int(training.earlyStopping.patience)) : nil
        visualizer = Visualizer(enabled: training.visualizer.enabled, images: Int(training.visualizer.numImages),
                                weightHistograms: training.visualizer.weightHistograms)
        let precise = training.preciseBatchNorm
        preciseBatchNormImages = precise.disabled ? nil
            : precise.images == 0 ? Self.defaultPreciseBatchNormImages : Int(precise.images)
    }

    /// The epoch in a checkpoint name `<stem>.epoch_<N>.<ext>`, where ext starts with one of the
    /// characters of "tlt|hdf5" (TAO's regex `.*\.epoch_[0-9]+\.[tlt|hdf5]` is a character class).
    public static func epoch(inCheckpointName path: String) -> Int? {
        let name = Substring(path)
        var searchStart = name.startIndex
        while let range = name[searchStart...].range(of: ".epoch_") {
            let digits = name[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            let after = name[digits.endIndex...]
            if !digits.isEmpty, after.first == ".", let next = after.dropFirst().first, "tlt|hdf5".contains(next) {
                return Int(digits)
            }
            searchStart = range.upperBound
        }
        return nil
    }
}

extension String {
    /// nil for "", else the string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
