import Foundation

/// What a training run does, taken from the resolved experiment and the command line; the loop reads nothing else.
public struct TrainingSettings: Sendable {
    public var epochs: Int
    public var batchSize: Int
    /// Save every k epochs; checkpoints are off when `savesCheckpoints` is false (k > epochs, as TAO).
    public var checkpointInterval: Int
    public var savesCheckpoints: Bool
    /// Validate every k epochs; nil when there is no validation split.
    public var validationPeriod: Int?
    public var learningRate: ResolvedTraining.LearningRate
    public var optimizer: ResolvedTraining.Optimizer
    public var earlyStopping: ResolvedTraining.EarlyStopping?
    public var visualizer: ResolvedTraining.Visualizer
    /// The RESULTS folder (`-r`).
    public var resultsDirectory: String
    /// Checkpoint names are `<stem>.epoch_<N>.hdf5`, e.g. `frcnn_resnet_18`.
    public var checkpointStem: String
    /// The backbone as written in the spec, stored in checkpoints and checked on resume.
    public var architecture: String
    /// The key checkpoints are encrypted with (`-k`, else `enc_key`); nil for plain files.
    public var key: String?
    /// The spec text, stored in checkpoints.
    public var specText: String
    /// The model's batch-norm settings, stored in checkpoints (``TrainingLaunch`` decides them).
    public var batchNorm = BatchNormSettings.tao
    /// Training images the batch-norm statistics are re-estimated over before each checkpoint and validation
    /// (``ResolvedExperiment/preciseBatchNormImages``); nil: off, the running averages of training are kept (TAO).
    public var preciseBatchNormImages: Int?

    /// Settings given one by one (the CLI uses ``init(experiment:specText:resultsDirectory:key:hasValidationSplit:)``).
    public init(epochs: Int, batchSize: Int, checkpointInterval: Int, validationPeriod: Int?,
                learningRate: ResolvedTraining.LearningRate, optimizer: ResolvedTraining.Optimizer,
                earlyStopping: ResolvedTraining.EarlyStopping?, visualizer: ResolvedTraining.Visualizer,
                resultsDirectory: String, checkpointStem: String, architecture: String, key: String?, specText: String) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.checkpointInterval = checkpointInterval
        savesCheckpoints = checkpointInterval <= epochs
        self.validationPeriod = validationPeriod
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.earlyStopping = earlyStopping
        self.visualizer = visualizer
        self.resultsDirectory = resultsDirectory
        self.checkpointStem = checkpointStem
        self.architecture = architecture
        self.key = key
        self.specText = specText
    }

    /// The settings of `experiment` for a run writing to `resultsDirectory`; `key` is the command line's `-k`,
    /// which overrides the spec's `enc_key`; `hasValidationSplit` says whether in-training validation can run.
    public init(experiment: ResolvedExperiment, specText: String, resultsDirectory: String, key: String?,
                hasValidationSplit: Bool) {
        let training = experiment.training
        epochs = training.epochs
        batchSize = training.batchSizePerGPU
        checkpointInterval = training.checkpointInterval
        savesCheckpoints = training.savesCheckpoints
        validationPeriod = hasValidationSplit ? experiment.evaluation.validationPeriod : nil
        learningRate = training.learningRate
        optimizer = training.optimizer
        earlyStopping = training.earlyStopping
        visualizer = training.visualizer
        preciseBatchNormImages = experiment.preciseBatchNormImages
        self.resultsDirectory = resultsDirectory
        checkpointStem = experiment.model.backbone.checkpointStem
        architecture = experiment.model.backbone.arch
        self.key = key.flatMap { $0.isEmpty ? nil : $0 } ?? experiment.encryptionKey
        self.specText = specText
    }

    /// The optimizer's name as stored in checkpoints.
    var optimizerKind: String {
        switch optimizer {
        case .sgd: return "sgd"
        case .adam: return "adam"
        case .rmsprop: return "rmsprop"
        }
    }
}
