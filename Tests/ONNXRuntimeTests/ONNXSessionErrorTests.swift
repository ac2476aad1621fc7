import Foundation
import Testing
@testable import ONNXRuntime

/// Bad model files and bad inputs are thrown errors that name the model file, never crashes.
@Suite struct ONNXSessionErrorTests {
    /// The error of loading `path`, which must fail.
    private func loadError(_ path: String) -> ONNXRuntimeError? {
        #expect(throws: ONNXRuntimeError.self) { try ONNXSession(modelPath: path, threads: 1) }
    }

    @Test func badModelFilesAreRefusedNamingTheFile() throws {
        let fixtures = try ModelFixtures()
        defer { fixtures.remove() }
        let missing = fixtures.folder.appendingPathComponent("missing.onnx").path
        let cases: [(path: String, says: String)] = [
            (missing, "no such file"), (fixtures.folder.path, "is a folder"),
            (fixtures.textFile, "Protobuf parsing failed"), (fixtures.truncated, "Protobuf parsing failed"),
            (fixtures.futureIR, "cannot load it: Unsupported model IR version: 99"), (fixtures.futureOpset, "Opset 99"),
        ]
        for (path, says) in cases {
            let error = loadError(path)
            #expect(error?.modelPath == path)
            #expect(error?.description.hasPrefix("\(path): ") == true, "\(String(describing: error))")
            #expect(error?.message.contains(says) == true, "\(path): \(String(describing: error))")
            // ORT's C++ source locations, signatures and repeated path are dropped; the message is one line.
            for noise in [".cc:", "::", "Load model from", "\n"] {
                #expect(error?.message.contains(noise) == false, "\(String(describing: error))")
            }
        }
        let threads = #expect(throws: ONNXRuntimeError.self) { try ONNXSession(modelPath: fixtures.affine, threads: -1) }
        #expect(threads?.message.contains("-1") == true)
    }

    @Test func badInputsAreRefusedNamingTheModel() throws {
        let fixtures = try ModelFixtures()
        defer { fixtures.remove() }
        let session = try ONNXSession(modelPath: fixtures.affine, threads: 1)
        let six = fixtures.input
        let cases: [(inputs: [String: ONNXTensor], says: String)] = [
            (["x": ONNXTensor(shape: [6], float32: six)], "Invalid rank for input: x"),
            (["x": ONNXTensor(shape: [3, 2], float32: six)], "invalid dimensions for input: x"),
            (["x": ONNXTensor(shape: [2, 3], float32: Array(six.prefix(5)))], "does not hold the 5 values"),
            (["x": ONNXTensor(shape: [-2, -3], float32: six)], "does not hold the 6 values"),
            (["x": ONNXTensor(shape: [2, 3], values: .int32([1, 2, 3, 4, 5, 6]))], "tensor(int32)"),
            (["z": ONNXTensor(shape: [2, 3], float32: six)], "no input named 'z'; the model's inputs are x (float32 [?, 3])"),
            ([:], "input 'x' not given"),
        ]
        for (inputs, says) in cases {
            let error = #expect(throws: ONNXRuntimeError.self) { try session.run(inputs) }
            #expect(error?.description.hasPrefix("\(fixtures.affine): ") == true)
            #expect(error?.message.contains(says) == true, "\(String(describing: error))")
        }
        // The session still works after every refusal.
        #expect(try session.run(["x": ONNXTensor(shape: [2, 3], float32: six)])["shape32"]?.int32Values == [2, 3])
    }

    @Test func outputsOfOtherTypesAreRefusedNotConverted() throws {
        let fixtures = try ModelFixtures()
        defer { fixtures.remove() }
        let session = try ONNXSession(modelPath: fixtures.boolOutput, threads: 1)
        let error = #expect(throws: ONNXRuntimeError.self) {
            try session.run(["x": ONNXTensor(shape: [2, 3], float32: fixtures.input)])
        }
        #expect(error?.modelPath == fixtures.boolOutput)
        #expect(error?.message.contains("output 'positive' has element type bool") == true, "\(String(describing: error))")
    }
}
