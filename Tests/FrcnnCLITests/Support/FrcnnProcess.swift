import Foundation
import TestSupport

/// Runs the `frcnn` executable built by `swift build --build-tests`: the one runner of the CLI tests.
enum FrcnnProcess {
    /// The repository root (three folders above this file's folder).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A finished run with its streams apart.
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The built binary: next to the test bundle (SwiftPM puts products and test bundles in one folder), else
    /// `.build/debug/frcnn`.
    static func binary() throws -> URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("frcnn")
        for candidate in [besideTests, repositoryRoot.appendingPathComponent(".build/debug/frcnn")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw ChildProcess.Failure("frcnn binary not found next to the tests (\(besideTests.path)); run `swift build --build-tests` first")
    }

    /// Runs `frcnn arguments` in `folder` (the repository root when nil); returns the exit status, standard
    /// output and standard error.
    static func run(_ arguments: [String], in folder: String? = nil) throws -> Result {
        let outcome = try launch(arguments, in: folder, streams: .separate)
        return Result(status: outcome.status, stdout: outcome.stdoutText, stderr: outcome.stderrText)
    }

    /// Runs `frcnn arguments` in `folder` (the repository root when nil); returns the exit status and standard
    /// output and standard error together, in the order the program wrote them (as a terminal would show them).
    static func runInterleaved(_ arguments: [String], in folder: String? = nil) throws -> (status: Int32, output: String) {
        let outcome = try launch(arguments, in: folder, streams: .interleaved)
        return (outcome.status, outcome.stdoutText)
    }

    private static func launch(_ arguments: [String], in folder: String?, streams: ChildProcess.Streams) throws -> ChildProcess.Outcome {
        try ChildProcess.run(try binary(), arguments: arguments,
                             in: folder.map { URL(fileURLWithPath: $0) } ?? repositoryRoot, streams: streams)
    }
}
