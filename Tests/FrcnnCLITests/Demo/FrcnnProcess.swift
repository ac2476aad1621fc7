import Foundation

/// Runs the `frcnn` executable built by `swift build --build-tests` (in the same folder as the test bundle)
/// from the repository root, for the demo and documentation tests.
enum FrcnnProcess {
    /// The repository root (three levels above this file).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The built binary: next to the test bundle, else `.build/debug/frcnn`.
    static func binary() throws -> URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("frcnn")
        for candidate in [besideTests, repositoryRoot.appendingPathComponent(".build/debug/frcnn")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw Failure(description: "frcnn binary not found (\(besideTests.path)); run `swift build --build-tests` first")
    }

    /// Runs `frcnn arguments` and returns its exit status, standard output and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
