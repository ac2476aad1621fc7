import ArgumentParser
import FasterRCNN
import Foundation

/// How every subcommand reads its spec: problems go to standard error as `FILE:LINE:COL: field: message`
/// lines, and any error ends the command with exit code 2.
enum SpecLoading {
    /// Loads the experiment spec at `path` and, when `subtask` is given, checks that the inputs it reads
    /// exist (`modelOverride` is the `-m` flag; `ignoring` lists spec fields whose inputs a command-line flag
    /// replaces, such as `inference_config.images_dir` for `-i`). Prints warnings; on errors prints them and
    /// exits with 2.
    static func experiment(_ path: String, for subtask: SpecSubtask?, modelOverride: String? = nil,
                           ignoring: Set<String> = []) throws -> ExperimentSpec {
        try exitingOnError { () throws(SpecError) -> ExperimentSpec in
            let spec = try ExperimentSpec.load(path: path)
            printWarnings(spec.warnings)
            if let subtask {
                let missing = spec.missingPaths(for: subtask, modelOverride: modelOverride).filter { !ignoring.contains($0.path) }
                if !missing.isEmpty { throw SpecError(missing) }
            }
            return spec
        }
    }

    /// Loads the dataset_convert spec at `path`, checking its input folders when `checkPaths` is true.
    static func datasetExport(_ path: String, checkPaths: Bool) throws -> DatasetExportSpec {
        try exitingOnError { () throws(SpecError) -> DatasetExportSpec in
            let spec = try DatasetExportSpec.load(path: path)
            printWarnings(spec.warnings)
            if checkPaths { try spec.requirePaths() }
            return spec
        }
    }

    static func printWarnings(_ warnings: [SpecDiagnostic]) {
        for warning in warnings { FileHandle.standardError.write(Data("\(warning)\n".utf8)) }
    }

    private static func exitingOnError<T>(_ body: () throws(SpecError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            let count = error.errors.count
            FileHandle.standardError.write(Data("\(error)\n\(count) error\(count == 1 ? "" : "s")\n".utf8))
            throw ExitCode(2)
        }
    }
}
