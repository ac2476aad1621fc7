import Foundation
import Testing

/// A spec field reaches the rest of the code through the `Resolved*` types only: no source file outside
/// `Sources/FasterRCNN/Spec/` names a generated spec type (`Frcnn_Spec_…`).
@Suite struct SpecLayeringTests {
    @Test func generatedSpecTypesStayInSpec() throws {
        let sources = SpecFixtures.repositoryRoot.appendingPathComponent("Sources")
        let spec = sources.appendingPathComponent("FasterRCNN/Spec").path + "/"
        let files = try #require(FileManager.default.subpaths(atPath: sources.path)).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100)
        var offenders: [String] = []
        for file in files {
            let path = sources.appendingPathComponent(file).path
            if path.hasPrefix(spec) { continue }
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains("Frcnn_Spec_") {
                offenders.append("Sources/\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "generated spec types outside Spec/ (read a Resolved* value instead):\n\(offenders.joined(separator: "\n"))")
    }
}
