import FasterRCNN
import Torch
import Foundation
import Testing
import TestSupport

/// Runs the built `frcnn` binary on generated data: `dataset_convert`, then `train`.
@Suite("frcnn train", .serialized)
struct TrainCommandTests {
    /// 40 generated 160×160 frames (one class: every rectangle is a `car`), 20% validation (8 images); resnet:10
    /// from scratch with frozen batch norm (so that validation, which uses the running statistics, sees the
    /// network that was trained), Adam at 5e-4 with soft start, batch 4 → 8 iterations per epoch.
    private func prepareData(_ folder: String) throws {
        let result = try SyntheticExperiment.prepareData(in: folder, count: 40, width: 160, height: 160, seed: 3, validationPercent: 20)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    private func spec(epochs: Int, extra: String = "") -> String {
        """
        random_seed: 42
        model_config {
          \(SyntheticExperiment.inputAndAnchors)
          roi_mini_batch: 32
          rpn_stride: 16
          use_bias: false
          roi_pooling_config { pool_size: 7 pool_size_2x: false }
          all_projections: true
          freeze_bn: true
        }
        \(SyntheticExperiment.datasetConfig)
        augmentation_config {
          preprocessing { output_image_width: 160 output_image_height: 160 output_image_channel: 3
                          min_bbox_width: 1.0 min_bbox_height: 1.0 }
          spatial_augmentation { hflip_probability: 0.5 zoom_min: 1.0 zoom_max: 1.0 }
          color_augmentation { contrast_center: 0.5 }
        }
        training_config {
          enable_augmentation: true
          batch_size_per_gpu: 4
          num_epochs: \(epochs)
          checkpoint_interval: 1
          \(SyntheticExperiment.targetsAndLossWeights)
          rpn_mini_batch: 64
          rpn_pre_nms_top_N: 600
          rpn_nms_max_boxes: 100
          rpn_nms_overlap_threshold: 0.7
          regularizer { type: L2 weight: 1e-4 }
          optimizer { adam { lr: 0.0005 beta_1: 0.9 beta_2: 0.999 } }
          learning_rate { soft_start { base_lr: 0.0005 start_lr: 0.0001 soft_start: 0.1 annealing_points: [0.8] annealing_divider: 10.0 } }
          visualizer { enabled: true num_images: 2 }
          \(extra)
        }
        inference_config {
          images_dir: "data/training/image_2"
          batch_size: 1
          rpn_pre_nms_top_N: 300
          rpn_nms_max_boxes: 50
          rpn_nms_overlap_threshold: 0.7
          object_confidence_thres: 0.0001
          bbox_visualize_threshold: 0.5
          classifier_nms_max_boxes: 20
          classifier_nms_overlap_threshold: 0.3
        }
        evaluation_config {
          batch_size: 4
          validation_period_during_training: 1
          \(SyntheticExperiment.evaluationDetection)
        }
        """
    }

    /// The epoch lines of status.json: (epoch, mAP).
    private func validationHistory(_ results: String) throws -> [(Int, Double)] {
        try String(contentsOfFile: results + "/status.json", encoding: .utf8).split(separator: "\n").compactMap { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard let epoch = object?["epoch"] as? Int, let kpi = object?["kpi"] as? [String: String],
                  let map = kpi["mean average precision"].flatMap(Double.init) else { return nil }
            return (epoch, map)
        }
    }

    /// Training on generated data: the validation mAP rises over 10 epochs (80 iterations). One run measured
    /// [0, 0, 0.05, 0.18, 0.09, 0.26, 0.19, 0.23, 0.17, 0.32]; the test asks that the mean of the last three
    /// epochs beat the first epoch by 0.15 and that the last epoch beat the first. It also reads the run's
    /// TensorBoard folder with TensorBoard's own EventAccumulator.
    @Test func validationMAPRisesOnGeneratedData() throws {
        let folder = NSTemporaryDirectory() + "frcnn-train-cli-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try prepareData(folder)
        try spec(epochs: 10).write(toFile: folder + "/spec.txt", atomically: true, encoding: .utf8)
        let result = try FrcnnProcess.runInterleaved(["train", "-e", "spec.txt", "-r", "results", "--log_file", "train.log"], in: folder)
        #expect(result.status == 0, "\(result.output)")
        let history = try validationHistory(folder + "/results")
        print("validation mAP by epoch: \(history)")
        #expect(history.map(\.0) == Array(1...10))
        let maps = history.map(\.1)
        let first = try #require(maps.first), last = try #require(maps.last)
        let lateMean = maps.suffix(3).reduce(0, +) / 3
        #expect(lateMean > first + 0.15, "mAP by epoch \(maps)")
        #expect(last > first, "mAP by epoch \(maps)")
        let log = try String(contentsOfFile: folder + "/train.log", encoding: .utf8)
        #expect(log.contains("Epoch 10/10: loss"))
        #expect(FileManager.default.fileExists(atPath: folder + "/results/frcnn_resnet_10.epoch_10.hdf5"))

        let tags = try PythonOracle.run("""
            import sys
            from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
            acc = EventAccumulator(sys.argv[1], size_guidance={'scalars': 0, 'images': 0})
            acc.Reload()
            t = acc.Tags()
            print(len(acc.Scalars('loss')), len(acc.Scalars('mAP')), round(acc.Scalars('mAP')[-1].value, 4), len(t['images']))
            print(' '.join(sorted(t['scalars'])))
            """, arguments: [folder + "/results/logs"]).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n")
        let counts = tags.first?.split(separator: " ").map(String.init) ?? []
        #expect(counts.count == 4 && counts[0] == "80" && counts[1] == "10" && counts[3] == "2", "\(tags)")
        #expect(abs((Double(counts.count == 4 ? counts[2] : "") ?? -1) - last) < 1e-4, "\(tags)")
        #expect(tags.last == "dense_class_td_loss dense_regress_td_loss loss lr mAP mAP@0.50 regularization_loss rpn_out_class_loss rpn_out_regress_loss")
    }

    /// Resume equality on the real model: run A trains 3 epochs; run B starts in a fresh results folder from A's
    /// `epoch_2` checkpoint (the state a run interrupted after epoch 2 leaves) and trains epoch 3. B's final
    /// weights and optimizer state equal A's bit for bit. The checkpoints are encrypted with `-k`.
    @Test func resumedRunMatchesTheUninterruptedOne() throws {
        let folder = NSTemporaryDirectory() + "frcnn-resume-cli-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder + "/b", withIntermediateDirectories: true)
        try prepareData(folder)
        try spec(epochs: 3).write(toFile: folder + "/spec.txt", atomically: true, encoding: .utf8)
        let straight = try FrcnnProcess.runInterleaved(["train", "-e", "spec.txt", "-r", "a", "-k", "secret"], in: folder)
        #expect(straight.status == 0, "\(straight.output)")
        try FileManager.default.copyItem(atPath: folder + "/a/frcnn_resnet_10.epoch_2.hdf5",
                                         toPath: folder + "/b/frcnn_resnet_10.epoch_2.hdf5")
        try spec(epochs: 3, extra: "resume_from_model: \"b/frcnn_resnet_10.epoch_2.hdf5\"")
            .write(toFile: folder + "/resume.txt", atomically: true, encoding: .utf8)
        let wrongKey = try FrcnnProcess.runInterleaved(["train", "-e", "resume.txt", "-r", "b", "-k", "guess"], in: folder)
        #expect(wrongKey.status == 1)
        #expect(wrongKey.output.contains("b/frcnn_resnet_10.epoch_2.hdf5: cannot decrypt the checkpoint: the key is wrong or the file is damaged"))
        let resumed = try FrcnnProcess.runInterleaved(["train", "-e", "resume.txt", "-r", "b", "-k", "secret"], in: folder)
        #expect(resumed.status == 0, "\(resumed.output)")
        #expect(resumed.output.contains("starting after epoch 2"))
        let a = try TrainingCheckpoint.read(from: folder + "/a/frcnn_resnet_10.epoch_3.hdf5", key: "secret")
        let b = try TrainingCheckpoint.read(from: folder + "/b/frcnn_resnet_10.epoch_3.hdf5", key: "secret")
        #expect(a.globalStep == 24 && b.globalStep == 24)
        #expect(Set(a.model.keys) == Set(b.model.keys) && !a.model.isEmpty)
        for (name, tensor) in a.model {
            #expect(try tensor.toArray(Float.self) == b.model[name]!.toArray(Float.self), "\(name)")
        }
        for (name, tensor) in a.optimizer where tensor.dtype == .float32 {
            #expect(try tensor.toArray(Float.self) == b.optimizer[name]!.toArray(Float.self), "optimizer \(name)")
        }
    }

    /// prune → evaluate → retrain_pruned_model through the binary: one epoch of training, pruning at threshold
    /// 0.96 (max normalizer: a barely trained net's filter norms lie within a few percent of each other;
    /// arithmetic_mean; granularity 8, at least 8 filters; measured ratio 0.095) with the checkpoint key,
    /// evaluation of the pruned
    /// file, and one epoch of retraining that writes checkpoints in the pruned shapes. A second prune to the same
    /// output is refused.
    @Test func prunedModelIsEvaluatedAndRetrained() throws {
        let folder = NSTemporaryDirectory() + "frcnn-prune-cli-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try prepareData(folder)
        try spec(epochs: 1).write(toFile: folder + "/spec.txt", atomically: true, encoding: .utf8)
        let trained = try FrcnnProcess.runInterleaved(["train", "-e", "spec.txt", "-r", "a", "-k", "secret"], in: folder)
        #expect(trained.status == 0, "\(trained.output)")
        let prune = ["prune", "-m", "a/frcnn_resnet_10.epoch_1.hdf5", "-o", "pruned/model", "-k", "secret",
                     "-eq", "arithmetic_mean", "-pth", "0.96", "-nf", "8", "-v", "--results_dir", "pruned", "--log_file", "logs/prune.log"]
        let pruned = try FrcnnProcess.runInterleaved(prune, in: folder)
        #expect(pruned.status == 0, "\(pruned.output)")
        let ratioText = pruned.output.components(separatedBy: "Pruning ratio (pruned model / original model): ").last?
            .prefix { !$0.isNewline }
        let ratio = try #require(ratioText.flatMap { Double($0) }, "\(pruned.output)")
        #expect(ratio > 0.05 && ratio < 0.9, "ratio \(ratio)")
        #expect(pruned.output.contains("block_1a_conv_1: 64 -> "))
        #expect(try String(contentsOfFile: folder + "/logs/prune.log", encoding: .utf8).contains("Pruning ratio"))
        #expect(try String(contentsOfFile: folder + "/pruned/status.json", encoding: .utf8).contains("\"pruning_ratio\""))
        let original = try TrainingCheckpoint.read(from: folder + "/a/frcnn_resnet_10.epoch_1.hdf5", key: "secret")
        let model = try TrainingCheckpoint.read(from: folder + "/pruned/model.hdf5", key: "secret")
        #expect(model.model.keys.sorted() == original.model.keys.sorted())
        #expect(model.model.values.reduce(0) { $0 + $1.count } < original.model.values.reduce(0) { $0 + $1.count })
        #expect(model.model["dense_class_td.weight"]?.shape[0] == 2 && model.model["rpn_out_class.weight"]?.shape[0] == 6)

        let again = try FrcnnProcess.runInterleaved(prune, in: folder)
        #expect(again.status == 1 && again.output.contains("pruned/model.hdf5: the output file already exists"), "\(again.output)")
        let evaluated = try FrcnnProcess.runInterleaved(["evaluate", "-e", "spec.txt", "-m", "pruned/model.hdf5", "-k", "secret", "-r", "eval"], in: folder)
        #expect(evaluated.status == 0, "\(evaluated.output)")

        try spec(epochs: 1, extra: "retrain_pruned_model: \"pruned/model.hdf5\"")
            .write(toFile: folder + "/retrain.txt", atomically: true, encoding: .utf8)
        let retrained = try FrcnnProcess.runInterleaved(["train", "-e", "retrain.txt", "-r", "b", "-k", "secret"], in: folder)
        #expect(retrained.status == 0, "\(retrained.output)")
        #expect(retrained.output.contains("Retraining the pruned model pruned/model.hdf5"))
        let after = try TrainingCheckpoint.read(from: folder + "/b/frcnn_resnet_10.epoch_1.hdf5", key: "secret")
        for (name, tensor) in model.model {
            #expect(after.model[name]?.shape == tensor.shape, "\(name)")
        }
        let weight = "backbone.block_1a_conv_1.weight"
        #expect(try after.model[weight]!.toArray(Float.self) != model.model[weight]!.toArray(Float.self), "retraining changed nothing")
    }
}
