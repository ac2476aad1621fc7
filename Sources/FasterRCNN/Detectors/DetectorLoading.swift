/// Opens the model a command names: an exported `.onnx` file (``ModelFile/isONNX(_:)``) runs in ONNX Runtime
/// (``ONNXDetector``), a checkpoint in libtorch (``CheckpointDetector``).
public enum DetectorLoading {
    /// The detector for the model at `path`, built for `experiment`.
    /// - Parameters:
    ///   - key: the checkpoint key; not used for an ONNX file, which is never encrypted.
    ///   - purpose: which spec section gives a checkpoint's proposal and NMS settings (an ONNX file has its own).
    /// - Throws: the errors of ``CheckpointModel/load(path:key:experiment:purpose:device:)`` or
    ///   ``ONNXDetector/init(path:experiment:threads:)``, each naming `path`.
    public static func load(path: String, key: String?, experiment: ResolvedExperiment,
                            purpose: CheckpointModel.Purpose) throws -> any BatchDetector {
        if ModelFile.isONNX(path) { return try ONNXDetector(path: path, experiment: experiment) }
        let model = try CheckpointModel.load(path: path, key: key, experiment: experiment, purpose: purpose,
                                             device: CheckpointModel.preferredDevice)
        return CheckpointDetector(model: model, classNames: experiment.classes.names)
    }
}
