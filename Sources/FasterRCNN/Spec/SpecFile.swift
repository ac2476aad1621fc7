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
    /// False when the binder stopped at `Binder.maxErrors`: rules would only add noise then.
    let isComplete: Bool

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
            var locations = binder.locations
            let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            locations.endOfFile = SpecPosition(line: max(1, bytes.last == UInt8(ascii: "\n") ? lines.count - 1 : lines.count), column: 1)
            return SpecFile(message: message, locations: locations, diagnostics: binder.diagnostics,
                            isComplete: !binder.gaveUp)
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
        guard isComplete else { return diagnostics }
        let broken = Set(diagnostics.map(\.path))
        let independent = ruleDiagnostics.filter { rule in
            var path = Substring(rule.path)
            while !path.isEmpty {
                if broken.contains(String(path)) { return false }
                guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
                path = path[..<cut]
            }
            return true
        }
        return (diagnostics + independent).sortedByLocation()
    }
}
