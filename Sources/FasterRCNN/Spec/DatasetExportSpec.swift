import Foundation

/// A dataset_convert spec (TAO's `-d` file, `DatasetExportConfig`), parsed, checked and resolved.
///
/// ```swift
/// let spec = try DatasetExportSpec.load(path: "specs/kitti_convert.txt")   // throws SpecError
/// try spec.requirePaths()
/// if case .kitti(let kitti) = spec.resolved.source { ... }
/// ```
public struct DatasetExportSpec: Sendable {
    public let file: String
    public let resolved: ResolvedDatasetExport
    public let locations: SpecLocations
    public let warnings: [SpecDiagnostic]

    /// Reads, checks and resolves the spec at `path`; throws `SpecError` listing every problem found.
    public static func load(path: String) throws(SpecError) -> DatasetExportSpec {
        try make(SpecFile<Frcnn_Spec_DatasetExportConfig>.load(path: path), file: path)
    }

    /// Checks and resolves spec text; `file` names it in diagnostics.
    public static func parse(_ text: String, file: String = "<spec>") throws(SpecError) -> DatasetExportSpec {
        try make(SpecFile<Frcnn_Spec_DatasetExportConfig>.parse(Array(text.utf8), file: file), file: file)
    }

    private static func make(_ parsed: SpecFile<Frcnn_Spec_DatasetExportConfig>, file: String) throws(SpecError) -> DatasetExportSpec {
        var checker = RuleChecker(file: file, locations: parsed.locations)
        DatasetExportRules.check(parsed.message, &checker)
        let diagnostics = parsed.combined(with: checker.diagnostics)
        if diagnostics.hasErrors { throw SpecError(diagnostics) }
        return DatasetExportSpec(file: file, resolved: ResolvedDatasetExport(parsed.message),
                                 locations: parsed.locations, warnings: diagnostics)
    }

    /// Inputs the conversion reads that do not exist, as diagnostics of `severity`.
    public func missingPaths(severity: SpecDiagnostic.Severity = .error) -> [SpecDiagnostic] {
        var missing: [SpecDiagnostic] = []
        func need(_ path: String, _ fieldPath: String, directory: Bool, _ what: String) {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue != directory {
                missing.append(SpecDiagnostic(severity, file: file, location: locations.location(of: fieldPath),
                                              path: fieldPath, message: "\(what) not found: \(path)"))
            }
        }
        switch resolved.source {
        case .kitti(let kitti):
            let root = URL(fileURLWithPath: kitti.rootDirectory)
            need(kitti.rootDirectory, "kitti_config.root_directory_path", directory: true, "dataset root")
            need(root.appendingPathComponent(kitti.imageDirectoryName).path, "kitti_config.image_dir_name", directory: true, "image folder")
            need(root.appendingPathComponent(kitti.labelDirectoryName).path, "kitti_config.label_dir_name", directory: true, "label folder")
            if kitti.partitionMode == .sequence, let file = kitti.sequenceToFramesPath {
                need(file, "kitti_config.kitti_sequence_to_frames_file", directory: false, "sequence-to-frames file")
            }
        case .coco(let coco):
            need(coco.rootDirectory, "coco_config.root_directory_path", directory: true, "dataset root")
        }
        return missing
    }

    /// Throws a `SpecError` naming every input of the conversion that does not exist.
    public func requirePaths() throws(SpecError) {
        let missing = missingPaths()
        if !missing.isEmpty { throw SpecError(missing) }
    }
}
