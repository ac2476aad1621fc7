import ArgumentParser
import FasterRCNN
import Foundation

/// `frcnn validate -e SPEC` / `frcnn validate -d SPEC`: checks a spec file and prints its resolved
/// configuration (exit 0), or every problem found (exit 2).
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an experiment spec (-e) or a dataset_convert spec (-d) and print the resolved configuration.",
        discussion: """
            Every rule is checked as for every subtask; all problems are listed as FILE:LINE:COLUMN: FIELD: MESSAGE \
            and the exit code is 2. Inputs named in the spec that do not exist are reported as warnings \
            (subtasks that read them fail).
            """
    )

    @Option(name: [.customShort("e"), .customLong("experiment_spec"), .customLong("experiment-spec")],
            help: ArgumentHelp("Experiment spec file (as for train, evaluate, inference).", valueName: "file"))
    var experimentSpec: String?

    @Option(name: [.customShort("d"), .customLong("dataset_export_spec"), .customLong("dataset-export-spec")],
            help: ArgumentHelp("dataset_convert spec file.", valueName: "file"))
    var datasetExportSpec: String?

    func validate() throws {
        guard (experimentSpec == nil) != (datasetExportSpec == nil) else {
            throw ValidationError("give exactly one of -e (experiment spec) or -d (dataset_convert spec)")
        }
    }

    func run() throws {
        if let path = experimentSpec {
            let spec = try SpecLoading.experiment(path, for: nil)
            var seen = Set<SpecDiagnostic>()
            let missing = [SpecSubtask.train, .evaluate, .inference]
                .flatMap { spec.missingPaths(for: $0, severity: .warning) + spec.unsupportedFields(for: $0, severity: .warning) }
                .filter { seen.insert($0).inserted }
            SpecLoading.printWarnings(missing)
            print("\(path): valid experiment spec")
            print(spec.resolved.report, terminator: "")
        } else if let path = datasetExportSpec {
            let spec = try SpecLoading.datasetExport(path, checkPaths: false)
            SpecLoading.printWarnings(spec.missingPaths(severity: .warning))
            print("\(path): valid dataset_convert spec")
            print(spec.resolved.report, terminator: "")
        }
    }
}
