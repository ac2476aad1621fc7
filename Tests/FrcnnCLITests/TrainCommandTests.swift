import FasterRCNN
import Foundation
import Testing

/// Runs the built `frcnn` binary on generated data: `dataset_convert`, then `train`.
@Suite("frcnn train", .serialized)
struct TrainCommandTests {
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct CLIError: Error, CustomStringConvertible {
        let description: String
    }

    private static func binary() throws -> URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("frcnn")
        for candidate in [besideTests, repositoryRoot.appendingPathComponent(".build/debug/frcnn")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw CLIError(description: "frcnn binary not found next to the tests (\(besideTests.path)); run `swift build --build-tests` first")
    }

    private func run(_ arguments: [String], in folder: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try Self.binary()
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let log = folder + "/run-\(UUID().uuidString.prefix(6)).txt"
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOfFile: log, encoding: .utf8))
    }

    /// 40 generated 160×160 frames (one class: every rectangle is a `car`), 20% validation; resnet:10 from
    /// scratch, batch 4 → 8 iterations per epoch.
    private func prepareData(_ folder: String) throws {
        try SyntheticKITTI.write(to: folder + "/data/training", count: 40, width: 160, height: 160, maxObjects: 2, seed: 3)
        let convert = """
            kitti_config {
              root_directory_path: "data/training"
              image_dir_name: "image_2"
              label_dir_name: "label_2"
              image_extension: ".png"
              partition_mode: "random"
              num_partitions: 2
              val_split: 20
              num_shards: 1
            }
            image_directory_path: "data/training"
            """
        try convert.write(toFile: folder + "/convert.txt", atomically: true, encoding: .utf8)
        let result = try run(["dataset_convert", "-d", "convert.txt", "-o", "tfrecords/synth"], in: folder)
        #expect(result.status == 0, "\(result.output)")
    }

    private func spec(epochs: Int, extra: String = "") -> String {
        """
        random_seed: 42
        model_config {
          input_image_config {
            image_type: RGB
            image_channel_order: "bgr"
            size_height_width { height: 160 width: 160 }
            image_channel_mean { key: "b" value: 103.939 }
            image_channel_mean { key: "g" value: 116.779 }
            image_channel_mean { key: "r" value: 123.68 }
            image_scaling_factor: 1.0
            max_objects_num_per_image: 10
          }
          arch: "resnet:10"
          anchor_box_config { scale: [32.0, 64.0] ratio: [1.0, 0.5, 2.0] }
          roi_mini_batch: 32
          rpn_stride: 16
          use_bias: false
          roi_pooling_config { pool_size: 7 pool_size_2x: false }
          all_projections: true
        }
        dataset_config {
          data_sources { tfrecords_path: "tfrecords/synth*" image_directory_path: "data/training" }
          image_extension: "png"
          target_class_mapping { key: "car" value: "car" }
          target_class_mapping { key: "pedestrian" value: "car" }
          target_class_mapping { key: "cyclist" value: "car" }
          validation_fold: 0
        }
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
          rpn_min_overlap: 0.3
          rpn_max_overlap: 0.7
          classifier_min_overlap: 0.0
          classifier_max_overlap: 0.5
          std_scaling: 1.0
          classifier_regr_std { key: "x" value: 10.0 }
          classifier_regr_std { key: "y" value: 10.0 }
          classifier_regr_std { key: "w" value: 5.0 }
          classifier_regr_std { key: "h" value: 5.0 }
          rpn_mini_batch: 64
          rpn_pre_nms_top_N: 600
          rpn_nms_max_boxes: 100
          rpn_nms_overlap_threshold: 0.7
          regularizer { type: L2 weight: 1e-4 }
          optimizer { adam { lr: 0.001 beta_1: 0.9 beta_2: 0.999 } }
          learning_rate { soft_start { base_lr: 0.001 start_lr: 0.0002 soft_start: 0.1 annealing_points: [0.8] annealing_divider: 10.0 } }
          lambda_rpn_regr: 1.0
          lambda_rpn_class: 1.0
          lambda_cls_regr: 1.0
          lambda_cls_class: 1.0
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
          rpn_pre_nms_top_N: 300
          rpn_nms_max_boxes: 50
          rpn_nms_overlap_threshold: 0.7
          classifier_nms_max_boxes: 20
          classifier_nms_overlap_threshold: 0.3
          object_confidence_thres: 0.0001
          gt_matching_iou_threshold: 0.5
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

    /// Training on generated data: validation mAP after the last epoch is well above the first epoch's.
    @Test func validationMAPRisesOnGeneratedData() throws {
        let folder = NSTemporaryDirectory() + "frcnn-train-cli-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try prepareData(folder)
        try spec(epochs: 6).write(toFile: folder + "/spec.txt", atomically: true, encoding: .utf8)
        let result = try run(["train", "-e", "spec.txt", "-r", "results", "--log_file", "train.log"], in: folder)
        #expect(result.status == 0, "\(result.output)")
        let history = try validationHistory(folder + "/results")
        print("validation mAP by epoch: \(history)")
        #expect(history.map(\.0) == [1, 2, 3, 4, 5, 6])
        let first = try #require(history.first?.1), last = try #require(history.last?.1)
        #expect(last > first + 0.2, "mAP \(history)")
        let log = try String(contentsOfFile: folder + "/train.log", encoding: .utf8)
        #expect(log.contains("Epoch 6/6: loss"))
        #expect(FileManager.default.fileExists(atPath: folder + "/results/frcnn_resnet_10.epoch_6.hdf5"))
    }
}
