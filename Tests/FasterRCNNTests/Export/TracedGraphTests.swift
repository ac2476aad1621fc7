import Foundation
import Testing
import Torch
@testable import FasterRCNN

/// Backbone trunks and heads of every family, traced into ONNX: `onnx.checker` accepts the file and onnxruntime
/// (the independent oracle) computes what the model computes, at batch sizes other than the traced one.
@Suite(.serialized) struct TracedGraphTests {
    /// One architecture per family, with what each exercises: strided and asymmetric padding, relu6 and depthwise
    /// convolutions, concatenation and padded max pooling, leaky ReLU, swish with squeeze-excitation means,
    /// fully connected layers with dropout.
    static let archs = ["resnet:10", "mobilenet_v1", "mobilenet_v2", "googlenet", "darknet:19", "efficientnet:b0", "vgg:16"]

    @Test(arguments: archs) func backboneMatchesOnnxRuntime(arch: String) throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        Runtime.manualSeed(11)
        let store = ParameterStore()
        let backbone = try BackboneFactory.make(arch: arch, options: BackboneOptions(), path: store.root / "backbone")
        try noGrad {  // running statistics away from 0 and 1, so that batch norm is not an identity
            for entry in store.all where entry.name.hasSuffix("running_var") { try entry.tensor.copy(from: Tensor.rand(entry.tensor.shape) + 0.5) }
            for entry in store.all where entry.name.hasSuffix("running_mean") { try entry.tensor.copy(from: Tensor.randn(entry.tensor.shape) * 0.1) }
        }
        let crop = backbone.options.cropSize
        let features = try TracedGraph.model(name: "features", inputs: [("image", try Tensor.randn([2, 3, 64, 96]))],
                                             outputNames: ["features"], parameters: store) { [try backbone.features($0[0])] }
        let head = try TracedGraph.model(name: "head", inputs: [("crops", try Tensor.randn([2, backbone.featureChannels, crop, crop]))],
                                         outputNames: ["pooled"], parameters: store) { [try backbone.head($0[0])] }
        try features.serializedData().write(to: folder.appendingPathComponent("features.onnx"))
        try head.serializedData().write(to: folder.appendingPathComponent("head.onnx"))
        store.isTraining = false
        let image = try Tensor.randn([3, 3, 64, 96]), crops = try Tensor.randn([4, backbone.featureChannels, crop, crop])
        let expected = try noGrad { ["features": try backbone.features(image), "pooled": try backbone.head(crops)] }
        try SafeTensors.write(["image": image, "crops": crops], to: folder.appendingPathComponent("inputs.safetensors"))
        let report = try BackboneOracle.run("""
            import json, sys, onnx, onnxruntime as ort, numpy as np
            from safetensors.numpy import load_file, save_file
            folder = sys.argv[1]
            inputs = load_file(folder + "/inputs.safetensors")
            out = {}
            for name, feed in (("features", "image"), ("head", "crops")):
                model = onnx.load(f"{folder}/{name}.onnx")
                onnx.checker.check_model(model, full_check=True)
                session = ort.InferenceSession(f"{folder}/{name}.onnx", providers=["CPUExecutionProvider"])
                (result,) = session.run(None, {feed: inputs[feed]})
                save_file({"x": result}, f"{folder}/{name}.safetensors")
                out[name] = list(result.shape)
            print(json.dumps(out))
            """, arguments: [folder.path])
        let shapes = try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: [Int]]
        #expect(shapes?["features"] == expected["features"]!.shape && shapes?["head"] == expected["pooled"]!.shape, "\(arch): \(report)")
        for (file, key) in [("features", "features"), ("head", "pooled")] {
            let onnx = try SafeTensors.read(from: folder.appendingPathComponent("\(file).safetensors")).tensors["x"]!
            let reference = expected[key]!
            let scale = try reference.abs().max().item()
            #expect(try (onnx - reference).abs().max().item() <= 1e-4 * scale + 1e-5, "\(arch) \(file)")
        }
    }

    /// An operation the trace does not know, and one it knows it cannot write, are refused with the step named.
    @Test func untracedOperationsAreRefused() throws {
        let store = ParameterStore()
        let untraced = #expect(throws: ExportError.self) {
            try TracedGraph.model(name: "g", inputs: [("x", try Tensor.randn([2, 3]))], outputNames: ["y"], parameters: store) {
                [try $0[0].cumsum(dim: 1).relu()]
            }
        }
        #expect(untraced?.message.contains("step 0 (function(Torch.OperationTrace.Function.relu)) reads a tensor of shape [2, 3] made by an operation the exporter does not trace") == true,
                "\(String(describing: untraced))")
        let unsupported = #expect(throws: ExportError.self) {
            try TracedGraph.model(name: "g", inputs: [("x", try Tensor.randn([2, 3]))], outputNames: ["y"], parameters: store) {
                [try $0[0].floor()]
            }
        }
        #expect(unsupported?.message.hasPrefix("step 0: elementwise operation") == true, "\(String(describing: unsupported))")
    }
}
