import FasterRCNN
import Foundation
import Testing
import TestSupport

/// `frcnn inference` and `frcnn evaluate` on an exported ONNX file through ONNX Runtime (P2.3), with the random-head
/// resnet:10 checkpoint of ``ExportCommandTests``: the file's label files are the checkpoint's, and bad files, a
/// missing runtime and a wrong input size are clear errors. The accuracy on a trained model is checked by
/// ``RealTilesFineTuneTests``.
extension ExportCommandTests {
    @Test("inference and evaluate on an exported file: the checkpoint's detections, dynamic and static batch")
    func onnxModelRunsNatively() throws {
        let (folder, model) = try prepare()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (output, extra) in [("out/dynamic.onnx", [String]()), ("out/static3.onnx", ["--static_batch_size", "3"])] {
            let export = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "-o", output] + extra, in: folder)
            try #require(export.status == 0, "\(export.stderr)")
        }
        let checkpoint = try FrcnnProcess.run(["inference", "-e", "spec.txt", "-m", model, "-r", "checkpoint"], in: folder)
        try #require(checkpoint.status == 0, "\(checkpoint.stderr)")
        for file in ["dynamic", "static3"] {
            let run = try FrcnnProcess.run(["inference", "-e", "spec.txt", "-m", "out/\(file).onnx", "-r", file], in: folder)
            try #require(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("ONNX Runtime 1.") && run.stderr.contains(file == "dynamic" ? "dynamic batch size" : "static batch size 3"),
                    "\(run.stderr)")
            try expectSameLabels(folder + "/checkpoint/labels", folder + "/\(file)/labels")
        }

        // evaluate: the same TAO mAP as the checkpoint, no RPN recall (the file has no proposals).
        var maps: [Double] = []
        for (name, path) in [("checkpoint", model), ("onnx", "out/dynamic.onnx")] {
            let evaluate = try FrcnnProcess.run(["evaluate", "-e", "spec.txt", "-m", path, "-r", "eval-\(name)"], in: folder)
            try #require(evaluate.status == 0, "\(evaluate.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/eval-\(name)/evaluation.json")))
            maps.append(try #require(((report as? [String: Any])?["tao"] as? [String: Any])?["meanAP"] as? Double, "\(report)"))
            if name == "onnx" { #expect(evaluate.stderr.contains("no RPN recall"), "\(evaluate.stderr)") }
        }
        #expect(abs(maps[0] - maps[1]) <= 0.005, "checkpoint \(maps[0]), onnx \(maps[1])")

        // TAO's deprecated trt_engine field names the file when model is not set.
        let engineSpec = try String(contentsOfFile: folder + "/spec.txt", encoding: .utf8)
            .replacingOccurrences(of: "inference_config {", with: "inference_config {\n  trt_inference { trt_engine: \"out/dynamic.onnx\" }")
        try engineSpec.write(toFile: folder + "/engine.txt", atomically: true, encoding: .utf8)
        let engine = try FrcnnProcess.run(["inference", "-e", "engine.txt", "-r", "engine"], in: folder)
        #expect(engine.status == 0 && engine.stderr.contains("Running out/dynamic.onnx"), "\(engine.stderr)")
        try engineSpec.replacingOccurrences(of: "out/dynamic.onnx", with: "out/model.engine")
            .write(toFile: folder + "/tensorrt.txt", atomically: true, encoding: .utf8)
        let tensorRT = try FrcnnProcess.run(["validate", "-e", "tensorrt.txt"], in: folder)
        #expect(tensorRT.status == 2 && tensorRT.stderr.contains("inference_config.trt_inference.trt_engine: must be an .onnx file"),
                "\(tensorRT.stderr)")
    }

    @Test("a corrupt or foreign ONNX file, a wrong input size and a missing runtime are clear errors; --version names the runtime")
    func onnxModelErrors() throws {
        let (folder, model) = try prepare()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let export = try FrcnnProcess.run(["export", "-m", model, "-e", "spec.txt", "-o", "detector.onnx"], in: folder)
        try #require(export.status == 0, "\(export.stderr)")
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: folder + "/corrupt.onnx"))
        _ = try PythonOracle.run("""
            import sys, onnx
            from onnx import helper, TensorProto
            x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3])
            y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3])
            graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "foreign", [x], [y])
            onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 16)], ir_version=8), sys.argv[1])
            """, arguments: [folder + "/foreign.onnx"])
        for (file, message) in [("corrupt.onnx", "corrupt.onnx: "), ("foreign.onnx", "foreign.onnx: not a detector exported by frcnn or TAO")] {
            let run = try FrcnnProcess.run(["inference", "-e", "spec.txt", "-m", file, "-r", "out-\(file)"], in: folder)
            #expect(run.status == 1 && run.stderr.contains(message), "\(run.stderr)")
        }
        let resized = try String(contentsOfFile: folder + "/spec.txt", encoding: .utf8)
            .replacingOccurrences(of: "size_height_width { height: 160 width: 160 }", with: "size_height_width { height: 160 width: 192 }")
            .replacingOccurrences(of: "output_image_width: 160", with: "output_image_width: 192")
        try resized.write(toFile: folder + "/resized.txt", atomically: true, encoding: .utf8)
        let wrongSize = try FrcnnProcess.run(["evaluate", "-e", "resized.txt", "-m", "detector.onnx", "-r", "wrong"], in: folder)
        #expect(wrongSize.status == 1 && wrongSize.stderr.contains("detector.onnx: the file takes input 3×160×160 (C×H×W), the spec's input is 3×160×192"),
                "\(wrongSize.stderr)")
        let missing = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: [
            "FRCNN_ONNXRUNTIME=\(folder)/no/libonnxruntime.so.1", try FrcnnProcess.binary().path,
            "inference", "-e", "spec.txt", "-m", "detector.onnx", "-r", "no-runtime"], in: URL(fileURLWithPath: folder))
        #expect(missing.status == 1 && missing.stderrText.contains("FRCNN_ONNXRUNTIME"), "\(missing.stderrText)")

        // --version names the runtime it found, or why none.
        let version = try FrcnnProcess.run(["--version"], in: folder)
        #expect(version.stdout.contains("\nonnxruntime 1.") && version.stdout.contains("libonnxruntime.so.1"), "\(version.stdout)")
        let noRuntime = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: [
            "FRCNN_ONNXRUNTIME=\(folder)/no/libonnxruntime.so.1", try FrcnnProcess.binary().path, "--version"])
        #expect(noRuntime.stdoutText.contains("onnxruntime not found: "), "\(noRuntime.stdoutText)")
    }

    /// Every label file of `expected` has a file in `actual` with the same detections: classes equal, scores within
    /// 1e-3, corners within 0.5 px (the export's bounds, docs/export.md).
    private func expectSameLabels(_ expected: String, _ actual: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: expected).sorted()
        let actualNames = try FileManager.default.contentsOfDirectory(atPath: actual).sorted()
        #expect(names.count == 6 && names == actualNames)
        var detections = 0
        for name in names {
            let want = try KITTIPredictionLabels.read(URL(fileURLWithPath: expected + "/" + name))
            let got = try KITTIPredictionLabels.read(URL(fileURLWithPath: actual + "/" + name))
            try #require(want.count == got.count, "\(name): \(want.count) checkpoint labels, \(got.count) from the file")
            detections += want.count
            for (a, b) in zip(want, got) {
                #expect(a.className == b.className && abs(a.score - b.score) <= 1e-3, "\(name): \(a) vs \(b)")
                for (x, y) in zip([a.box.x1, a.box.y1, a.box.x2, a.box.y2], [b.box.x1, b.box.y1, b.box.x2, b.box.y2]) {
                    #expect(abs(x - y) <= 0.5, "\(name): \(a.box) vs \(b.box)")
                }
            }
        }
        #expect(detections > 0, "no detections at all: the comparison shows nothing")
    }
}
