import ArgumentParser
import FasterRCNN
import Foundation
import Logging

/// `frcnn train -e SPEC -r RESULTS [-k KEY] [--log_file F]`: TAO's train subtask (see docs/train.md).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a Faster R-CNN model from an experiment spec (TAO's train).",
        discussion: """
            Writes RESULTS/frcnn_<arch>.epoch_<N>.hdf5 checkpoints (encrypted with -k or enc_key), RESULTS/status.json \
            and TensorBoard files under RESULTS/logs. Spec problems stop the run before any work (exit 2); a RESULTS \
            folder holding checkpoints is not written over (resume with training_config.resume_from_model). \
            A NaN or infinite loss stops the run (exit 1), keeping the last checkpoint.
            """
    )

    @Option(name: [.customShort("e"), .customLong("experiment_spec"), .customLong("experiment-spec")],
            help: ArgumentHelp("Experiment spec file.", valueName: "file"))
    var experimentSpec: String

    @Option(name: [.customShort("r"), .customLong("results_dir"), .customLong("results-dir")],
            help: ArgumentHelp("Folder for checkpoints, status.json and logs/ (created if missing).", valueName: "dir"))
    var resultsDir: String

    @Option(name: [.customShort("k"), .customLong("enc_key"), .customLong("enc-key")],
            help: ArgumentHelp("Key that encrypts the checkpoints; overrides the spec's enc_key.", valueName: "key"))
    var encKey: String?

    @Option(name: [.customLong("log_file"), .customLong("log-file")],
            help: ArgumentHelp("Also write the log lines to this file (appended).", valueName: "file"))
    var logFile: String?

    func validate() throws {
        try ResultsFolder.validate(resultsDir)
    }

    func run() throws {
        let log = try CommandLog.make("train", logFile: logFile)
        let launch: TrainingLaunch
        do {
            launch = try TrainingLaunch.prepare(specPath: experimentSpec, resultsDirectory: resultsDir, key: encKey)
        } catch let error as SpecError {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        } catch {
            log.error("\(error)")
            throw ExitCode.failure
        }
        for warning in launch.spec.warnings { log.warning("\(warning)") }
        do {
            _ = try FasterRCNNTraining.run(launch, log: log)
        } catch {
            log.error("\(error)")
            try? StatusLog(path: (resultsDir as NSString).appendingPathComponent("status.json"))
                .write(status: "FAILURE", message: "\(error)")
            throw ExitCode.failure
        }
    }
}
