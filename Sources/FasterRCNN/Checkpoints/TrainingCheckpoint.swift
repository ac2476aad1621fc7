import Foundation
import Torch

/// Everything a training run needs to continue exactly where it stopped, stored in
/// `frcnn_<arch>.epoch_<N>.hdf5` (see ``SealedFile`` for the outer layer; the payload is a safetensors file).
///
/// Payload tensors: `model/<parameter or buffer name>`, `optimizer/<state name>` (the optimizer's
/// `stateTensors()`), `rng/cpu` (libtorch's CPU generator state, uint8). Payload metadata (strings):
/// `format` = `frcnn-checkpoint`, `epoch`, `global_step`, `architecture`, `optimizer`, `spec` (the experiment spec
/// text), `early_stopping` (best loss and wait count,
/// `"<best> <wait>"`, absent when early stopping is off) and `learning_rate` (the last rate used).
public struct TrainingCheckpoint {
    /// Epochs completed (1-based: the checkpoint written after the first epoch has epoch 1).
    public var epoch: Int
    /// Iterations completed over all epochs.
    public var globalStep: Int
    /// The backbone as written in the spec, e.g. `resnet:18`.
    public var architecture: String
    /// The optimizer kind (`sgd`, `adam`, `rmsprop`); a resumed run must use the same.
    public var optimizerKind: String
    /// The experiment spec text the run was started with.
    public var spec: String
    /// Model parameters and buffers by name.
    public var model: [String: Tensor]
    /// Optimizer state by name.
    public var optimizer: [String: Tensor]
    /// libtorch's CPU generator state.
    public var generatorState: Tensor?
    /// Early stopping: the best monitored loss so far and the epochs waited since; nil when off.
    public var earlyStopping: EarlyStopping.State?
    /// The learning rate of the last iteration.
    public var learningRate: Double
    /// The batch-norm settings the model was built and trained with (TAO's for files written before they were
    /// stored).
    public var batchNorm: BatchNormSettings

    public init(epoch: Int, globalStep: Int, architecture: String, optimizerKind: String, spec: String,
                model: [String: Tensor], optimizer: [String: Tensor], generatorState: Tensor?,
                earlyStopping: EarlyStopping.State?, learningRate: Double, batchNorm: BatchNormSettings = .tao) {
        self.epoch = epoch
        self.globalStep = globalStep
        self.architecture = architecture
        self.optimizerKind = optimizerKind
        self.spec = spec
        self.model = model
        self.optimizer = optimizer
        self.generatorState = generatorState
        self.earlyStopping = earlyStopping
        self.learningRate = learningRate
        self.batchNorm = batchNorm
    }

    /// The file name of the checkpoint after `epoch` for a checkpoint stem such as `frcnn_resnet_18`.
    public static func fileName(stem: String, epoch: Int) -> String { "\(stem).epoch_\(epoch).hdf5" }

    /// Writes the checkpoint to `path`, encrypted when `key` is given and otherwise with the SHA-256 of its payload in
    /// the header, through a temporary file in the same folder that is renamed into place. An existing file at `path`
    /// is never replaced.
    public func write(to path: String, key: String?) throws {
        try AtomicFile.write(SealedFile.seal(payload(), key: key), to: path, mode: .create)
    }

    /// The safetensors file that ``write(to:key:)`` seals: the tensors and metadata described above.
    func payload() throws -> Data {
        var tensors: [String: Tensor] = [:]
        for (name, tensor) in model { tensors["model/" + name] = tensor }
        for (name, tensor) in optimizer { tensors["optimizer/" + name] = tensor }
        if let generatorState { tensors["rng/cpu"] = generatorState }
        var metadata = [
            "format": "frcnn-checkpoint", "epoch": String(epoch), "global_step": String(globalStep),
            "architecture": architecture, "optimizer": optimizerKind, "spec": spec,
            "learning_rate": String(learningRate), "batch_norm": batchNorm.checkpointText,
        ]
        if let earlyStopping { metadata["early_stopping"] = "\(earlyStopping.best) \(earlyStopping.wait)" }
        return try SafeTensors.encode(tensors, metadata: metadata)
    }

    /// Reads a checkpoint written by ``write(to:key:)``; `key` is needed when the file is encrypted.
    ///
    /// A damaged file is an error naming it: a plain file whose payload no longer matches its stored SHA-256
    /// (`the checkpoint is damaged: its checksum does not match`), an encrypted one that fails GCM authentication.
    /// Plain files written before checksums were added have none; they are still read, unchecked.
    public static func read(from path: String, key: String?) throws -> TrainingCheckpoint {
        let file: Data
        do { file = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw TrainingError("\(path): cannot read the checkpoint: \(error.localizedDescription)")
        }
        let payload = try SealedFile.open(file, key: key, path: path)
        let (tensors, metadata) = try SafeTensors.decode(payload, source: path)
        func field(_ name: String) throws -> String {
            guard let value = metadata[name] else { throw TrainingError("\(path): checkpoint metadata lacks '\(name)'") }
            return value
        }
        func integer(_ name: String) throws -> Int {
            guard let value = Int(try field(name)) else { throw TrainingError("\(path): checkpoint '\(name)' is not an integer") }
            return value
        }
        guard metadata["format"] == "frcnn-checkpoint" else { throw TrainingError("\(path): not an frcnn checkpoint payload") }
        var model: [String: Tensor] = [:], optimizer: [String: Tensor] = [:]
        for (name, tensor) in tensors {
            if name.hasPrefix("model/") { model[String(name.dropFirst(6))] = tensor }
            if name.hasPrefix("optimizer/") { optimizer[String(name.dropFirst(10))] = tensor }
        }
        var stopping: EarlyStopping.State?
        if let text = metadata["early_stopping"] {
            let parts = text.split(separator: " ")
            guard parts.count == 2, let best = Double(parts[0]), let wait = Int(parts[1]) else {
                throw TrainingError("\(path): checkpoint 'early_stopping' is malformed (\"\(text)\")")
            }
            stopping = EarlyStopping.State(best: best, wait: wait)
        }
        guard let rate = Double(try field("learning_rate")) else {
            throw TrainingError("\(path): checkpoint 'learning_rate' is not a number")
        }
        var batchNorm = BatchNormSettings.tao
        if let text = metadata["batch_norm"] {
            guard let settings = BatchNormSettings(checkpointText: text) else {
                throw TrainingError("\(path): checkpoint 'batch_norm' is malformed (\"\(text)\")")
            }
            batchNorm = settings
        }
        return TrainingCheckpoint(
            epoch: try integer("epoch"), globalStep: try integer("global_step"), architecture: try field("architecture"),
            optimizerKind: try field("optimizer"), spec: try field("spec"), model: model, optimizer: optimizer,
            generatorState: tensors["rng/cpu"], earlyStopping: stopping,
            learningRate: rate, batchNorm: batchNorm)
    }
}
