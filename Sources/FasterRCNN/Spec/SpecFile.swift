import Foundation
import SwiftProtobuf

/// A spec file read into a generated message: the message (fields with errors left out), where each
/// field was written, and the schema errors found. The first stage of `ExperimentSpec` and
/// `DatasetExportSpec`; rules come after, so one run reports schema errors and rule violations together.
struct SpecFile<M: SwiftProtobuf.Message>: Sendable {
    let message: M
    let locations: SpecLocations
    /// Unknown fields, type errors and oneof conflicts.
    let diagnostics: [SpecDiagnostic]

    /// Reads and parses `path` (named in diagnostics as given).
    static func load(path: String) throws(SpecError) -> SpecFile<M> {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let reason = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                ? (isDirectory.boolValue ? "is a directory" : "cannot be read") : "does not exist"
            throw SpecError([SpecDiagnostic(.error, file: path, location: nil, path: "", message: "spec file \(reason)")])
        }
        return try parse([UInt8](data), file: path)
    }

    /// Parses spec text; `file` names it in diagnostics.
    static func parse(_ bytes: [UInt8], file: String) throws(SpecError) -> SpecFile<M> {
        let tree: TextMessage
        do {
            tree = try Parser.parse(bytes)
        } catch {
            throw SpecError([SpecDiagnostic(.error, file: file, location: error.location, path: "", message: error.message)])
        }
        let schema = SpecSchema.shared
        var binder = Binder(schema: schema, file: file)
        let bound = binder.bind(tree, as: schema.message(for: M.self))
        do {
            let message = try M(textFormatString: bound.text())
            return SpecFile(message: message, locations: binder.locations, diagnostics: binder.diagnostics)
        } catch {
            // The binder accepts only what the decoder accepts; reaching this is a bug in the binder.
            throw SpecError([SpecDiagnostic(.error, file: file, location: nil, path: "",
                                            message: "internal error: checked spec rejected by the protobuf decoder (\(error))")])
        }
    }
}

extension SpecFile {
    /// Schema errors plus the rule diagnostics that are not mere echoes of them (a field with a type
    /// error is left out of the message, so a rule would also call it "not set"), in file order.
    func combined(with ruleDiagnostics: [SpecDiagnostic]) -> [SpecDiagnostic] {
        let broken = diagnostics.map(\.path)
        let independent = ruleDiagnostics.filter { rule in
            !broken.contains { rule.path == $0 || rule.path.hasPrefix($0 + ".") || rule.path.hasPrefix($0 + "[") }
        }
        return (diagnostics + independent).sortedByLocation()
    }
}
