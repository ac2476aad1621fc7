import ArgumentParser
import FasterRCNN
import Foundation
import Logging

/// `frcnn evaluate -e SPEC [-m MODEL] [-k KEY] [-r RESULTS] [--log_file F]`: TAO's evaluate subtask (see
/// docs/evaluate.md).
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a trained model on the validation split (TAO's evaluate).",
        discussion: """
            Prints TAO's table (AP, precision and recall at object_confidence_thres, RPN recall per class; mAP per \
            IoU threshold), then COCO-style mAP@[.5:.95] and, when the labels carry KITTI truncation or occlusion, \
            the KITTI benchmark's Easy/Moderate/Hard AP. Writes RESULTS/evaluation.json with every number and, with \
            visualize_pr_curve, PR_curve.png beside the model. An existing file of either name is kept: the new \
            one gets the next free name (evaluation-2.json, …). With -r, a line with kpi mAP is appended to \
            RESULTS/status.json. Spec problems exit with 2, other errors with 1.
            """
    )

    @Option(name: [.customShort("e"), .customLong("experiment_spec"), .customLong("experiment-spec")],
            help: ArgumentHelp("Experiment spec file (dataset_config's validation split, evaluation_config).", valueName: "file"))
    var experimentSpec: String

    @Option(name: [.customShort("m"), .customLong("model_path"), .customLong("model-path")],
            help: ArgumentHelp("Checkpoint (frcnn_<arch>.epoch_<N>.hdf5) or exported .onnx file to evaluate; overrides evaluation_config.model.", valueName: "file"))
    var modelPath: String?

    @Option(name: [.customShort("k"), .customLong("key"), .customLong("enc_key")],
            help: ArgumentHelp("Key of an encrypted checkpoint; overrides the spec's enc_key.", valueName: "key"))
    var key: String?

    @Option(name: [.customShort("r"), .customLong("results_dir"), .customLong("results-dir")],
            help: ArgumentHelp("Folder for evaluation.json (created if missing; default: the model's folder).", valueName: "dir"))
    var resultsDir: String?

    @Option(name: [.customLong("log_file"), .customLong("log-file")],
            help: ArgumentHelp("Also write the log lines to this file (appended).", valueName: "file"))
    var logFile: String?

    func validate() throws {
        try ResultsFolder.validate(resultsDir)
    }

    func run() throws {
        let log = try CommandLog.make("evaluate", logFile: logFile)
        let spec = try SpecLoading.experiment(experimentSpec, for: .evaluate, modelOverride: modelPath)
        let experiment = spec.resolved
        // requirePaths guarantees a model path from -m or the spec.
        let model = modelPath ?? experiment.evaluation.model!
        let started = Date()
        let report: EvaluationReport
        let imageCount: Int
        do {
            let runner = try ValidationRunner.load(experiment: experiment, specPath: spec.file)
            runner.dataset.logFileNotes(to: log)
            imageCount = runner.dataset.samples.count
            let detector = try DetectorLoading.load(
                path: model, key: key.flatMap { $0.isEmpty ? nil : $0 } ?? experiment.encryptionKey,
                experiment: experiment, purpose: .evaluation)
            log.info("Evaluating \(model) on \(imageCount) validation images (\(detector.summary))")
            if ModelFile.isONNX(model) {
                log.info("The ONNX file's own proposal and NMS settings apply (those of the spec it was exported with); it gives no RPN proposals, so no RPN recall")
            }
            let bar = ProgressBar(total: imageCount, label: "Evaluating")
            report = try runner.run(detector) { bar.advance(by: $0) }
        } catch {
            log.error("\(error)")
            throw ExitCode.failure
        }
        let seconds = Date().timeIntervalSince(started)
        let tables = TAOEvaluationTable.render(report.tao) + report.comparisonSummary
        print(tables, terminator: "")
        do {
            try CommandLog.copy(tables, toLogFile: logFile)
            let folder = resultsDir ?? Self.folder(of: model)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let json = UnusedFileName.path(in: folder, name: "evaluation.json")
            try report.write(to: URL(fileURLWithPath: json))
            log.info("Wrote \(json)")
            if experiment.evaluation.visualizePRCurve, let last = report.tao.thresholds.last {
                let plot = UnusedFileName.path(in: Self.folder(of: model), name: "PR_curve.png")
                try PRCurvePlot.write(last, to: URL(fileURLWithPath: plot))
                log.info("PR curve saved to \(plot)")
            }
            if let resultsDir {
                let kpi: [String: Any] = report.tao.meanAP.map { ["mAP": $0] } ?? [:]
                try StatusLog(path: (resultsDir as NSString).appendingPathComponent("status.json"))
                    .write(status: "SUCCESS", message: "Evaluation finished successfully.", fields: ["kpi": kpi])
            }
        } catch {
            log.error("\(error)")
            throw ExitCode.failure
        }
        log.info("Evaluated \(imageCount) images in \(String(format: "%.1f", seconds)) s (\(String(format: "%.1f", Double(imageCount) / max(seconds, 1e-9))) images/s)")
    }

    /// The folder holding `file` (`.` for a bare file name).
    private static func folder(of file: String) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}
