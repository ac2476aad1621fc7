import ArgumentParser
import FasterRCNN
import Foundation

/// `frcnn export -m MODEL -e SPEC [-k KEY] [-o OUT.onnx] [--target_opset N] [--static_batch_size N]
/// [--data_type fp32|fp16|int8 [--cal_image_dir DIR --batches N --batch_size N --cal_cache_file F --cal_json_file F]]
/// [--gen_ds_config] [--log_file F]`: TAO's export subtask (see docs/export.md).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a trained model as one ONNX file of standard operators (TAO's export).",
        discussion: """
            The graph holds the whole detector: backbone, RPN, proposal decoding and NMS, crop-and-resize \
            (GridSample), the RCNN head and the per-class NMS with the total top-K, with inference_config's \
            proposal and NMS settings. Input input_image [N, C, H, W] after preprocessing (channel order, means, \
            scaling factor); outputs nms_out [N, 1, K, 7] (image index, class id, score, x1/W, y1/H, x2/W, y2/H) and \
            nms_out_1 [N, 1] int32 (the keep count), the layout DeepStream's TAO parser reads. The output and, with \
            --gen_ds_config, nvinfer_config.txt and labels.txt beside it must not exist: nothing is replaced. \
            Spec problems exit with 2, other errors with 1.
            """
    )

    @Option(name: [.customShort("m"), .customLong("model")],
            help: ArgumentHelp("Trained model (a checkpoint written by frcnn train or prune).", valueName: "file"))
    var model: String

    @Option(name: [.customShort("e"), .customLong("experiment_spec"), .customLong("experiment-spec")],
            help: ArgumentHelp("Experiment spec the model was trained with (input size, classes, inference_config).", valueName: "file"))
    var experimentSpec: String

    @Option(name: [.customShort("k"), .customLong("key")],
            help: ArgumentHelp("Key of an encrypted model; overrides the spec's enc_key.", valueName: "key"))
    var key: String?

    @Option(name: [.customShort("o"), .customLong("output_file"), .customLong("output-file")],
            help: ArgumentHelp("ONNX file to write (must not exist; default: the model's path with .onnx).", valueName: "file"))
    var outputFile: String?

    @Option(name: [.customLong("target_opset"), .customLong("target-opset")],
            help: ArgumentHelp("ONNX opset: 16 or 17.", valueName: "n"))
    var targetOpset: Int = Int(DetectorGraph.opsets.upperBound)

    @Option(name: [.customLong("static_batch_size"), .customLong("static-batch-size")],
            help: ArgumentHelp("Fixed batch size of the graph; -1 for a dynamic batch.", valueName: "n"))
    var staticBatchSize: Int = -1

    @Option(name: [.customLong("data_type"), .customLong("data-type")],
            help: ArgumentHelp("fp32, fp16 or int8 (the backbone and heads in that precision; boxes, NMS and outputs stay float32).", valueName: "type"))
    var dataType: String = "fp32"

    @Option(name: [.customLong("cal_image_dir"), .customLong("cal-image-dir")],
            help: ArgumentHelp("int8: folder of calibration images (.jpg, .jpeg, .png, taken in name order).", valueName: "dir"))
    var calImageDir: String?

    @Option(name: [.customLong("batches")], help: ArgumentHelp("int8: calibration batches.", valueName: "n"))
    var batches: Int = 10

    @Option(name: [.customLong("batch_size"), .customLong("batch-size")],
            help: ArgumentHelp("int8: images per calibration batch.", valueName: "n"))
    var batchSize: Int = 16

    @Option(name: [.customLong("cal_cache_file"), .customLong("cal-cache-file")],
            help: ArgumentHelp("int8: TensorRT calibration cache to write (must not exist).", valueName: "file"))
    var calCacheFile: String = "./cal.bin"

    @Option(name: [.customLong("cal_json_file"), .customLong("cal-json-file")],
            help: ArgumentHelp("int8: also write the tensor scales in TAO's JSON format (must not exist).", valueName: "file"))
    var calJSONFile: String?

    @Flag(name: [.customLong("gen_ds_config"), .customLong("gen-ds-config")],
          help: "Also write DeepStream's nvinfer_config.txt and labels.txt next to the output.")
    var genDSConfig = false

    @Option(name: [.customLong("log_file"), .customLong("log-file")],
            help: ArgumentHelp("Also write the log lines to this file (appended).", valueName: "file"))
    var logFile: String?

    func validate() throws {
        guard ["fp32", "fp16", "int8"].contains(dataType) else { throw ValidationError("--data_type \(dataType): give fp32, fp16 or int8") }
        if dataType == "int8" {
            guard calImageDir != nil else { throw ValidationError("--data_type int8 needs --cal_image_dir (the calibration images)") }
            guard batches >= 1, batchSize >= 1 else { throw ValidationError("--batches and --batch_size must be at least 1") }
        } else if calImageDir != nil || calJSONFile != nil {
            throw ValidationError("--cal_image_dir and --cal_json_file apply to --data_type int8 only")
        }
        guard DetectorGraph.opsets.contains(Int64(targetOpset)) else {
            throw ValidationError("--target_opset \(targetOpset): the graph is written at opset 16 or 17 (GridSample needs 16)")
        }
        guard staticBatchSize == -1 || staticBatchSize >= 1 else {
            throw ValidationError("--static_batch_size \(staticBatchSize): give -1 (dynamic) or a batch size of at least 1")
        }
    }

    private var requestedDataType: ModelExport.DataType {
        switch dataType {
        case "fp16": .fp16
        case "int8": .int8(.init(imageDirectory: calImageDir ?? "", batches: batches, batchSize: batchSize,
                                 cacheFile: calCacheFile, jsonFile: calJSONFile))
        default: .fp32
        }
    }

    func run() throws {
        let log = try CommandLog.make("export", logFile: logFile)
        let spec = try SpecLoading.experiment(experimentSpec, for: .export)
        let output = outputFile ?? ModelExport.defaultOutputPath(model: model)
        let request = ModelExport.Request(
            modelPath: model, key: key.flatMap { $0.isEmpty ? nil : $0 } ?? spec.resolved.encryptionKey, outputPath: output,
            staticBatchSize: staticBatchSize == -1 ? nil : staticBatchSize, opset: Int64(targetOpset), deepStreamConfig: genDSConfig,
            dataType: requestedDataType)
        do {
            let result = try ModelExport.run(request, experiment: spec.resolved)
            log.info("Exported \(model) (\(dataType)) for \(result.imageHeight)x\(result.imageWidth) input, batch \(request.staticBatchSize.map(String.init) ?? "dynamic"), opset \(targetOpset)")
            if result.calibrationImages > 0 { log.info("Calibrated on \(result.calibrationImages) images") }
            for file in result.files { log.info("Wrote \(file)") }
        } catch {
            log.error("\(error)")
            throw ExitCode.failure
        }
    }
}
