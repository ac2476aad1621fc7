import Foundation
import Torch

/// A trained model read back for `evaluate` and `inference`: the spec's backbone and detector, with every weight
/// from a ``TrainingCheckpoint`` (read through its API, decrypted with the key when the file is encrypted).
public enum CheckpointModel {
    /// Which spec section supplies the proposal-layer and final-NMS settings of ``FasterRCNNModel/detect(_:)``.
    public typealias Purpose = DetectorConfiguration.Stage

    /// The device the commands run on: the first CUDA device when libtorch has one, else the CPU.
    public static var preferredDevice: Device { Runtime.isCUDAAvailable ? .cuda(0) : .cpu }

    /// Builds the model `experiment` describes, with the layer shapes and batch-norm settings of the checkpoint at
    /// `path` (a pruned model has fewer channels), and loads its weights (strictly: a missing or extra tensor is
    /// an error naming it, and so are output layers that do not fit the spec's anchors and classes).
    /// - Parameters:
    ///   - key: the checkpoint key (`-k`, else the spec's `enc_key`); needed when the file is encrypted.
    ///   - device: where the model runs.
    /// - Throws: ``TrainingError`` naming `path` for a missing, foreign, damaged or wrongly keyed file, or a
    ///   checkpoint of another architecture.
    public static func load(path: String, key: String?, experiment: ResolvedExperiment, purpose: Purpose,
                            device: Device = .cpu) throws -> FasterRCNNModel {
        try model(of: TrainingCheckpoint.read(from: path, key: key), path: path, experiment: experiment, purpose: purpose, device: device)
    }

    /// ``load(path:key:experiment:purpose:device:)`` for a checkpoint already read from `path`.
    public static func model(of checkpoint: TrainingCheckpoint, path: String, experiment: ResolvedExperiment, purpose: Purpose,
                             device: Device = .cpu) throws -> FasterRCNNModel {
        let arch = experiment.model.backbone.arch
        guard checkpoint.architecture == arch else {
            throw TrainingError("\(path): the checkpoint is a \(checkpoint.architecture) model, the spec's arch is \(arch)")
        }
        let store = ParameterStore(shapes: checkpoint.model.mapValues(\.shape))  // a pruned model has its own
        let model: FasterRCNNModel
        do {
            let options = BackboneOptions(experiment: experiment, batchNorm: checkpoint.batchNorm)
            let backbone = try BackboneFactory.make(arch: arch, options: options, path: store.root / "backbone")
            model = try FasterRCNNModel(backbone: backbone, store: store, configuration: configuration(experiment, purpose: purpose))
            _ = try store.load(checkpoint.model, strict: true)
        } catch {
            throw TrainingError("\(path): the checkpoint's weights do not fit the spec's model: \(error)")
        }
        if device != .cpu { try store.convert(device: device) }
        store.isTraining = false
        return model
    }

    /// The detector settings of `experiment`, with the proposal and NMS settings of `purpose`'s spec section.
    public static func configuration(_ experiment: ResolvedExperiment, purpose: Purpose) -> DetectorConfiguration {
        DetectorConfiguration(experiment, stage: purpose)
    }
}
