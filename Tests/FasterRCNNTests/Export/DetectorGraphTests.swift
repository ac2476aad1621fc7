import Foundation
import Testing
import Torch
@testable import FasterRCNN

/// The whole detector exported as one ONNX file: `onnx.checker` accepts it and onnxruntime (the independent
/// oracle) finds the detections ``FasterRCNNModel/detect(_:)`` finds, at batch 1 and 2, with one image of the
/// batch left without detections by a confidence threshold between the two images' best scores.
@Suite(.serialized) struct DetectorGraphTests {
    static let (height, width) = (64, 96)

    /// A detector whose every layer has random weights (the RPN and RCNN outputs start at zero otherwise), batch
    /// norm's running statistics set to those of `images` (one training-mode pass with momentum 0: every layer
    /// then passes on a signal that varies), and RCNN outputs scaled to the head's variation on `images`, so that
    /// class scores spread over (0, 1) instead of saturating or sitting at the softmax of the biases.
    static func model(arch: String, confidenceThreshold: Float, images: Tensor) throws -> FasterRCNNModel {
        let (height, width) = (images.shape[2], images.shape[3])
        let store = ParameterStore()
        var options = BackboneOptions()
        options.batchNorm = BatchNormSettings(momentum: 0, epsilon: 1e-3)
        let backbone = try BackboneFactory.make(arch: arch, options: options, path: store.root / "backbone")
        var configuration = DetectorConfiguration(classCount: 3)
        configuration.anchorScales = [16, 32]
        configuration.inferenceProposals = ProposalSettings(preNMSTopN: 100, postNMSTopN: 40, nmsIoUThreshold: 0.7)
        configuration.detection = DetectionNMSSettings(maxBoxes: 20, iouThreshold: 0.3, confidenceThreshold: confidenceThreshold)
        let model = try FasterRCNNModel(backbone: backbone, store: store, configuration: configuration)
        // Four RoIs per image: the whole image and three halves.
        let (h, w) = (Float(height - 1), Float(width - 1))
        let regions = try Tensor([0, 0, h, w, 0, 0, h, w / 2, 0, w / 2, h, w, 0, 0, h / 2, w], shape: [1, 4, 4])
            .expand(to: [images.shape[0], 4, 4])
        let crop = CropAndResize(cropSize: configuration.cropSize)
        let pooled = try noGrad { () throws -> Tensor in
            store.isTraining = true
            _ = try backbone.head(try crop(features: backbone.features(images), rois: regions, imageHeight: height, imageWidth: width))
            store.isTraining = false
            return try backbone.head(try crop(features: backbone.features(images), rois: regions, imageHeight: height, imageWidth: width))
        }
        try noGrad {
            for entry in store.all where entry.name.hasPrefix("rpn_out") {
                try entry.tensor.copy(from: Tensor.randn(entry.tensor.shape) * 0.05)
            }
            let spread = try (pooled * pooled).mean().sqrt().item() * Double(backbone.headOutputSize).squareRoot() + 1e-6
            for (layer, scale) in [(model.rcnn.classifier, 2.0), (model.rcnn.regressor, 0.3)] {
                try layer.weight.copy(from: Tensor.randn(layer.weight.shape) * (scale / spread))
            }
            // RoIs whose head output is near zero score low for the object classes.
            try model.rcnn.classifier.bias?.copy(from: Tensor([0, 0, 0, 2]))
        }
        return model
    }

    @Test(arguments: TracedGraphTests.archs) func detectionsMatchOnnxRuntime(arch: String) throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        Runtime.manualSeed(21)
        let images = try Tensor.randn([2, 3, Self.height, Self.width]) * 40
        // The threshold between the two images' best scores leaves the second image without detections.
        let probeModel = try Self.model(arch: arch, confidenceThreshold: 1e-4, images: images)
        let probe = try probeModel.detect(images).detections
        let best = try (0..<2).map { try probe.scores.slice(dim: 0, start: $0, end: $0 + 1).max().item() }
        let (high, low) = best[0] >= best[1] ? (0, 1) : (1, 0)
        #expect(best[high] > best[low] + 1e-4, "\(arch): best scores \(best) too close to split")
        let model = try Self.model(arch: arch, confidenceThreshold: Float((best[0] + best[1]) / 2), images: images)
        _ = try model.store.load(probeModel.store.namedTensors(), strict: true)
        let ordered = try Tensor.cat([images.slice(dim: 0, start: high, end: high + 1), images.slice(dim: 0, start: low, end: low + 1)])
        let expected = try model.detect(ordered).detections
        let counts = try expected.counts.toArray(Int64.self)
        #expect(counts[0] > 0 && counts[1] == 0, "\(arch): counts \(counts)")

        let onnx = try DetectorGraph.model(of: model, imageHeight: Self.height, imageWidth: Self.width, channels: 3)
        try onnx.serializedData().write(to: folder.appendingPathComponent("detector.onnx"))
        try SafeTensors.write(["images": ordered], to: folder.appendingPathComponent("images.safetensors"))
        try BackboneOracle.run("""
            import sys, onnx, onnxruntime as ort
            from safetensors.numpy import load_file, save_file
            folder = sys.argv[1]
            onnx.checker.check_model(onnx.load(folder + "/detector.onnx"), full_check=True)
            session = ort.InferenceSession(folder + "/detector.onnx", providers=["CPUExecutionProvider"])
            images = load_file(folder + "/images.safetensors")["images"]
            for batch in (1, 2):
                rows, counts = session.run(["nms_out", "nms_out_1"], {"input_image": images[:batch]})
                save_file({"rows": rows, "counts": counts}, f"{folder}/batch{batch}.safetensors")
            """, arguments: [folder.path])
        let limit = model.configuration.detection.maxBoxes
        for batch in [1, 2] {
            let result = try SafeTensors.read(from: folder.appendingPathComponent("batch\(batch).safetensors")).tensors
            let rows = try #require(result["rows"]), keep = try #require(result["counts"])
            #expect(rows.shape == [batch, 1, limit, 7] && keep.shape == [batch, 1] && keep.dtype == .int32, "\(rows.shape) \(keep.shape)")
            #expect(try keep.toArray(Int32.self).map(Int64.init) == Array(counts.prefix(batch)), "\(arch) batch \(batch)")
            let values = try rows.toArray(Float.self)
            let boxes = try expected.boxes.toArray(Float.self), scores = try expected.scores.toArray(Float.self)
            let classes = try expected.classes.toArray(Int64.self)
            for n in 0..<batch {
                for k in 0..<limit {
                    let row = Array(values[((n * limit + k) * 7)..<((n * limit + k) * 7 + 7)])
                    guard k < counts[n] else {
                        #expect(row == [Float](repeating: 0, count: 7), "\(arch) padding row \(n),\(k): \(row)")
                        continue
                    }
                    let at = n * limit + k
                    // nms_out corners are x1/W, y1/H, x2/W, y2/H; frcnn's are y1, x1, y2, x2 in pixels.
                    let pixels = [row[4] * Float(Self.height), row[3] * Float(Self.width), row[6] * Float(Self.height), row[5] * Float(Self.width)]
                    #expect(row[0] == Float(n) && Int64(row[1]) == classes[at], "\(arch) row \(n),\(k): \(row)")
                    #expect(abs(row[2] - scores[at]) <= 1e-3, "\(arch) score \(n),\(k): \(row[2]) vs \(scores[at])")
                    #expect(zip(pixels, boxes[(4 * at)..<(4 * at + 4)]).allSatisfy { abs($0 - $1) <= 0.5 },
                            "\(arch) box \(n),\(k): \(pixels) vs \(Array(boxes[(4 * at)..<(4 * at + 4)]))")
                }
            }
        }
    }

    /// `--data_type fp16`, every family: the network's 4-D weights are float16 in the file (input and outputs stay
    /// float32), `onnx.checker` accepts it and onnxruntime runs it. For the families in `halfPrecisionMatched`,
    /// the detections also stay close to float32 `detect`: each of the five best has an fp16 detection of the same
    /// class with IoU ≥ 0.9 and a score within 0.02 (the bounds docs/export.md states). On these random-weight
    /// fixtures float16 moves the RPN outputs by 0.1 % (resnet:10) to 5 % (mobilenet_v1) of their largest value
    /// (measured), and in the other families (darknet:19 and efficientnet:b0 at 0.4–1.2 % included: they matched
    /// in one run and not in another, with other random draws) that reorders the arbitrary proposals of an
    /// untrained network; their closeness is not claimed here.
    static let halfPrecisionMatched: Set<String> = ["resnet:10"]

    @Test(arguments: TracedGraphTests.archs) func halfPrecisionStaysClose(arch: String) throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = try Tensor.randn([1, 3, Self.height, Self.width]) * 40
        let model = try Self.model(arch: arch, confidenceThreshold: 1e-4, images: images)
        let expected = try model.detect(images).detections
        let onnx = try DetectorGraph.model(of: model, imageHeight: Self.height, imageWidth: Self.width, channels: 3, precision: .float16)
        try onnx.serializedData().write(to: folder.appendingPathComponent("half.onnx"))
        try SafeTensors.write(["images": images], to: folder.appendingPathComponent("images.safetensors"))
        let report = try BackboneOracle.run("""
            import json, sys, onnx, onnxruntime as ort
            from safetensors.numpy import load_file, save_file
            folder = sys.argv[1]
            model = onnx.load(folder + "/half.onnx")
            onnx.checker.check_model(model, full_check=True)
            types = [i.data_type for i in model.graph.initializer if len(i.dims) == 4]
            session = ort.InferenceSession(folder + "/half.onnx", providers=["CPUExecutionProvider"])
            rows, counts = session.run(None, {"input_image": load_file(folder + "/images.safetensors")["images"]})
            save_file({"rows": rows}, folder + "/half.safetensors")
            print(json.dumps({"half4d": types.count(10), "float4d": types.count(1), "input": model.graph.input[0].type.tensor_type.elem_type,
                              "count": int(counts[0, 0])}))
            """, arguments: [folder.path])
        let facts = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Int])
        #expect(facts["half4d"]! > 0 && facts["float4d"] == 0 && facts["input"] == 1 && facts["count"]! > 0, "\(arch): \(facts)")
        let rows = try SafeTensors.read(from: folder.appendingPathComponent("half.safetensors")).tensors["rows"]!.toArray(Float.self)
        #expect(try expected.counts.toArray(Int64.self)[0] >= 5, "\(arch): too few float32 detections")
        guard Self.halfPrecisionMatched.contains(arch) else { return }
        try Self.expectClose(rows: rows, count: facts["count"]!, to: expected, iou: 0.9, score: 0.02, label: "\(arch) fp16")
    }

    /// `--data_type int8`: a QDQ graph calibrated on the image and on a second batch: every convolution and dense
    /// layer reads int8 weights (no float 4-D weight is left) and a quantized input, the input's calibrated range
    /// is the largest calibration magnitude, `onnx.checker` accepts the file and onnxruntime runs it. Accuracy is
    /// not compared here: on these random-weight networks int8 noise compounds layer by layer (measured: 6 % of
    /// the largest RPN output for resnet:10, 25 % for darknet:19, growing evenly from 1 % after the first
    /// convolution), which says nothing about a trained model.
    @Test(arguments: ["resnet:10", "mobilenet_v2", "vgg:16"]) func int8Graph(arch: String) throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = try Tensor.randn([1, 3, Self.height, Self.width]) * 40
        let model = try Self.model(arch: arch, confidenceThreshold: 1e-4, images: images)
        let calibration = [images, try Tensor.randn([2, 3, Self.height, Self.width]) * 40]
        let (onnx, ranges) = try DetectorGraph.exported(of: model, imageHeight: Self.height, imageWidth: Self.width, channels: 3,
                                                         precision: .int8(calibration: calibration))
        let largestInput = Float(try calibration.map { try $0.abs().max().item() }.max()!)
        #expect(abs((ranges[DetectorGraph.inputName] ?? 0) - largestInput) < 1e-3, "\(ranges[DetectorGraph.inputName] ?? 0) vs \(largestInput)")
        try onnx.serializedData().write(to: folder.appendingPathComponent("int8.onnx"))
        try SafeTensors.write(["images": images], to: folder.appendingPathComponent("images.safetensors"))
        let report = try BackboneOracle.run("""
            import json, sys, onnx, onnxruntime as ort
            from safetensors.numpy import load_file, save_file
            folder = sys.argv[1]
            model = onnx.load(folder + "/int8.onnx")
            onnx.checker.check_model(model, full_check=True)
            ops = [n.op_type for n in model.graph.node]
            session = ort.InferenceSession(folder + "/int8.onnx", providers=["CPUExecutionProvider"])
            rows, counts = session.run(None, {"input_image": load_file(folder + "/images.safetensors")["images"]})
            print(json.dumps({"int8": sum(i.data_type == 3 and len(i.dims) >= 2 for i in model.graph.initializer),
                              "float4d": sum(i.data_type == 1 and len(i.dims) == 4 for i in model.graph.initializer),
                              "conv": ops.count("Conv") + ops.count("Gemm"), "quantize": ops.count("QuantizeLinear"), "count": int(counts[0, 0])}))
            """, arguments: [folder.path])
        let facts = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Int])
        #expect(facts["int8"] == facts["conv"] && facts["float4d"] == 0 && facts["quantize"]! > 0 && facts["count"]! > 0, "\(arch): \(facts)")
    }

    /// Each of the five best detections of `expected` (image 0) has a row among the first `count` of `rows`
    /// (`nms_out` of image 0) with its class, IoU ≥ `iou` and a score within `score`.
    static func expectClose(rows: [Float], count: Int, to expected: Detections, iou: Float, score: Float, label: String) throws {
        let boxes = try expected.boxes.toArray(Float.self), scores = try expected.scores.toArray(Float.self)
        let classes = try expected.classes.toArray(Int64.self), expectedCount = Int(try expected.counts.toArray(Int64.self)[0])
        #expect(expectedCount >= 5, "\(label): \(expectedCount) float32 detections")
        for k in 0..<min(5, expectedCount) {
            let box = Array(boxes[(4 * k)..<(4 * k + 4)])
            let match = (0..<count).contains { j in
                let row = Array(rows[(7 * j)..<(7 * j + 7)])
                let found = [row[4] * Float(height), row[3] * Float(width), row[6] * Float(height), row[5] * Float(width)]
                return Int64(row[1]) == classes[k] && abs(row[2] - scores[k]) <= score && Self.iou(found, box) >= iou
            }
            #expect(match, "\(label): float32 detection \(k) (class \(classes[k]), score \(scores[k]), \(box)) has no match")
        }
    }

    /// IoU of two (y1, x1, y2, x2) boxes, continuous areas.
    static func iou(_ a: [Float], _ b: [Float]) -> Float {
        let ih = max(0, min(a[2], b[2]) - max(a[0], b[0])), iw = max(0, min(a[3], b[3]) - max(a[1], b[1]))
        let union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ih * iw
        return union > 0 ? ih * iw / union : 0
    }

    /// What cannot be exported is refused with the reason.
    @Test func refusals() throws {
        let model = try Self.model(arch: "resnet:10", confidenceThreshold: 0.5, images: Tensor.randn([1, 3, 64, 96]))
        #expect(throws: ExportError("opset 12 is not supported: the graph needs GridSample (opset 16) and is written at opsets 16–17")) {
            try DetectorGraph.model(of: model, imageHeight: 64, imageWidth: 96, channels: 3, opset: 12)
        }
        #expect(throws: ExportError("the input 8x96 is smaller than the network stride 16")) {
            try DetectorGraph.model(of: model, imageHeight: 8, imageWidth: 96, channels: 3)
        }
    }
}
