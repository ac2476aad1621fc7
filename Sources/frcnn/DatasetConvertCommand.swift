import ArgumentParser
import FasterRCNN
import Foundation
import Logging

/// `frcnn dataset_convert -d SPEC -o PREFIX [-f FOLD] [-r RESULTS] [-v] [--log_file F]`: KITTI or COCO labels to
/// TFRecords.
struct DatasetConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset_convert",
        abstract: "Convert a KITTI or COCO dataset to TFRecords (TAO's dataset_convert).",
        discussion: """
            Writes PREFIX-fold-<k>-of-<n>-shard-<s>-of-<m> files (parts omitted when num_partitions or \
            num_shards is 0) and, when degenerate boxes were skipped, PREFIX_warning.json. Files are written \
            under temporary names and renamed at the end; existing files are never replaced.
            """,
        aliases: ["dataset-convert"]
    )

    @Option(name: [.customShort("d"), .customLong("dataset_export_spec"), .customLong("dataset-export-spec")],
            help: ArgumentHelp("dataset_convert spec file (DatasetExportConfig).", valueName: "file"))
    var datasetExportSpec: String

    @Option(name: [.customShort("o"), .customLong("output_filename"), .customLong("output-filename")],
            help: ArgumentHelp("Output prefix of the TFRecord files.", valueName: "prefix"))
    var outputFilename: String

    @Option(name: [.customShort("f"), .customLong("validation_fold"), .customLong("validation-fold")],
            help: ArgumentHelp("Fold the sample modifier leaves unmodified.", valueName: "fold"))
    var validationFold: Int?

    @Option(name: [.customShort("r"), .customLong("results_dir"), .customLong("results-dir")],
            help: ArgumentHelp("Folder whose status.json gets a line for this run (created if missing).", valueName: "dir"))
    var resultsDir: String?

    @Flag(name: [.customShort("v"), .customLong("verbose")], help: "List the files written and the skipped boxes.")
    var verbose = false

    @Option(name: [.customLong("log_file"), .customLong("log-file")],
            help: ArgumentHelp("Also write the log lines and the summary to this file (appended).", valueName: "file"))
    var logFile: String?

    func validate() throws {
        try ResultsFolder.validate(resultsDir)
    }

    func run() throws {
        let log = try CommandLog.make("dataset_convert", logFile: logFile)
        let spec = try SpecLoading.datasetExport(datasetExportSpec, checkPaths: true)
        do {
            let summary = try DatasetConversion.run(spec: spec, outputPrefix: outputFilename, validationFold: validationFold) {
                ProgressBar(total: $0, label: "Converting")
            }
            var lines: [String] = []
            if verbose {
                lines += summary.files.map { "Wrote \($0)" }
                lines += summary.warnings.sorted(by: { $0.key < $1.key }).map { "Skipped degenerate box \($0.value) at \($0.key)" }
            }
            let text = (lines + [summary.report]).joined(separator: "\n")
            print(text)
            try CommandLog.copy(text, toLogFile: logFile)
            if let resultsDir { try writeStatus(summary, to: resultsDir) }
        } catch {
            log.error("\(error)")
            throw ExitCode.failure
        }
    }

    /// Appends one line to `status.json` in the results folder (TAO's status log): success, the example count and
    /// the objects per class.
    private func writeStatus(_ summary: ConversionSummary, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var objects: [String: Int] = [:]
        for counts in summary.objectCounts { objects.merge(counts, uniquingKeysWith: +) }
        try StatusLog(path: directory + "/status.json").write(
            status: "SUCCESS", message: "TFRecords generation complete.",
            fields: ["kpi": ["num_images": summary.exampleCounts.reduce(0, +)], "categorical": ["num_objects": objects],
                     "files": summary.files])
    }
}
