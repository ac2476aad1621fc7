import Foundation
import Testing
import TestSupport
@testable import Torch

extension TorchSuite {
    @Suite struct SafeTensorsTests {
        let folder: URL

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        /// One tensor of every dtype, a 0-d, an empty and a channels-last tensor.
        static func sampleTensors() throws -> [String: Tensor] {
            Runtime.manualSeed(17)
            return [
                "a.float32": try Tensor.arange(0, 12, dtype: .float32).reshape([3, 4]) / 4,
                "b.float64": try Tensor([1.5, -2.25, 1e-300]),
                "c.int64": try Tensor([Int64.max, -3]),
                "d.int32": try Tensor([Int32.min, 7]),
                "e.uint8": try Tensor([0, 200, 255] as [UInt8]),
                "f.bool": try Tensor([true, false]),
                "g.float16": try Tensor([0.5, -65504, 3.25] as [Float]).to(dtype: .float16),
                "h.bfloat16": try Tensor([1, -0.0078125, 3.0e38] as [Float]).to(dtype: .bfloat16),
                "scalar": try Tensor(scalar: 7),
                "empty": try Tensor.zeros([0, 3]),
                "channels_last": try Tensor.randn([1, 2, 2, 3]).contiguous(format: .channelsLast),
            ]
        }

        @Test func roundTripsInSwift() throws {
            let file = folder.appendingPathComponent("round.safetensors")
            defer { try? FileManager.default.removeItem(at: folder) }
            let tensors = try Self.sampleTensors()
            try SafeTensors.write(tensors, metadata: ["epoch": "3", "note": "ü"], to: file)
            let (loaded, metadata) = try SafeTensors.read(from: file)
            #expect(metadata == ["epoch": "3", "note": "ü"])
            #expect(Set(loaded.keys) == Set(tensors.keys))
            for (name, tensor) in tensors {
                #expect(try PythonOracle.TensorValues(loaded[name]!) == PythonOracle.TensorValues(tensor), "\(name)")
            }
            // Header length is a multiple of 8 and data offsets are contiguous.
            let data = try Data(contentsOf: file)
            #expect(data.prefix(8).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) } % 8 == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["round.safetensors"])
        }

        @Test func badFilesAreClearErrors() throws {
            defer { try? FileManager.default.removeItem(at: folder) }
            let missing = folder.appendingPathComponent("missing.safetensors")
            let error = #expect(throws: TorchError.self) { try SafeTensors.read(from: missing) }
            #expect(error?.message.contains("missing.safetensors") == true)
            let truncated = folder.appendingPathComponent("truncated.safetensors")
            try SafeTensors.write(["x": Tensor.ones([4])], to: truncated)
            let bytes = try Data(contentsOf: truncated)
            try bytes.dropLast(4).write(to: truncated)
            let truncatedError = #expect(throws: TorchError.self) { try SafeTensors.read(from: truncated) }
            #expect(truncatedError?.message.contains("entry 'x'") == true)
            try Data("garbage!".utf8).write(to: truncated)
            #expect(throws: TorchError.self) { try SafeTensors.read(from: truncated) }
        }

        @Test func swiftFilesLoadInPythonAndPythonFilesLoadInSwift() throws {
            defer { try? FileManager.default.removeItem(at: folder) }
            let fromSwift = folder.appendingPathComponent("swift.safetensors")
            let fromPython = folder.appendingPathComponent("python.safetensors")
            let tensors = try Self.sampleTensors()
            try SafeTensors.write(tensors, metadata: ["format": "pt", "epoch": "3"], to: fromSwift)
            let script = PythonOracle.describe + """
                from safetensors import safe_open
                from safetensors.torch import load_file, save_file
                loaded = load_file(sys.argv[1])
                with safe_open(sys.argv[1], framework="pt") as f:
                    metadata = f.metadata()
                torch.manual_seed(0)
                written = {"w": torch.randn(2, 3), "i": torch.arange(5, dtype=torch.int32),
                           "h": torch.randn(4).to(torch.bfloat16), "m": torch.tensor([True, False])}
                save_file(written, sys.argv[2], metadata={"writer": "python"})
                print(json.dumps({"read": {k: describe(v) for k, v in loaded.items()}, "metadata": metadata,
                                  "written": {k: describe(v) for k, v in written.items()}}))
                """
            let result = try #require(try PythonOracle.json(script, arguments: [fromSwift.path, fromPython.path]) as? [String: Any])
            #expect(result["metadata"] as? [String: String] == ["format": "pt", "epoch": "3"])
            let read = try #require(result["read"] as? [String: Any])
            #expect(Set(read.keys) == Set(tensors.keys))
            for (name, tensor) in tensors {
                #expect(try PythonOracle.TensorValues(json: read[name] as Any) == PythonOracle.TensorValues(tensor), "\(name)")
            }
            let (loaded, metadata) = try SafeTensors.read(from: fromPython)
            #expect(metadata == ["writer": "python"])
            let written = try #require(result["written"] as? [String: Any])
            #expect(Set(loaded.keys) == Set(written.keys))
            for (name, description) in written {
                #expect(try PythonOracle.TensorValues(loaded[name]!) == PythonOracle.TensorValues(json: description), "\(name)")
            }
        }
    }
}
