import Foundation

/// `frcnn prune` end to end: reads a trained model file, rebuilds its model from the spec stored in it, prunes it
/// (``ModelPruner``) and writes the pruned model, a checkpoint file of the same format (epoch 0, no optimizer
/// state) whose tensors have the pruned shapes, ready for `retrain_pruned_model`, `evaluate` and `inference`.
public enum PruneRun {
    /// TAO's output name: `.hdf5` appended when `path` does not end with it.
    public static func outputPath(_ path: String) -> String {
        path.hasSuffix(".hdf5") ? path : path + ".hdf5"
    }

    /// Prunes the model at `modelPath` (decrypted with `key` when encrypted) and writes it to `outputPath`
    /// (encrypted with `key` when given; its folder is created if missing), which must not exist yet.
    public static func run(modelPath: String, outputPath: String, key: String?, settings: PruningSettings) throws
        -> ModelPruner.Result {
        guard !FileManager.default.fileExists(atPath: outputPath) else {
            throw PruningError("\(outputPath): the output file already exists; prune never replaces a file")
        }
        let checkpoint = try TrainingCheckpoint.read(from: modelPath, key: key)
        let spec: ExperimentSpec
        do { spec = try ExperimentSpec.parse(checkpoint.spec, file: "\(modelPath) (its spec)") } catch {
            throw PruningError("\(modelPath): the spec stored in the model does not parse: \(error)")
        }
        let model = try CheckpointModel.model(of: checkpoint, path: modelPath, experiment: spec.resolved, purpose: .evaluation)
        let result = try ModelPruner.prune(model, settings: settings)
        let pruned = TrainingCheckpoint(
            epoch: 0, globalStep: 0, architecture: checkpoint.architecture, optimizerKind: checkpoint.optimizerKind,
            spec: checkpoint.spec, model: result.tensors, optimizer: [:], generatorState: nil, earlyStopping: nil,
            learningRate: checkpoint.learningRate, batchNorm: checkpoint.batchNorm)
        let folder = (outputPath as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try pruned.write(to: outputPath, key: key)
        return result
    }
}
