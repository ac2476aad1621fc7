import ArgumentParser
import FasterRCNN
import Foundation
import Logging

/// `frcnn inference -e SPEC [-m MODEL] [-k KEY] [-r RESULTS] [-i IMAGES] [--log_file F]`: TAO's inference subtask
/// (see docs/inference.md).
struct InferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inference",
        abstract: "Detect objects in a folder of images (TAO's inference).",
        discussion: """
            Reads every .jpg, .jpeg and .png file of the images folder (any other file stops the run, as in TAO) and \
            writes, per image, an annotated copy to detection_image_output_dir (default RESULTS/images_annotated) and \
            a 16-field KITTI label file to labels_dump_dir (default RESULTS/labels), keeping detections with score >= \
            bbox_visualize_threshold. Existing files are never deleted or replaced: when an output folder already \
            holds files, this run writes into a new subfolder run-YYYYmmdd-HHMMSS and says so. Spec problems exit \
            with 2, other errors with 1.
            """
    )

    @Option(name: [.customShort("e"), .customLong("experiment_spec"), .customLong("experiment-spec")],
            help: ArgumentHelp("Experiment spec file (inference_config, input size and classes).", valueName: "file"))
    var experimentSpec: String

    @Option(name: [.customShort("m"), .customLong("model_path"), .customLong("model-path")],
            help: ArgumentHelp("Checkpoint (frcnn_<arch>.epoch_<N>.hdf5) or exported .onnx file to run; overrides inference_config.model.", valueName: "file"))
    var modelPath: String?

    @Option(name: [.customShort("k"), .customLong("key"), .customLong("enc_key")],
            help: ArgumentHelp("Key of an encrypted checkpoint; overrides the spec's enc_key.", valueName: "key"))
    var key: String?

    @Option(name: [.customShort("r"), .customLong("results_dir"), .customLong("results-dir")],
            help: ArgumentHelp("Folder holding images_annotated/ and labels/ when the spec sets no output folders.", valueName: "dir"))
    var resultsDir: String?

    @Option(name: [.customShort("i"), .customLong("image_dir"), .customLong("image-dir")],
            help: ArgumentHelp("Images folder; overrides inference_config.images_dir.", valueName: "dir"))
    var imageDir: String?

    @Option(name: [.customLong("log_file"), .customLong("log-file")],
            help: ArgumentHelp("Also write the log lines to this file (appended).", valueName: "file"))
    var logFile: String?

    func validate() throws {
        try ResultsFolder.validate(resultsDir)
    }

    func run() throws {
        let log = try CommandLog.make("inference", logFile: logFile)
        let spec = try SpecLoading.experiment(experimentSpec, for: .inference, modelOverride: modelPath,
                                              ignoring: imageDir == nil ? [] : ["inference_config.images_dir"])
        let settings = spec.resolved.inference
        guard let imagesFolder = outputFolder(settings.imageOutputDirectory, default: "images_annotated"),
              let labelsFolder = outputFolder(settings.labelsOutputDirectory, default: "labels") else {
            FileHandle.standardError.write(Data("inference: give -r RESULTS or set inference_config.detection_image_output_dir and labels_dump_dir\n".utf8))
            throw ExitCode(2)
        }
        // requirePaths guarantees a model path and an images folder (from the flags or the spec).
        let model = modelPath ?? settings.model!
        do {
            let images = try InferenceImages.list(imageDir ?? settings.imagesDirectory!)
            let detector = try DetectorLoading.load(
                path: model, key: key.flatMap { $0.isEmpty ? nil : $0 } ?? spec.resolved.encryptionKey,
                experiment: spec.resolved, purpose: .inference)
            let runner = try InferenceRunner(detector: detector, experiment: spec.resolved)
            let writer = try prepareWriter(images: imagesFolder, labels: labelsFolder, experiment: spec.resolved, log: log)
            log.info("Running \(model) on \(images.count) images, batch size \(runner.batchSize) (\(detector.summary))")
            let bar = ProgressBar(total: images.count, label: "Inference")
            let started = Date()
            var detections = 0
            try runner.run(images) { prediction in
                try writer.write(prediction)
                detections += prediction.detections.count
                bar.advance()
            }
            let seconds = Date().timeIntervalSince(started)
            log.info("\(images.count) images, \(detections) detections at score >= \(settings.visualizeThreshold) in \(String(format: "%.1f", seconds)) s (\(String(format: "%.1f", Double(images.count) / max(seconds, 1e-9))) images/s)")
            log.info("Annotated images: \(writer.imagesDirectory); labels: \(writer.labelsDirectory)")
        } catch {
            log.error("\(error)")
            throw ExitCode.failure
        }
    }

    /// The spec's folder, else `RESULTS/<name>`; nil when neither is given.
    private func outputFolder(_ configured: String?, default name: String) -> String? {
        configured ?? resultsDir.map { ($0 as NSString).appendingPathComponent(name) }
    }

    /// Prepares both output folders (one fresh subfolder each when they already hold files) and reports redirections.
    private func prepareWriter(images: String, labels: String, experiment: ResolvedExperiment, log: Logger) throws -> InferenceWriter {
        let runName = OutputFolder.runName()
        let imageOutput = try OutputFolder.prepare(images, runName: runName)
        let labelOutput = labels == images ? imageOutput : try OutputFolder.prepare(labels, runName: runName)
        for folder in (labels == images ? [imageOutput] : [imageOutput, labelOutput]) where folder.isRedirected {
            log.warning("\(folder.requested) already holds files, which are kept: this run writes into \(folder.path)")
        }
        let renderer = DetectionImageRenderer(palette: ClassColorPalette(classNames: Array(experiment.classes.names.dropLast())),
                                              drawsCaptions: experiment.inference.drawsCaptions)
        return InferenceWriter(imagesDirectory: imageOutput.path, labelsDirectory: labelOutput.path, renderer: renderer)
    }
}
