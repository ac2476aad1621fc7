import Foundation
import Testing

/// Every field of TAO's spec schema (`protos/tao/*.proto`) has a row in docs/spec-reference.md under its message,
/// and is either read by the spec layer (`Sources/FasterRCNN/Spec`, outside the generated code: resolved, checked
/// by a rule, or reported as unsupported; `.name` or `.hasName`) or says "ignored" in that row. A field added to the schema and forgotten
/// fails here.
@Suite struct SpecFieldCoverageTests {
    /// One field of a message: `message` is the dotted path of nested messages (`AugmentationConfig.Preprocessing`).
    struct Field: CustomStringConvertible {
        let file: String
        let message: String
        let name: String
        var description: String { "\(file): \(message).\(name)" }

        /// swift-protobuf's property name: lower camel case, and a letter after a digit upper-cased (`poolSize2X`).
        var swiftName: String {
            let parts = name.split(separator: "_").map(String.init)
            var camel = parts[0] + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            var previous: Character = " "
            camel = String(camel.map { character in
                defer { previous = character }
                return previous.isNumber && character.isLetter ? Character(character.uppercased()) : character
            })
            return camel
        }
    }

    /// The fields of the .proto files, with their nesting (oneofs are transparent, enums skipped).
    static func schemaFields() throws -> [Field] {
        let folder = SpecFixtures.repositoryRoot.appendingPathComponent("protos/tao")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".proto") }.sorted()
        let token = try NSRegularExpression(
            pattern: #"(message|enum|oneof)\s+(\w+)\s*\{|\}|(?:repeated\s+)?(?:map<[^>]+>|[\w.]+)\s+(\w+)\s*=\s*\d+[^;]*;"#)
        var fields: [Field] = []
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.components(separatedBy: "//")[0] }.joined(separator: "\n")
            var stack: [(kind: String, name: String)] = []
            let range = NSRange(text.startIndex..., in: text)
            for match in token.matches(in: text, range: range) {
                func group(_ index: Int) -> String? {
                    Range(match.range(at: index), in: text).map { String(text[$0]) }
                }
                if let kind = group(1), let opened = group(2) {
                    stack.append((kind, opened))
                } else if group(0) == "}" {
                    _ = stack.popLast()
                } else if let field = group(3), stack.last?.kind != "enum" {
                    let message = stack.filter { $0.kind == "message" }.map(\.name).joined(separator: ".")
                    fields.append(Field(file: name, message: message, name: field))
                }
            }
        }
        return fields
    }

    /// The table rows of each `### \`Message\`` section of docs/spec-reference.md, by field name.
    static func documentedRows() throws -> [String: [String: String]] {
        let text = try String(contentsOf: SpecFixtures.repositoryRoot.appendingPathComponent("docs/spec-reference.md"), encoding: .utf8)
        var rows: [String: [String: String]] = [:]
        var section: String?
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("### `"), let name = line.split(separator: "`").dropFirst().first {
                section = String(name)
            } else if line.hasPrefix("## ") {
                section = nil
            } else if let section, line.hasPrefix("| `"), let field = line.split(separator: "`").dropFirst().first {
                rows[section, default: [:]][String(field)] = line
            }
        }
        return rows
    }

    @Test func everyFieldIsReadOrDocumentedAsIgnored() throws {
        let fields = try Self.schemaFields()
        #expect(fields.count > 200)
        let specFolder = SpecFixtures.repositoryRoot.appendingPathComponent("Sources/FasterRCNN/Spec")
        let files = try #require(FileManager.default.subpaths(atPath: specFolder.path))
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("Generated/") }
        let code = try files.map { try String(contentsOf: specFolder.appendingPathComponent($0), encoding: .utf8) }.joined()
        let rows = try Self.documentedRows()
        var undocumented: [String] = []
        var unread: [String] = []
        for field in fields {
            guard let row = rows[field.message]?[field.name] else {
                undocumented.append("\(field)")
                continue
            }
            let presence = "has" + field.swiftName.prefix(1).uppercased() + field.swiftName.dropFirst()
            let read = code.range(of: "\\.(\(field.swiftName)|\(presence))\\b", options: .regularExpression) != nil
            if !read && !row.contains("ignored") { unread.append("\(field) (\(field.swiftName))") }
        }
        #expect(undocumented.isEmpty, "fields without a row under their message in docs/spec-reference.md:\n\(undocumented.joined(separator: "\n"))")
        #expect(unread.isEmpty, "fields neither read under Sources/FasterRCNN/Spec nor marked ignored:\n\(unread.joined(separator: "\n"))")
    }

    @Test func swiftNamesFollowSwiftProtobuf() {
        #expect(Field(file: "", message: "", name: "pool_size_2x").swiftName == "poolSize2X")
        #expect(Field(file: "", message: "", name: "rpn_pre_nms_top_N").swiftName == "rpnPreNmsTopN")
        #expect(Field(file: "", message: "", name: "beta_1").swiftName == "beta1")
    }
}
