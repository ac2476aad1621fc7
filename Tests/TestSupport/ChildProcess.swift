import Foundation

/// Runs a program to completion for the tests: the one launcher behind ``PythonOracle`` and the CLI tests'
/// `FrcnnProcess`. Standard input, output and error go through temporary files (removed afterwards), so a
/// program that writes much to one stream while the test reads another can never block on a full pipe.
public enum ChildProcess {
    /// Where standard output and standard error go.
    public enum Streams: Sendable {
        /// Each to its own buffer.
        case separate
        /// Both to one buffer, in the order the program wrote them (``Outcome/stdout``; ``Outcome/stderr`` is empty).
        case interleaved
    }

    /// A finished run.
    public struct Outcome: Sendable {
        /// The exit status (or the signal number when the program was killed by one).
        public let status: Int32
        /// Standard output; with ``Streams/interleaved``, standard output and standard error together.
        public let stdout: Data
        /// Standard error; empty with ``Streams/interleaved``.
        public let stderr: Data

        /// Standard output as UTF-8 text.
        public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        /// Standard error as UTF-8 text.
        public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// A test-support failure (a missing program or interpreter, a failed script); its description says what to do.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(_ description: String) {
            self.description = description
        }
    }

    /// Runs `executable` with `arguments` in `folder` (the current folder when nil), feeding `input` on standard
    /// input, and waits for it to exit.
    public static func run(_ executable: URL, arguments: [String], in folder: URL? = nil, input: Data = Data(),
                           streams: Streams = .separate) throws -> Outcome {
        let files = FileManager.default.temporaryDirectory.appendingPathComponent("child-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: files) }
        let inputFile = files.appendingPathComponent("stdin"), outputFile = files.appendingPathComponent("stdout")
        let errorFile = files.appendingPathComponent("stderr")
        try input.write(to: inputFile)
        for file in [outputFile, errorFile] {
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw Failure("cannot create \(file.path)") }
        }
        let stdin = try FileHandle(forReadingFrom: inputFile), stdout = try FileHandle(forWritingTo: outputFile)
        let stderr = try streams == .separate ? FileHandle(forWritingTo: errorFile) : stdout
        defer {
            try? stdin.close()
            try? stdout.close()
            if streams == .separate { try? stderr.close() }
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: try Data(contentsOf: outputFile),
                       stderr: try Data(contentsOf: errorFile))
    }
}
