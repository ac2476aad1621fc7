import Foundation
import Torch

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
        /// `--data_type`.
        public var dataType: DataType

        public init(modelPath: String, key: String?, outputPath: String, staticBatchSize: Int?, opset: Int64,
                    deepStreamConfig: Bool, dataType: DataType = .fp32) {
            self.dataType = dataType
            self.modelPath = modelPath
            self.key = key
            self.outputPath = outputPath
            self.staticBatchSize = staticBatchSize
            self.opset = opset
            self.deepStreamConfig = deepStreamConfig
        }
    }

    /// `--data_type` and, for INT8, the calibration flags.
    public enum DataType: Equatable {
        case fp32, fp16
        case int8(CalibrationSettings)
    }

    /// Post-training INT8 calibration (`--cal_image_dir`, `--batches`, `--batch_size`, `--cal_cache_file`,
    /// `--cal_json_file`).
    public struct CalibrationSettings: Equatable {
        /// Calibration images (`.jpg`, `.jpeg`, `.png`), taken in file-name order.
        public var imageDirectory: String
        /// `batches` × `batchSize` images are used (all of them when the folder has fewer).
        public var batches: Int, batchSize: Int
        /// The TensorRT calibration cache to write.
        public var cacheFile: String
        /// TAO's tensor-scale JSON to write, if wanted.
        public var jsonFile: String?

        public init(imageDirectory: String, batches: Int, batchSize: Int, cacheFile: String, jsonFile: String?) {
            self.imageDirectory = imageDirectory
            self.batches = batches
            self.batchSize = batchSize
            self.cacheFile = cacheFile
            self.jsonFile = jsonFile
        }
    }

    /// The files written, in order.
    public struct Result {
        public let files: [String]
        /// The input size of the graph.
        public let imageHeight: Int, imageWidth: Int
        /// Calibration images used (INT8), else 0.
        public let calibrationImages: Int
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
        if case .int8(let calibration) = request.dataType { outputs += [calibration.cacheFile] + (calibration.jsonFile.map { [$0] } ?? []) }
        for path in outputs where FileManager.default.fileExists(atPath: path) {
            throw ExportError("\(path) already exists; it is left untouched (choose another output with -o)")
        }
        let model = try CheckpointModel.load(path: request.modelPath, key: request.key, experiment: experiment, purpose: .inference)
        let precision: DetectorGraph.Precision
        var calibrationImages = 0
        switch request.dataType {
        case .fp32: precision = .float32
        case .fp16: precision = .float16
        case .int8(let calibration):
            let batches = try calibrationBatches(calibration, model: model, experiment: experiment)
            calibrationImages = batches.reduce(0) { $0 + $1.shape[0] }
            precision = .int8(calibration: batches)
        }
        let (graph, ranges) = try DetectorGraph.exported(
            of: model, imageHeight: height, imageWidth: width, channels: experiment.input.channels,
            staticBatchSize: request.staticBatchSize, opset: request.opset, precision: precision)
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try AtomicFile.write(try graph.serializedData(), to: request.outputPath, mode: .create)
        if request.deepStreamConfig {
            let config = DeepStreamConfig(experiment: experiment, imageHeight: height, imageWidth: width, key: request.key)
            try AtomicFile.write(Data(config.nvinferConfig.utf8), to: outputs[1], mode: .create)
            try AtomicFile.write(Data(config.labels.utf8), to: outputs[2], mode: .create)
        }
        if case .int8(let calibration) = request.dataType {
            try AtomicFile.write(Data(CalibrationFiles.tensorRTCache(ranges).utf8), to: calibration.cacheFile, mode: .create)
            if let json = calibration.jsonFile { try AtomicFile.write(Data(CalibrationFiles.scalesJSON(ranges).utf8), to: json, mode: .create) }
        }
        return Result(files: outputs, imageHeight: height, imageWidth: width, calibrationImages: calibrationImages)
    }

    /// The calibration images, preprocessed as `frcnn inference` does, in batches of `batchSize`.
    private static func calibrationBatches(_ calibration: CalibrationSettings, model: FasterRCNNModel,
                                           experiment: ResolvedExperiment) throws -> [Tensor] {
        let paths = Array(try InferenceImages.list(calibration.imageDirectory).prefix(calibration.batches * calibration.batchSize))
        guard !paths.isEmpty else { throw ExportError("--cal_image_dir \(calibration.imageDirectory): no .jpg, .jpeg or .png images") }
        let runner = try InferenceRunner(model: model, experiment: experiment)
        return try stride(from: 0, to: paths.count, by: calibration.batchSize).map { start in
            let images = try paths[start..<min(start + calibration.batchSize, paths.count)].map(runner.prepare)
            return try Tensor(images.flatMap(\.pixels), shape: [images.count, experiment.input.channels, images[0].height, images[0].width])
        }
    }
}
