import Testing
@testable import FasterRCNN

/// One spec that breaks one rule: the mutation of a valid fixture, and the diagnostic it must give.
struct RuleCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let text: String
    let path: String
    let message: String
    let convert: Bool
    /// An edit whose text the fixture lacks (a mistake in the case itself).
    let missingEdit: String?

    var testDescription: String { rule }

    /// The fixture with the first `old` replaced by `new`.
    init(_ rule: String, _ old: String, _ new: String, path: String, _ message: String, convert: Bool = false) {
        self.init(rule, edits: [(old, new)], path: path, message, convert: convert)
    }

    /// The fixture with several edits, each replacing the first occurrence of its text.
    init(_ rule: String, edits: [(String, String)], path: String, _ message: String, convert: Bool = false) {
        self.rule = rule
        self.convert = convert
        var text = convert ? SpecFixtures.kittiConvert : SpecFixtures.experiment
        var missing: String?
        for (old, new) in edits {
            guard let range = text.range(of: old) else {
                missing = old
                continue
            }
            text.replaceSubrange(range, with: new)
        }
        self.missingEdit = missing
        self.text = text
        self.path = path
        self.message = message
    }

    /// Checks that the spec fails with a diagnostic on `path` whose message contains `message`,
    /// pointing at a line of the file.
    func check() {
        #expect(missingEdit == nil, "the fixture has no \(missingEdit ?? "")")
        let diagnostics = SpecFixtures.errors(text, convert: convert)
        let match = diagnostics.first { $0.path == path && $0.message.contains(message) }
        #expect(match != nil, "expected \(path): ...\(message)...; got:\n\(SpecError(diagnostics))")
        #expect(match?.location != nil, "no line for \(path)")
        #expect(match?.file == "spec.txt")
        #expect(match?.severity == .error)
    }
}
