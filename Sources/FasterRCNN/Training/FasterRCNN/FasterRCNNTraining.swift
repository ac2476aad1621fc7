import Foundation
import Logging

/// `frcnn train` after its launch checks: the data, the model, validation and the loop, put together from the
/// resolved experiment.
public enum FasterRCNNTraining {
    /// Takes the results folder's lock (``ResultsFolderLock``: a second run into the folder is refused), removes
    /// the partial files an interrupted run left there, builds everything `launch` describes and trains; returns
    /// how the run ended.
    public static func run(_ launch: TrainingLaunch, group: ProcessGroup = .single, log: Logger) throws
        -> Trainer<FasterRCNNTrainee, LoaderBatchSource>.Outcome {
        let lock = group.isPrimary ? try ResultsFolderLock(launch.settings.resultsDirectory) : nil
        defer { withExtendedLifetime(lock) {} }
        for path in try lock?.removeStalePartialFiles() ?? [] {
            log.info("Removed \(path): a partial file left by an interrupted run")
        }
        let experiment = launch.spec.resolved
        let training = experiment.training
        let seed = UInt64(experiment.randomSeed) + UInt64(group.rank)
        // A resumed or pruned model's file replaces every weight (TAO: retrain_pruned_model overrides pretrained_weights).
        let trainee = try FasterRCNNTrainee(experiment: experiment, seed: seed, batchNorm: launch.settings.batchNorm,
                                            pretrainedWeights: launch.shapeSource == nil ? training.pretrainedWeights : nil,
                                            shapes: launch.shapeSource?.model.mapValues(\.shape) ?? [:])
        if let report = trainee.pretrainedReport, group.isPrimary { log.info("\(report.table)") }
        log.info("Batch norm: \(launch.settings.batchNorm)")
        var settings = launch.settings
        if let pruned = launch.prunedModel, let path = training.retrainPrunedModel {
            if training.pretrainedWeights != nil { log.info("pretrained_weights is not loaded: retrain_pruned_model replaces every weight") }
            _ = try trainee.store.load(pruned.model, strict: true)
            log.info("Retraining the pruned model \(path): \(trainee.store.parameters.reduce(0) { $0 + $1.tensor.count }) parameters")
        }
        let data = try DetectionDataset.load(experiment.dataset, classes: experiment.classes, split: .training,
                                             specPath: launch.spec.file)
        data.logFileNotes(to: log)
        log.info("Training split: \(data.samples.count) images, classes \(experiment.classes.names.dropLast().joined(separator: ", "))")
        log.info("Precise batch norm: \(experiment.preciseBatchNormDescription(trainingImages: data.samples.count))")
        let source = LoaderBatchSource(dataset: data, pipeline: InputPipeline(experiment: experiment, training: true),
                                       batchSize: launch.settings.batchSize, seed: seed)
        var validation: ValidationRunner?
        if settings.validationPeriod != nil {
            let split = try DetectionDataset.load(experiment.dataset, classes: experiment.classes, split: .validation,
                                                  specPath: launch.spec.file)
            if split.samples.isEmpty {
                log.info("The validation split is empty: no validation during training.")
                settings.validationPeriod = nil
            } else {
                split.logFileNotes(to: log)
                log.info("Validation split: \(split.samples.count) images")
                validation = try ValidationRunner(experiment: experiment, dataset: split)
            }
        } else {
            log.info("No validation dataset found, skip validation during training.")
        }
        let trainer = try Trainer(model: trainee, source: source, settings: settings, group: group, log: log,
                                  validate: validation.map { validation in { _ in try validation.run(trainee.model).validationScalars } })
        return try trainer.run(resumingFrom: launch.resumeFrom)
    }
}
