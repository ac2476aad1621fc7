import Foundation
import Testing
@testable import FasterRCNN

/// Broken input fails with a clean, located error: no crash, no hang, no huge memory use.
@Suite("Malformed spec input")
struct MalformedInputTests {
    private func firstError(_ bytes: [UInt8]) -> SpecDiagnostic? {
        do {
            _ = try SpecFile<Frcnn_Spec_Experiment>.parse(bytes, file: "bad.txt")
            return nil
        } catch {
            return error.diagnostics.first
        }
    }

    @Test func everyTruncationFailsCleanlyOrParses() {
        // Cutting the fixture at every byte: each prefix is either a valid (partial) message or gives a
        // located syntax error; unbalanced braces always fail.
        let bytes = Array(SpecFixtures.experiment.utf8)
        var failures = 0
        for length in 0..<bytes.count {
            let prefix = Array(bytes[..<length])
            let open = prefix.filter { $0 == UInt8(ascii: "{") }.count
            let close = prefix.filter { $0 == UInt8(ascii: "}") }.count
            let diagnostics: [SpecDiagnostic]
            do {
                diagnostics = try SpecFile<Frcnn_Spec_Experiment>.parse(prefix, file: "cut.txt").diagnostics
            } catch {
                diagnostics = error.diagnostics
            }
            if open != close {
                #expect(!diagnostics.isEmpty, "prefix of \(length) bytes with unbalanced braces was accepted")
            }
            if let first = diagnostics.first {
                failures += 1
                #expect(first.file == "cut.txt")
                #expect(first.location != nil)
            }
        }
        #expect(failures > bytes.count / 2)
    }

    @Test func truncatedFileNamesTheOpenBlock() throws {
        let cut = String(SpecFixtures.experiment.prefix(while: { $0 != "}" }))
        let error = try #require(firstError(Array(cut.utf8)))
        #expect(error.message.hasPrefix("unexpected end of file"))
        #expect(error.message.contains("'size_height_width' opened at line 6"))
    }

    @Test func binaryGarbageFailsCleanly() {
        var generator = SplitMix64(seed: 7)
        for round in 0..<200 {
            let bytes = (0..<(64 + round * 16)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let error = firstError(bytes)
            #expect(error != nil)
            #expect(error?.location != nil)
        }
    }

    @Test func nulAndInvalidUTF8AreNotText() throws {
        let nul = try #require(firstError(Array("random_seed: 1\n\0".utf8)))
        #expect(nul.message.contains("not a text file"))
        #expect(nul.location == SpecPosition(line: 2, column: 1))
        let invalid = try #require(firstError([0x61, 0x3A, 0x20, 0xC3, 0x28]))
        #expect(invalid.message.contains("invalid UTF-8"))
    }

    @Test(.timeLimit(.minutes(1)))
    func tenMegabytesOfNestedBracesFailFast() throws {
        let bytes = Array("model_config ".utf8) + [UInt8](repeating: UInt8(ascii: "{"), count: 10 << 20)
        let started = ContinuousClock.now
        let error = try #require(firstError(bytes))
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(error.location == SpecPosition(line: 1, column: 15))
        #expect(error.message.contains("expected a field name"))
    }

    @Test(.timeLimit(.minutes(1)))
    func deepNestingIsBounded() throws {
        let depth = 1 << 20
        let text = String(repeating: "a { ", count: depth) + String(repeating: "} ", count: depth)
        let error = try #require(firstError(Array(text.utf8)))
        #expect(error.message.contains("nested more than \(Parser.maxDepth) levels"))
        #expect(error.location == SpecPosition(line: 1, column: 4 * Parser.maxDepth + 3))
    }

    @Test(.timeLimit(.minutes(1)))
    func tenMegabytesOfOpenListsAndQuotesFailFast() {
        #expect(firstError(Array("random_seed: ".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 10 << 20)) != nil)
        #expect(firstError(Array("enc_key: \"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20)) != nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func manyUnknownFieldsStopAfterAHundredErrors() {
        let text = String(repeating: "bogus: 1\n", count: 200_000)
        let diagnostics = SpecFixtures.errors(text)
        #expect(diagnostics.count == Binder.maxErrors + 1)
        #expect(diagnostics.last?.message == "too many errors (100); stopped checking here")
        #expect(diagnostics.last?.location?.line == 100)
    }

    @Test func missingFileIsAnError() throws {
        do {
            _ = try ExperimentSpec.load(path: "/nonexistent/spec.txt")
            Issue.record("missing file accepted")
        } catch {
            #expect(error.description == "/nonexistent/spec.txt: spec file does not exist")
        }
    }
}

/// A small deterministic random generator for test inputs.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
