import Foundation

/// `frcnn export`: a trained checkpoint as one ONNX file (``DetectorGraph``) and, on request, the DeepStream
/// files (``DeepStreamConfig``). Nothing that exists is replaced: every file is written under a temporary
/// name and linked into place only if its name is free.
public enum ModelExport {
    /// What to export and how.
    public struct Request {
        /// The checkpoint (`-m`).
        public var modelPath: String
        /// Its key (`-k`, else the spec's `enc_key`), nil when it is not encrypted.
        public var key: String?
        /// The ONNX file to write (`-o`, default ``defaultOutputPath(model:)``).
        public var outputPath: String
        /// A fixed batch size, or nil for a dynamic one (`--static_batch_size`, -1 meaning dynamic).
        public var staticBatchSize: Int?
        /// The ONNX opset (`--target_opset`), one of ``DetectorGraph/opsets``.
        public var opset: Int64
        /// Write `nvinfer_config.txt` and `labels.txt` next to the output (`--gen_ds_config`).
        public var deepStreamConfig: Bool
        /// The network in float16 (`--data_type fp16`).
        public var halfPrecision: Bool

        public init(modelPath: String, key: String?, outputPath: String, staticBatchSize: Int?, opset: Int64,
                    deepStreamConfig: Bool, halfPrecision: Bool = false) {
            self.halfPrecision = halfPrecision
            self.modelPath = modelPath
            self.key = key
            self.outputPath = outputPath
            self.staticBatchSize = staticBatchSize
            self.opset = opset
            self.deepStreamConfig = deepStreamConfig
        }
    }

    /// The files written, in order.
    public struct Result {
        public let files: [String]
        /// The input size of the graph.
        public let imageHeight: Int, imageWidth: Int
    }

    /// The default output: the model's path with its extension replaced by `.onnx`.
    public static func defaultOutputPath(model: String) -> String {
        (model as NSString).deletingPathExtension + ".onnx"
    }

    /// Loads the checkpoint with `experiment`'s model and `inference_config`'s proposal and NMS settings (the
    /// values TAO's exporter gives its plugins) and writes the files.
    /// - Throws: ``ExportError`` for a spec or model that cannot be exported and for an output that exists
    ///   (checked before any work), ``TrainingError`` for an unreadable checkpoint.
    public static func run(_ request: Request, experiment: ResolvedExperiment) throws -> Result {
        guard case .fixed(let height, let width) = experiment.input.size, height > 0, width > 0 else {
            throw ExportError("model_config.input_image_config: export needs a fixed input size (size_height_width); with size_min the anchors, the proposal layer and DeepStream's input dims have no fixed size")
        }
        let folder = (request.outputPath as NSString).deletingLastPathComponent
        var outputs = [request.outputPath]
        if request.deepStreamConfig {
            outputs += ["nvinfer_config.txt", "labels.txt"].map { folder.isEmpty ? $0 : (folder as NSString).appendingPathComponent($0) }
        }
        for path in outputs where FileManager.default.fileExists(atPath: path) {
            throw ExportError("\(path) already exists; it is left untouched (choose another output with -o)")
        }
        let model = try CheckpointModel.load(path: request.modelPath, key: request.key, experiment: experiment, purpose: .inference)
        let graph = try DetectorGraph.model(of: model, imageHeight: height, imageWidth: width, channels: experiment.input.channels,
                                            staticBatchSize: request.staticBatchSize, opset: request.opset,
                                            halfPrecision: request.halfPrecision)
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try AtomicFile.create(request.outputPath, contents: try graph.serializedData())
        if request.deepStreamConfig {
            let config = DeepStreamConfig(experiment: experiment, imageHeight: height, imageWidth: width, key: request.key)
            try AtomicFile.create(outputs[1], contents: Data(config.nvinferConfig.utf8))
            try AtomicFile.create(outputs[2], contents: Data(config.labels.utf8))
        }
        return Result(files: outputs, imageHeight: height, imageWidth: width)
    }
}
