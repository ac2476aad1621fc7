import FasterRCNN
import Foundation
import Testing
import TestSupport
import Torch

/// Runs the built `frcnn export` on a resnet:10 checkpoint with random RPN and RCNN outputs, then onnxruntime (the
/// independent oracle) on the generated images, preprocessed in numpy: its detections are `frcnn inference`'s label
/// files. The frames have the network's size (160×160), so inference's labels are in network pixels too.
@Suite("frcnn export", .serialized)
struct ExportCommandTests {
    static let spec = """
        random_seed: 7
        \(SyntheticExperiment.modelConfig)
        \(SyntheticExperiment.datasetConfig)
        augmentation_config {
          preprocessing { output_image_width: 160 output_image_height: 160 output_image_channel: 3
                          min_bbox_width: 1.0 min_bbox_height: 1.0 }
          spatial_augmentation { zoom_min: 1.0 zoom_max: 1.0 }
          color_augmentation { contrast_center: 0.5 }
        }
        \(SyntheticExperiment.oneEpochTraining)
        inference_config {
          images_dir: "data/training/image_2"
          batch_size: 2
          rpn_pre_nms_top_N: 300
          rpn_nms_max_boxes: 50
          rpn_nms_overlap_threshold: 0.7
          object_confidence_thres: 0.0001
          bbox_visualize_threshold: 0.01
          classifier_nms_max_boxes: 10
          classifier_nms_overlap_threshold: 0.3
        }
        evaluation_config {
          batch_size: 2
          \(SyntheticExperiment.evaluationDetection)
        }
        """

    /// 6 generated 160×160 frames and a resnet:10 checkpoint `model/frcnn_resnet_10.epoch_1.hdf5` whose RPN and
    /// RCNN output layers have random weights (they start at zero, which would make every score equal).
    func prepare() throws -> (folder: String, model: String) {
        let folder = NSTemporaryDirectory() + "frcnn-export-cli-\(UUID().uuidString.prefix(8))"
        let converted = try SyntheticExperiment.prepareData(in: folder, count: 6, width: 160, height: 160, seed: 9, validationPercent: 0)
        try #require(converted.status == 0, "\(converted.stderr)")
        let model = try SyntheticExperiment.writeCheckpoint(spec: Self.spec, in: folder) { store in
            try noGrad {
                for entry in store.all where entry.name.hasPrefix("rpn_out") || entry.name.hasPrefix("dense_") {
                    try entry.tensor.copy(from: Tensor.randn(entry.tensor.shape) * (entry.name.hasPrefix("dense_class") ? 0.05 : 0.01))
                }
            }
        }
        return (folder, model)
    }

    @Test("the exported graph finds what frcnn inference finds; DeepStream files; nothing is replaced")
    func exportMatchesInference() throws {
        let (folder, model) = try prepare()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let export = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "-o", "out/detector.onnx", "--gen_ds_config",
                                           "--log_file", "export.log"], in: folder)
        try #require(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("Wrote out/detector.onnx"), "\(export.stderr)")
        #expect(try String(contentsOfFile: folder + "/out/labels.txt", encoding: .utf8) == "car\nbackground\n")
        let nvinfer = try String(contentsOfFile: folder + "/out/nvinfer_config.txt", encoding: .utf8)
        #expect(nvinfer.contains("infer-dims=3;160;160\n") && nvinfer.contains("num-detected-classes=2\n"), "\(nvinfer)")
        try expectInferenceMatches(folder: folder, model: model, onnx: "out/detector.onnx")

        // A second export to the same files is refused and leaves them as they were.
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/detector.onnx"))
        let again = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "-o", "out/detector.onnx"], in: folder)
        #expect(again.status == 1 && again.stderr.contains("out/detector.onnx already exists; it is left untouched"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/out/detector.onnx")) == before)
        let labelsAgain = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "-o", "out/other.onnx", "--gen_ds_config"], in: folder)
        #expect(labelsAgain.status == 1 && labelsAgain.stderr.contains("out/nvinfer_config.txt already exists"), "\(labelsAgain.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/other.onnx"))
    }

    /// Runs `frcnn inference` with `model` into `folder/RESULTS` and onnxruntime on `onnx` over five frames, two at
    /// a time (the last batch has one), preprocessed in numpy as the spec says; each frame's rows with score ≥
    /// 0.01 must be its label file's detections (class, score within 1e-3, corners within 0.5 px).
    private func expectInferenceMatches(folder: String, model: String, onnx: String) throws {
        let results = "results-" + (onnx as NSString).lastPathComponent
        let inference = try FrcnnProcess.run(["inference", "-e", "spec.txt", "-m", model, "-r", results], in: folder)
        try #require(inference.status == 0, "\(inference.stderr)")
        let report = try PythonOracle.json("""
            import glob, json, os, sys, numpy as np, onnx, onnxruntime as ort
            from PIL import Image
            folder, path = sys.argv[1], sys.argv[1] + "/" + sys.argv[2]
            onnx.checker.check_model(onnx.load(path), full_check=True)
            session = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
            paths = sorted(glob.glob(folder + "/data/training/image_2/*.png"))[:5]
            def load(path):
                rgb = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32)
                return (rgb[:, :, ::-1] - np.array([103.939, 116.779, 123.68], dtype=np.float32)).transpose(2, 0, 1) / 1.0
            out = {}
            for start in range(0, len(paths), 2):
                chunk = paths[start:start + 2]
                rows, counts = session.run(None, {"input_image": np.stack([load(p) for p in chunk]).astype(np.float32)})
                for n, path in enumerate(chunk):
                    kept = rows[n, 0, :counts[n, 0]]
                    assert (rows[n, 0, counts[n, 0]:] == 0).all()
                    out[os.path.basename(path)[:-4]] = [[float(r[1]), float(r[2]), float(r[3] * 160), float(r[4] * 160),
                                                         float(r[5] * 160), float(r[6] * 160)] for r in kept if r[2] >= 0.01]
            print(json.dumps(out))
            """, arguments: [folder, onnx]) as? [String: [[Double]]]
        let detections = try #require(report)
        #expect(detections.count == 5)
        #expect(detections.values.contains { !$0.isEmpty }, "\(detections)")
        for (stem, rows) in detections {
            let labels = try KITTIPredictionLabels.read(URL(fileURLWithPath: "\(folder)/\(results)/labels/\(stem).txt"))
            try #require(labels.count == rows.count, "\(stem): \(labels.count) labels, \(rows.count) onnx rows")
            for (label, row) in zip(labels, rows) {
                #expect(row[0] == 0 && label.className == "car", "\(stem): \(row)")
                #expect(abs(label.score - row[1]) <= 1e-3, "\(stem): \(label.score) vs \(row[1])")
                for (a, b) in zip([label.box.x1, label.box.y1, label.box.x2, label.box.y2], row[2...]) {
                    #expect(abs(a - b) <= 0.5, "\(stem): \(label.box) vs \(row)")
                }
            }
        }
    }

    @Test("a pruned model exports, and its graph finds what frcnn inference finds with it")
    func prunedModel() throws {
        let (folder, model) = try prepare()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let prune = try FrcnnProcess.run(["prune", "-m", model, "-o", "model/pruned", "-pth", "0.97", "-nf", "8"], in: folder)
        try #require(prune.status == 0, "\(prune.stderr)")
        let ratio = prune.stderr.components(separatedBy: "Pruning ratio (pruned model / original model): ").last
            .flatMap { Double($0.prefix { $0 != "\n" }) }
        #expect(ratio.map { $0 < 0.9 } == true, "ratio \(String(describing: ratio)): \(prune.stderr)")
        let export = try FrcnnProcess.run(["export", "-m", "model/pruned.hdf5", "-e", "spec.txt"], in: folder)
        try #require(export.status == 0, "\(export.stderr)")
        try expectInferenceMatches(folder: folder, model: "model/pruned.hdf5", onnx: "model/pruned.onnx")
    }

    @Test("default output, static batch size, fp16, and refused flags")
    func outputsAndFlags() throws {
        let (folder, model) = try prepare()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let export = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "--static_batch_size", "3", "--target_opset", "16"], in: folder)
        try #require(export.status == 0, "\(export.stderr)")
        let shape = try PythonOracle.run("""
            import sys, onnx
            model = onnx.load(sys.argv[1])
            dims = lambda value: [d.dim_value if d.HasField("dim_value") else d.dim_param for d in value.type.tensor_type.shape.dim]
            print(dims(model.graph.input[0]), [dims(o) for o in model.graph.output], model.opset_import[0].version)
            """, arguments: [folder + "/model/frcnn_resnet_10.epoch_1.onnx"])
        #expect(shape.trimmingCharacters(in: .whitespacesAndNewlines) == "[3, 3, 160, 160] [[3, 1, 10, 7], [3, 1]] 16", "\(shape)")
        let opset = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "-o", "x.onnx", "--target_opset", "12"], in: folder)
        #expect(opset.status != 0 && opset.stderr.contains("--target_opset 12: the graph is written at opset 16 or 17"), "\(opset.stderr)")
        let batch = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "-o", "x.onnx", "--static_batch_size", "0"], in: folder)
        #expect(batch.status != 0 && batch.stderr.contains("--static_batch_size 0"), "\(batch.stderr)")
        let int8 = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "-o", "x.onnx", "--data_type", "int8"], in: folder)
        #expect(int8.status != 0 && int8.stderr.contains("--data_type int8 needs --cal_image_dir"), "\(int8.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.onnx"))
        let half = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "-o", "half.onnx", "--data_type", "fp16"], in: folder)
        #expect(half.status == 0 && half.stderr.contains("(fp16)"), "\(half.stderr)")
    }

    @Test("int8: a QDQ graph onnxruntime runs, the TensorRT calibration cache and TAO's scale JSON of the same ranges")
    func int8() throws {
        let (folder, model) = try prepare()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let export = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "-o", "q/int8.onnx", "--data_type", "int8",
                                           "--cal_image_dir", "data/training/image_2", "--batches", "2", "--batch_size", "2",
                                           "--cal_cache_file", "q/cal.bin", "--cal_json_file", "q/cal.json"], in: folder)
        try #require(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("Calibrated on 4 images"), "\(export.stderr)")
        let check = try PythonOracle.run("""
            import json, sys, numpy as np, onnx, onnxruntime as ort
            folder = sys.argv[1]
            model = onnx.load(folder + "/q/int8.onnx")
            onnx.checker.check_model(model, full_check=True)
            values = {o for n in model.graph.node for o in n.output} | {i.name for i in model.graph.input}
            cache = open(folder + "/q/cal.bin").read().splitlines()
            scales = json.load(open(folder + "/q/cal.json"))["tensor_scales"]
            names = [line.split(": ")[0] for line in cache[1:]]
            bits = {line.split(": ")[0]: int(line.split(": ")[1], 16) for line in cache[1:]}
            same = all(abs(np.frombuffer(np.uint32(bits[k]).tobytes(), np.float32)[0] * 127 - v) <= 1e-5 * v for k, v in scales.items())
            session = ort.InferenceSession(folder + "/q/int8.onnx", providers=["CPUExecutionProvider"])
            rows, counts = session.run(None, {"input_image": np.zeros((1, 3, 160, 160), np.float32)})
            print(cache[0], sorted(names) == sorted(scales), set(names) <= values, same, "QuantizeLinear" in [n.op_type for n in model.graph.node], rows.shape)
            """, arguments: [folder])
        #expect(check.trimmingCharacters(in: .whitespacesAndNewlines) == "TRT-8601-EntropyCalibration2 True True True True (1, 1, 10, 7)", "\(check)")
        let again = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "-o", "q/other.onnx", "--data_type", "int8",
                                          "--cal_image_dir", "data/training/image_2", "--cal_cache_file", "q/cal.bin"], in: folder)
        #expect(again.status == 1 && again.stderr.contains("q/cal.bin already exists"), "\(again.stderr)")
    }
}
