import FasterRCNN
import Foundation
import Torch

/// What the CLI tests that train, evaluate and infer share: generated KITTI frames converted by
/// `frcnn dataset_convert` into `tfrecords/synth*`, and the spec sections that read them.
enum SyntheticExperiment {
    /// Writes `count` generated frames (at most two objects each) to `folder/data/training` and converts them with
    /// `frcnn dataset_convert` into `folder/tfrecords/synth*`: a random partition into two folds, `validationPercent`
    /// percent in fold 0, one shard. Returns the conversion run; the caller checks its status.
    static func prepareData(in folder: String, count: Int, width: Int, height: Int, seed: UInt64,
                            validationPercent: Int) throws -> FrcnnProcess.Result {
        try SyntheticKITTI.write(to: folder + "/data/training", count: count, width: width, height: height, maxObjects: 2, seed: seed)
        let convert = """
            kitti_config {
              root_directory_path: "data/training"
              image_dir_name: "image_2"
              label_dir_name: "label_2"
              image_extension: ".png"
              partition_mode: "random"
              num_partitions: 2
              val_split: \(validationPercent)
              num_shards: 1
            }
            image_directory_path: "data/training"
            """
        try convert.write(toFile: folder + "/convert.txt", atomically: true, encoding: .utf8)
        return try FrcnnProcess.run(["dataset_convert", "-d", "convert.txt", "-o", "tfrecords/synth"], in: folder)
    }

    /// `model_config`'s input (160×160 RGB fed in BGR order with the Caffe channel means, at most 10 objects),
    /// resnet:10 and anchors of two scales by three ratios.
    static let inputAndAnchors = """
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
        """

    /// Writes `spec` to `folder/spec.txt` and a resnet:10 checkpoint of it, `folder/model/frcnn_resnet_10.epoch_1.hdf5`
    /// (encrypted with `key` when given), with the untrained weights after `adjust` (which may change them in
    /// place). Returns the checkpoint's path relative to `folder`.
    static func writeCheckpoint(spec: String, in folder: String, key: String? = nil,
                                adjust: (ParameterStore) throws -> Void = { _ in }) throws -> String {
        try FileManager.default.createDirectory(atPath: folder + "/model", withIntermediateDirectories: true)
        try spec.write(toFile: folder + "/spec.txt", atomically: true, encoding: .utf8)
        let experiment = try ExperimentSpec.load(path: folder + "/spec.txt").resolved
        let trainee = try FasterRCNNTrainee(experiment: experiment, seed: 7, pretrainedWeights: nil)
        try adjust(trainee.store)
        let model = "model/frcnn_resnet_10.epoch_1.hdf5"
        try TrainingCheckpoint(epoch: 1, globalStep: 3, architecture: "resnet:10", optimizerKind: "sgd", spec: spec,
                               model: trainee.store.namedTensors(), optimizer: [:], generatorState: nil,
                               earlyStopping: nil, learningRate: 0.01).write(to: folder + "/" + model, key: key)
        return model
    }

    /// `model_config` of the CLI tests that write checkpoints: ``inputAndAnchors``, 16 RoIs, 7×7 crops.
    static let modelConfig = """
        model_config {
          \(inputAndAnchors)
          roi_mini_batch: 16
          rpn_stride: 16
          roi_pooling_config { pool_size: 7 pool_size_2x: false }
          all_projections: true
        }
        """

    /// `dataset_config` reading the converted records, every generated class mapped to `car`, fold 0 validating.
    static let datasetConfig = """
        dataset_config {
          data_sources { tfrecords_path: "tfrecords/synth*" image_directory_path: "data/training" }
          image_extension: "png"
          target_class_mapping { key: "car" value: "car" }
          target_class_mapping { key: "pedestrian" value: "car" }
          target_class_mapping { key: "cyclist" value: "car" }
          validation_fold: 0
        }
        """

    /// `training_config`'s target assignment and loss weights: RPN and classifier overlaps, TAO's regression
    /// scaling (x, y by 10; w, h by 5) and weight 1 for each of the four losses.
    static let targetsAndLossWeights = """
        rpn_min_overlap: 0.3
        rpn_max_overlap: 0.7
        classifier_min_overlap: 0.0
        classifier_max_overlap: 0.5
        std_scaling: 1.0
        classifier_regr_std { key: "x" value: 10.0 }
        classifier_regr_std { key: "y" value: 10.0 }
        classifier_regr_std { key: "w" value: 5.0 }
        classifier_regr_std { key: "h" value: 5.0 }
        lambda_rpn_regr: 1.0
        lambda_rpn_class: 1.0
        lambda_cls_regr: 1.0
        lambda_cls_class: 1.0
        """

    /// A `training_config` for checkpoints that are written, not trained: one epoch of batch 2, 32 RPN anchors,
    /// 300 → 50 proposals, SGD with TAO's soft start.
    static let oneEpochTraining = """
        training_config {
          batch_size_per_gpu: 2
          num_epochs: 1
          \(targetsAndLossWeights)
          rpn_mini_batch: 32
          rpn_pre_nms_top_N: 300
          rpn_nms_max_boxes: 50
          rpn_nms_overlap_threshold: 0.7
          optimizer { sgd { lr: 0.01 momentum: 0.9 } }
          learning_rate { soft_start { base_lr: 0.01 start_lr: 0.001 soft_start: 0.1 annealing_points: [0.8] annealing_divider: 10.0 } }
        }
        """

    /// `evaluation_config`'s detection settings: proposals (300 before NMS at IoU 0.7, 50 kept), classifier NMS
    /// (IoU 0.3, 20 kept), confidence above 0.0001, and a match at IoU 0.5.
    static let evaluationDetection = """
        rpn_pre_nms_top_N: 300
        rpn_nms_max_boxes: 50
        rpn_nms_overlap_threshold: 0.7
        classifier_nms_max_boxes: 20
        classifier_nms_overlap_threshold: 0.3
        object_confidence_thres: 0.0001
        gt_matching_iou_threshold: 0.5
        """
}
