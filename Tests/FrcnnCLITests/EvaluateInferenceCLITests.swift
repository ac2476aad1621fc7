import FasterRCNN
import Foundation
import Testing
import Torch

/// Runs the built `frcnn` binary's `evaluate` and `inference` on generated data with an untrained resnet:10 written
/// through the checkpoint API (its detections are arbitrary, but real: the paths from images to files are exercised;
/// known boxes at known pixels are checked in `InferenceOutputTests`).
@Suite("frcnn evaluate and inference", .serialized)
struct EvaluateInferenceCLITests {
    private static let spec = """
        random_seed: 7
        \(SyntheticExperiment.modelConfig)
        \(SyntheticExperiment.datasetConfig)
        augmentation_config {
          preprocessing { output_image_width: 160 output_image_height: 160 output_image_channel: 3
                          min_bbox_width: 1.0 min_bbox_height: 1.0 enable_auto_resize: true }
          spatial_augmentation { zoom_min: 1.0 zoom_max: 1.0 }
          color_augmentation { contrast_center: 0.5 }
        }
        \(SyntheticExperiment.oneEpochTraining)
        inference_config {
          images_dir: "data/training/image_2"
          batch_size: 3
          rpn_pre_nms_top_N: 300
          rpn_nms_max_boxes: 50
          rpn_nms_overlap_threshold: 0.7
          object_confidence_thres: 0.0001
          bbox_visualize_threshold: 0.05
          classifier_nms_max_boxes: 5
          classifier_nms_overlap_threshold: 0.3
        }
        evaluation_config {
          batch_size: 2
          \(SyntheticExperiment.evaluationDetection)
          visualize_pr_curve: true
        }
        """

    /// 8 generated 200×120 frames, converted into two folds (fold 0 is validation), and an untrained resnet:10
    /// checkpoint `model/frcnn_resnet_10.epoch_1.hdf5` (encrypted with `key` when given).
    private func prepare(key: String? = nil) throws -> (folder: String, model: String) {
        let folder = NSTemporaryDirectory() + "frcnn-eval-cli-\(UUID().uuidString.prefix(8))"
        let converted = try SyntheticExperiment.prepareData(in: folder, count: 8, width: 200, height: 120, seed: 5, validationPercent: 25)
        try #require(converted.status == 0, "\(converted.stderr)")
        let model = try SyntheticExperiment.writeCheckpoint(spec: Self.spec, in: folder, key: key)
        return (folder, model)
    }

    @Test("evaluate prints TAO's table, writes evaluation.json and PR_curve.png, and never replaces them")
    func evaluate() throws {
        let (folder, model) = try prepare()
        let first = try FrcnnProcess.run(["evaluate", "-e", "spec.txt", "-m", model, "-r", "results", "--log_file", "eval.log"], in: folder)
        try #require(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains(String(repeating: "=", count: 90)))
        #expect(first.stdout.contains("Class               AP                  precision           recall              RPN_recall"))
        #expect(first.stdout.contains("COCO-style"))
        #expect(first.stdout.contains("KITTI benchmark"))
        let report = try JSONDecoder().decode(EvaluationReport.self,
                                              from: Data(contentsOf: URL(fileURLWithPath: folder + "/results/evaluation.json")))
        #expect(report.tao.thresholds.map(\.iouThreshold) == [0.5])
        #expect(report.tao.thresholds[0].classes.map(\.className) == ["car"])
        #expect(report.tao.thresholds[0].classes[0].groundTruthCount > 0)
        #expect(report.tao.rpnRecall?["car"] != nil)
        #expect(report.kitti != nil)
        let map = try #require(report.tao.thresholds[0].meanAP)
        #expect(first.stdout.contains("mAP@0.5 = \(String(format: "%.4f", map))"))
        let plot = try ImageFile.read(path: folder + "/model/PR_curve.png")
        #expect((plot.width, plot.height) == (640, 480))
        let log = try String(contentsOfFile: folder + "/eval.log", encoding: .utf8)
        #expect(log.contains("images/s") && log.contains("mAP@0.5 = \(String(format: "%.4f", map))") && log.contains("COCO-style"))

        let second = try FrcnnProcess.run(["evaluate", "-e", "spec.txt", "-m", model, "-r", "results"], in: folder)
        try #require(second.status == 0, "\(second.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder + "/results/evaluation-2.json"))
        #expect(FileManager.default.fileExists(atPath: folder + "/model/PR_curve-2.png"))
        let again = try JSONDecoder().decode(EvaluationReport.self,
                                             from: Data(contentsOf: URL(fileURLWithPath: folder + "/results/evaluation.json")))
        #expect(again == report)
    }

    @Test("A wrong key, a missing model and a spec error fail with a clear message and a non-zero exit")
    func failures() throws {
        let (folder, model) = try prepare(key: "right key")
        let wrong = try FrcnnProcess.run(["evaluate", "-e", "spec.txt", "-m", model, "-k", "wrong key", "-r", "results"], in: folder)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("the key is wrong"), "\(wrong.stderr)")
        let none = try FrcnnProcess.run(["inference", "-e", "spec.txt", "-m", model, "-r", "results"], in: folder)
        #expect(none.status == 1)
        #expect(none.stderr.contains("encrypted"), "\(none.stderr)")
        let missing = try FrcnnProcess.run(["inference", "-e", "spec.txt", "-m", "model/none.hdf5", "-r", "results"], in: folder)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("model not found: model/none.hdf5"), "\(missing.stderr)")
        _ = FileManager.default.createFile(atPath: folder + "/data/training/image_2/readme.txt", contents: Data())
        let stray = try FrcnnProcess.run(["inference", "-e", "spec.txt", "-m", model, "-k", "right key", "-r", "results"], in: folder)
        #expect(stray.status == 1)
        #expect(stray.stderr.contains("data/training/image_2/readme.txt: not an image"), "\(stray.stderr)")
    }

    /// P2.9 items 6 and 9: an empty shard among the validation files shrank the split silently, and a plain
    /// checkpoint with a flipped byte evaluated (to an mAP of nothing) with exit code 0.
    @Test("evaluate warns about an empty validation shard by name and refuses a damaged checkpoint with exit 1")
    func emptyShardAndDamagedCheckpoint() throws {
        let (folder, model) = try prepare()
        let empty = "synth-fold-000-of-002-shard-00001-of-00002"
        #expect(FileManager.default.createFile(atPath: folder + "/tfrecords/" + empty, contents: Data()))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + model))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: folder + "/" + model))
        let run = try FrcnnProcess.run(["evaluate", "-e", "spec.txt", "-m", model, "-r", "results", "--log_file", "eval.log"],
                                       in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(model): the checkpoint is damaged: its checksum does not match"), "\(run.stderr)")
        let log = try String(contentsOfFile: folder + "/eval.log", encoding: .utf8)
        #expect(log.contains("[WARNING] tfrecords/\(empty): the TFRecord file holds no records"), "\(log)")
    }

    @Test("inference writes label files that parse back to the detections and annotated images of the original size")
    func inference() throws {
        let (folder, model) = try prepare()
        let first = try FrcnnProcess.run(["inference", "-e", "spec.txt", "-m", model, "-r", "results", "--log_file", "infer.log"], in: folder)
        try #require(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("images/s"))

        // The same model in this process gives the detections the files must hold.
        let experiment = try ExperimentSpec.load(path: folder + "/spec.txt").resolved
        let network = try CheckpointModel.load(path: folder + "/" + model, key: nil, experiment: experiment, purpose: .inference)
        let runner = try InferenceRunner(model: network, experiment: experiment)
        var predictions: [InferencePrediction] = []
        try runner.run(try InferenceImages.list(folder + "/data/training/image_2")) { predictions.append($0) }
        #expect(predictions.count == 8)
        #expect(predictions.contains { !$0.detections.isEmpty })
        let color = ClassColorPalette(classNames: ["car"]).color(for: "car")
        for prediction in predictions {
            let name = (prediction.imagePath as NSString).lastPathComponent
            let stem = (name as NSString).deletingPathExtension
            let labels = try KITTIPredictionLabels.read(URL(fileURLWithPath: "\(folder)/results/labels/\(stem).txt"))
            try #require(labels.count == prediction.detections.count, "\(stem)")
            for (label, detection) in zip(labels, prediction.detections) {
                let expected = prediction.mapping.labelBox(detection.box)
                #expect(label.className == detection.className)
                #expect(abs(label.score - detection.score) < 1e-5)
                for (a, b) in [(label.box.x1, expected.x1), (label.box.y1, expected.y1), (label.box.x2, expected.x2), (label.box.y2, expected.y2)] {
                    #expect(abs(a - b) < 0.011, "\(stem): \(label.box) vs \(expected)")
                }
            }
            let annotated = try ImageFile.read(path: "\(folder)/results/images_annotated/\(name)")
            #expect((annotated.width, annotated.height) == (200, 120))
            for detection in prediction.detections {
                let box = prediction.mapping.drawingBox(detection.box)
                for (x, y) in [(box.x1, box.y1), (box.x2, box.y1), (box.x1, box.y2), (box.x2, box.y2)] {
                    let base = (y * annotated.width + x) * 3
                    #expect(Array(annotated.pixels[base..<(base + 3)]) == [color.red, color.green, color.blue], "\(name) (\(x), \(y))")
                }
            }
        }

        // A second run keeps every file of the first and writes into fresh subfolders.
        let labelFile = folder + "/results/labels/000000.txt"
        let before = try Data(contentsOf: URL(fileURLWithPath: labelFile))
        let second = try FrcnnProcess.run(["inference", "-e", "spec.txt", "-m", model, "-r", "results"], in: folder)
        try #require(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("already holds files, which are kept"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: labelFile)) == before)
        let labelFolders = try FileManager.default.contentsOfDirectory(atPath: folder + "/results/labels")
        let runFolder = try #require(labelFolders.first { $0.hasPrefix("run-") })
        #expect(labelFolders.filter { $0.hasSuffix(".txt") }.count == 8)
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(folder)/results/labels/\(runFolder)").count == 8)
        let images = try FileManager.default.contentsOfDirectory(atPath: folder + "/results/images_annotated")
        #expect(images.filter { $0.hasSuffix(".png") }.count == 8 && images.contains { $0.hasPrefix("run-") })

        // -i replaces images_dir (here with a folder the spec does not name).
        try FileManager.default.createDirectory(atPath: folder + "/one", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: folder + "/data/training/image_2/000003.png", toPath: folder + "/one/solo.png")
        let third = try FrcnnProcess.run(["inference", "-e", "spec.txt", "-m", model, "-r", "single", "-i", "one"], in: folder)
        try #require(third.status == 0, "\(third.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/single/labels") == ["solo.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/single/images_annotated") == ["solo.png"])
    }
}
