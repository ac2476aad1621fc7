import Foundation
import Testing
@testable import ONNXRuntime

/// Loading and running models through the C shim, checked against Python onnxruntime and hand values.
@Suite struct ONNXSessionTests {
    @Test func describesInputsAndOutputs() throws {
        let fixtures = try ModelFixtures()
        defer { fixtures.remove() }
        let session = try ONNXSession(modelPath: fixtures.affine, threads: 1)
        #expect(session.modelPath == fixtures.affine)
        #expect(session.inputs.map(\.name) == ["x"])
        #expect(session.inputs.map(\.elementType) == [.float32])
        #expect(session.inputs.map(\.shape) == [[nil, 3]])
        #expect(session.outputs.map(\.name) == ["y", "shape64", "shape32"])
        #expect(session.outputs.map(\.elementType) == [.float32, .int64, .int32])
        #expect(session.outputs.map(\.shape) == [[nil, 3], [2], [2]])
        #expect(session.inputs[0].description == "x (float32 [?, 3])")
        let bool = try ONNXSession(modelPath: fixtures.boolOutput, threads: 1)
        #expect(bool.outputs.map(\.elementType) == [.other(9)])
    }

    @Test func runsLikePythonONNXRuntime() throws {
        let fixtures = try ModelFixtures()
        defer { fixtures.remove() }
        let session = try ONNXSession(modelPath: fixtures.affine, threads: 1)
        let outputs = try session.run(["x": ONNXTensor(shape: [2, 3], float32: fixtures.input)])
        #expect(Set(outputs.keys) == ["y", "shape64", "shape32"])
        let y = try #require(outputs["y"])
        #expect(y.shape == [2, 3])
        #expect(y.float32Values == fixtures.reference["y"]?.map { Float($0) })
        #expect(y.float32Values == fixtures.input.map { $0 * 2 + 1 })
        #expect(outputs["shape64"] == ONNXTensor(shape: [2], values: .int64([2, 3])))
        #expect(outputs["shape32"] == ONNXTensor(shape: [2], values: .int32([2, 3])))
        #expect(outputs["shape32"]?.integerValues == fixtures.reference["shape32"]?.map { Int($0) })
        #expect(outputs["shape64"]?.integerValues == fixtures.reference["shape64"]?.map { Int($0) })
    }

    @Test func dynamicBatchTakesOneRowOrFive() throws {
        let fixtures = try ModelFixtures()
        defer { fixtures.remove() }
        let session = try ONNXSession(modelPath: fixtures.affine, threads: 0)
        for rows in [1, 5] {
            let values = (0..<(rows * 3)).map { Float($0) * 0.5 - 3 }
            let outputs = try session.run(["x": ONNXTensor(shape: [rows, 3], float32: values)])
            #expect(outputs["y"] == ONNXTensor(shape: [rows, 3], float32: values.map { $0 * 2 + 1 }))
            #expect(outputs["shape32"]?.int32Values == [Int32(rows), 3])
        }
        let empty = try session.run(["x": ONNXTensor(shape: [0, 3], float32: [])])
        #expect(empty["y"] == ONNXTensor(shape: [0, 3], float32: []))
    }

    @Test func loadsTheRuntimeOfTheVenvVersion() throws {
        let fixtures = try ModelFixtures()
        defer { fixtures.remove() }
        let library = try ONNXRuntimeLibrary.load()
        #expect(library.version == fixtures.pythonVersion)
        #expect(library.path.hasSuffix("/libonnxruntime.so.\(fixtures.pythonVersion)"))
        #expect(FileManager.default.fileExists(atPath: library.path))
        #expect(try ONNXRuntimeLibrary.load().path == library.path)
    }
}

