import Foundation
import Torch

/// A trained model read back for `evaluate` and `inference`: the spec's backbone and detector, with every weight
/// from a ``TrainingCheckpoint`` (read through its API, decrypted with the key when the file is encrypted).
public enum CheckpointModel {
    /// Which spec section supplies the proposal-layer and final-NMS settings of ``FasterRCNNModel/detect(_:)``.
    public typealias Purpose = DetectorConfiguration.Stage

    /// The device the commands run on: the first CUDA device when libtorch has one, else the CPU.
    public static var preferredDevice: Device { Runtime.isCUDAAvailable ? .cuda(0) : .cpu }

    /// Builds the model `experiment` describes and loads the weights of the checkpoint at `path` into it (strictly:
    /// a missing, extra or mis-shaped tensor is an error naming it).
    /// - Parameters:
    ///   - key: the checkpoint key (`-k`, else the spec's `enc_key`); needed when the file is encrypted.
    ///   - device: where the model runs.
    /// - Throws: ``TrainingError`` naming `path` for a missing, foreign, damaged or wrongly keyed file, or a
    ///   checkpoint of another architecture.
    public static func load(path: String, key: String?, experiment: ResolvedExperiment, purpose: Purpose,
                            device: Device = .cpu) throws -> FasterRCNNModel {
        let checkpoint = try TrainingCheckpoint.read(from: path, key: key)
        let arch = experiment.model.backbone.arch
        guard checkpoint.architecture == arch else {
            throw TrainingError("\(path): the checkpoint is a \(checkpoint.architecture) model, the spec's arch is \(arch)")
        }
        let store = ParameterStore()
        let backbone = try BackboneFactory.make(arch: arch, options: BackboneOptions(modelConfig: experiment.spec.modelConfig),
                                                path: store.root / "backbone")
        let model = try FasterRCNNModel(backbone: backbone, store: store,
                                        configuration: configuration(experiment, purpose: purpose))
        do {
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
