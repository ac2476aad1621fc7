import Foundation

/// Everything `frcnn train` checks before any work: the spec (every rule and every input it names), the key,
/// the results folder, and the checkpoint to resume from (read and decrypted here, so that a wrong key or a
/// foreign file fails before a model is built).
public struct TrainingLaunch {
    public let spec: ExperimentSpec
    public let settings: TrainingSettings
    /// The checkpoint of `resume_from_model`; nil for a fresh run.
    public let resumeFrom: TrainingCheckpoint?
    /// The model of `retrain_pruned_model` (from `frcnn prune`); nil when the spec names none or the run resumes.
    public let prunedModel: TrainingCheckpoint?

    /// The checkpoint whose tensor shapes the model is built with: the one resumed, else the pruned model.
    public var shapeSource: TrainingCheckpoint? { resumeFrom ?? prunedModel }

    /// Checks and loads everything for a run of the spec at `specPath` writing to `resultsDirectory`; `key` is the
    /// command line's `-k`. Throws `SpecError` for spec problems and `TrainingError` for the rest.
    public static func prepare(specPath: String, resultsDirectory: String, key: String?) throws -> TrainingLaunch {
        let spec = try ExperimentSpec.load(path: specPath)
        try spec.requirePaths(for: .train)
        let unsupported = spec.unsupportedFields(for: .train)
        if !unsupported.isEmpty { throw SpecError(unsupported) }
        let specText: String
        do { specText = try String(contentsOfFile: specPath, encoding: .utf8) } catch {
            throw TrainingError("\(specPath): cannot read the spec: \(error.localizedDescription)")
        }
        var settings = TrainingSettings(experiment: spec.resolved, specText: specText, resultsDirectory: resultsDirectory,
                                        key: key, hasValidationSplit: spec.resolved.dataset.validation != .none)
        var resumeFrom: TrainingCheckpoint?
        if let reference = spec.resolved.training.resumeFromModel {
            let checkpoint = try TrainingCheckpoint.read(from: reference.path, key: settings.key)
            guard checkpoint.epoch == reference.epoch else {
                throw TrainingError("\(reference.path): the name says epoch \(reference.epoch) but the checkpoint holds epoch \(checkpoint.epoch)")
            }
            resumeFrom = checkpoint
        }
        // A resumed run takes every weight and shape from its checkpoint: the pruned model is read only to start.
        let prunedModel = try (resumeFrom == nil ? spec.resolved.training.retrainPrunedModel : nil).map { path in
            let model = try TrainingCheckpoint.read(from: path, key: settings.key)
            guard model.architecture == settings.architecture else {
                throw TrainingError("\(path): retrain_pruned_model is a \(model.architecture) model, the spec's arch is \(settings.architecture)")
            }
            return model
        }
        settings.batchNorm = BatchNormSettings.forTraining(
            spec: spec.resolved.model.batchNorm, continuing: (resumeFrom ?? prunedModel)?.batchNorm,
            pretrainedWeights: spec.resolved.training.pretrainedWeights).settings
        try ResultsFolder.prepare(resultsDirectory)
        try ResultsFolder.checkNothingWouldBeOverwritten(settings, after: resumeFrom?.epoch ?? 0)
        return TrainingLaunch(spec: spec, settings: settings, resumeFrom: resumeFrom, prunedModel: prunedModel)
    }
}
