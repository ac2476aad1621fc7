import Foundation
import Testing
import TestSupport
@testable import Torch

extension TorchSuite {
    @Suite struct TorchFileTests {
        @Test func readsADictSavedByPythonTorch() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("torchfile-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("checkpoint.pth")
            let script = PythonOracle.describe + """
                torch.manual_seed(0)
                conv = torch.nn.Conv2d(3, 2, 3)
                state = {k: v for k, v in conv.state_dict().items()}
                state.update({
                    "view": torch.arange(20, dtype=torch.float64).reshape(4, 5)[:, 1:3],
                    "half": torch.tensor([0.5, -2.0], dtype=torch.float16),
                    "bf": torch.randn(3).to(torch.bfloat16),
                    "steps": torch.tensor(5),
                    "flags": torch.tensor([True, False, True]),
                    "nested": {"x": torch.tensor([1, 2], dtype=torch.int32), "lr": 0.5},
                    "items": [torch.tensor([3.0]), 7],
                })
                torch.save(state, sys.argv[1])
                flat = {}
                def walk(prefix, value):
                    if isinstance(value, dict):
                        for k, v in value.items(): walk(prefix + "." + k if prefix else k, v)
                    elif isinstance(value, list):
                        for i, v in enumerate(value): walk(prefix + "." + str(i), v)
                    elif isinstance(value, torch.Tensor): flat[prefix] = describe(value)
                    elif isinstance(value, float): flat[prefix] = describe(torch.tensor(value, dtype=torch.float64))
                    else: flat[prefix] = describe(torch.tensor(value, dtype=torch.int64))
                walk("", state)
                print(json.dumps(flat))
                """
            let expected = try #require(try PythonOracle.json(script, arguments: [file.path]) as? [String: Any])
            let loaded = try TorchFile.load(file)
            #expect(Set(loaded.keys) == Set(expected.keys))
            #expect(loaded.keys.contains("nested.lr") && loaded.keys.contains("items.1"))
            for (name, description) in expected {
                let tensor = try #require(loaded[name], "\(name) missing")
                #expect(try PythonOracle.TensorValues(tensor) == PythonOracle.TensorValues(json: description), "\(name)")
            }
        }

        @Test func missingOrForeignFilesAreClearErrors() throws {
            let missing = URL(fileURLWithPath: "/nonexistent/model.pth")
            let error = #expect(throws: TorchError.self) { try TorchFile.load(missing) }
            #expect(error?.message.contains("/nonexistent/model.pth") == true)
            let text = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-torch-file-\(UUID().uuidString)")
            try Data("hello".utf8).write(to: text)
            defer { try? FileManager.default.removeItem(at: text) }
            #expect(throws: TorchError.self) { try TorchFile.load(text) }
        }
    }
}
