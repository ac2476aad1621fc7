import ArgumentParser
import FasterRCNN
import Foundation

/// `frcnn prune -m MODEL -o OUTPUT [-k KEY] [-n max|L2] [-eq …] [-pg N] [-pth T] [-nf N] [-el LAYER …]`: TAO's
/// prune subtask (see docs/prune.md).
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove the weakest filters of a trained model (TAO's prune, MagNet min-weight).",
        discussion: """
            Each layer's filters are ranked by the L2 norm of their weights, scaled per layer (-n), and those not \
            above -pth are removed, keeping at least -nf per layer and a multiple of -pg. Layers whose channels are \
            added, multiplied or filtered depthwise together keep the same channels (-eq merges their norms). \
            rpn_out_class, rpn_out_regress, dense_class_td and dense_regress_td are never pruned. The pruned model \
            is written to OUTPUT (.hdf5 appended if missing; an existing file is never replaced); retrain it with \
            training_config.retrain_pruned_model. Prints the pruned/original parameter ratio.
            """
    )

    @Option(name: [.customShort("m"), .customLong("model")],
            help: ArgumentHelp("Trained model (a checkpoint written by frcnn train).", valueName: "file"))
    var model: String

    @Option(name: [.customShort("o"), .customLong("output_file"), .customLong("output-file")],
            help: ArgumentHelp("Pruned model to write (.hdf5 appended if missing; must not exist).", valueName: "file"))
    var outputFile: String

    @Option(name: [.customShort("k"), .customLong("key")],
            help: ArgumentHelp("Key of an encrypted model; the pruned model is encrypted with it too.", valueName: "key"))
    var key: String = ""

    @Option(name: [.customShort("n"), .customLong("normalizer")],
            help: ArgumentHelp("max: divide each layer's norms by their largest; L2: by their L2 norm over their count.", valueName: "max|L2"))
    var normalizer: String = "max"

    @Option(name: [.customLong("eq", withSingleDash: true), .customLong("equalization_criterion"), .customLong("equalization-criterion")],
            help: ArgumentHelp("Merge of tied layers' norms: union, intersection, arithmetic_mean or geometric_mean.", valueName: "criterion"))
    var equalizationCriterion: String = "union"

    @Option(name: [.customLong("pg", withSingleDash: true), .customLong("pruning_granularity"), .customLong("pruning-granularity")],
            help: ArgumentHelp("Kept filters per layer are a multiple of this.", valueName: "n"))
    var pruningGranularity: Int = 8

    @Option(name: [.customLong("pth", withSingleDash: true), .customLong("pruning_threshold"), .customLong("pruning-threshold")],
            help: ArgumentHelp("Filters whose scaled norm is not above this are removed.", valueName: "t"))
    var pruningThreshold: Double = 0.1

    @Option(name: [.customLong("nf", withSingleDash: true), .customLong("min_num_filters"), .customLong("min-num-filters")],
            help: ArgumentHelp("Filters each layer keeps at least.", valueName: "n"))
    var minNumFilters: Int = 16

    @Option(name: [.customLong("el", withSingleDash: true), .customLong("excluded_layers"), .customLong("excluded-layers")],
            parsing: .upToNextOption,
            help: ArgumentHelp("Layers (TAO names, e.g. block_1a_conv_1) never pruned.", valueName: "layer"))
    var excludedLayers: [String] = []

    @Option(name: [.customShort("r"), .customLong("results_dir"), .customLong("results-dir")],
            help: ArgumentHelp("Folder for status.json (a line with the pruning ratio is appended; created if missing).", valueName: "dir"))
    var resultsDir: String?

    @Flag(name: [.customShort("v"), .customLong("verbose")], help: "Print every layer's filters before and after.")
    var verbose = false

    @Option(name: [.customLong("log_file"), .customLong("log-file")],
            help: ArgumentHelp("Also write the log lines to this file (appended).", valueName: "file"))
    var logFile: String?

    func validate() throws {
        try ResultsFolder.validate(resultsDir)
        guard PruningSettings.Normalizer(rawValue: normalizer) != nil else {
            throw ValidationError("-n/--normalizer: '\(normalizer)' is not max or L2")
        }
        guard PruningSettings.Equalization(rawValue: equalizationCriterion) != nil else {
            throw ValidationError("-eq/--equalization_criterion: '\(equalizationCriterion)' is not one of "
                + PruningSettings.Equalization.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard pruningGranularity > 0 else { throw ValidationError("-pg/--pruning_granularity must be > 0") }
        guard minNumFilters > 0 else { throw ValidationError("-nf/--min_num_filters must be > 0 (a layer keeps at least one filter)") }
        guard pruningThreshold.isFinite else { throw ValidationError("-pth/--pruning_threshold must be a number") }
    }

    func run() throws {
        let log = try CommandLog.make("prune", logFile: logFile)
        let settings = PruningSettings(
            normalizer: PruningSettings.Normalizer(rawValue: normalizer)!,
            equalization: PruningSettings.Equalization(rawValue: equalizationCriterion)!,
            granularity: pruningGranularity, threshold: pruningThreshold, minimumFilters: minNumFilters,
            excludedLayers: Set(excludedLayers))
        let output = PruneRun.outputPath(outputFile)
        do {
            let result = try PruneRun.run(modelPath: model, outputPath: output, key: key.isEmpty ? nil : key, settings: settings)
            if verbose {
                for layer in result.layers { log.info("\(layer.name): \(layer.before) -> \(layer.after) filters") }
            }
            let pruned = result.layers.filter { $0.after < $0.before }.count
            log.info("Pruned \(pruned) of \(result.layers.count) layers: \(result.originalCount) -> \(result.prunedCount) parameters")
            log.info("Pruning ratio (pruned model / original model): \(result.ratio)")
            log.info("Wrote \(output)")
            if let resultsDir {
                try FileManager.default.createDirectory(atPath: resultsDir, withIntermediateDirectories: true)
                let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
                try StatusLog(path: (resultsDir as NSString).appendingPathComponent("status.json")).write(
                    status: "SUCCESS", message: "Pruning ratio (pruned model / original model): \(result.ratio)",
                    fields: ["kpi": ["pruning_ratio": result.ratio, "size": size, "param_count": result.prunedCount]])
            }
        } catch {
            log.error("\(error)")
            throw ExitCode.failure
        }
    }
}
