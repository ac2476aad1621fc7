import Foundation

/// A FasterRCNN experiment spec (TAO's `-e` file), parsed, checked against every rule and resolved.
///
/// ```swift
/// let spec = try ExperimentSpec.load(path: "specs/resnet18_kitti.txt")   // throws SpecError
/// try spec.requirePaths(for: .train)                                    // inputs the subtask reads
/// let batch = spec.resolved.training.batchSizePerGPU
/// ```
public struct ExperimentSpec: Sendable {
    /// The file as named by the user.
    public let file: String
    public let resolved: ResolvedExperiment
    /// Where each field was written.
    public let locations: SpecLocations
    /// Problems that do not stop the spec from being used (e.g. an uppercase class-mapping key).
    public let warnings: [SpecDiagnostic]

    /// Reads, checks and resolves the spec at `path`; throws `SpecError` listing every problem found.
    public static func load(path: String) throws(SpecError) -> ExperimentSpec {
        try make(SpecFile<Frcnn_Spec_Experiment>.load(path: path), file: path)
    }

    /// Checks and resolves spec text; `file` names it in diagnostics.
    public static func parse(_ text: String, file: String = "<spec>") throws(SpecError) -> ExperimentSpec {
        try make(SpecFile<Frcnn_Spec_Experiment>.parse(Array(text.utf8), file: file), file: file)
    }

    private static func make(_ parsed: SpecFile<Frcnn_Spec_Experiment>, file: String) throws(SpecError) -> ExperimentSpec {
        var checker = RuleChecker(file: file, locations: parsed.locations)
        ExperimentRules.check(parsed.message, &checker)
        let diagnostics = parsed.combined(with: checker.diagnostics)
        guard !diagnostics.hasErrors, let backbone = BackboneArch(arch: parsed.message.modelConfig.arch) else {
            throw SpecError(diagnostics)
        }
        return ExperimentSpec(file: file, resolved: ResolvedExperiment(parsed.message, backbone: backbone),
                              locations: parsed.locations, warnings: diagnostics)
    }
}
