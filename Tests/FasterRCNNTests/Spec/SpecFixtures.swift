import Foundation
import Testing
@testable import FasterRCNN

/// Spec texts and helpers shared by the spec tests.
enum SpecFixtures {
    /// The repository root (this file is Tests/FasterRCNNTests/Spec/SpecFixtures.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A valid experiment spec, one field per line, every section present (TAO tutorial values, small).
    static let experiment = """
        random_seed: 42
        model_config {
          input_image_config {
            image_type: RGB
            image_channel_order: "bgr"
            size_height_width {
              height: 384
              width: 1248
            }
            image_channel_mean {
              key: "b"
              value: 103.939
            }
            image_channel_mean {
              key: "g"
              value: 116.779
            }
            image_channel_mean {
              key: "r"
              value: 123.68
            }
            image_scaling_factor: 1.0
            max_objects_num_per_image: 100
          }
          arch: "resnet:18"
          anchor_box_config {
            scale: 64.0
            scale: 128.0
            scale: 256.0
            ratio: 1.0
            ratio: 0.5
            ratio: 2.0
          }
          freeze_bn: true
          freeze_blocks: 0
          freeze_blocks: 1
          roi_mini_batch: 256
          rpn_stride: 16
          use_bias: false
          roi_pooling_config {
            pool_size: 7
            pool_size_2x: false
          }
          all_projections: true
          use_pooling: false
        }
        dataset_config {
          data_sources {
            tfrecords_path: "data/tfrecords/kitti_trainval*"
            image_directory_path: "data/training"
          }
          image_extension: "png"
          target_class_mapping {
            key: "car"
            value: "car"
          }
          target_class_mapping {
            key: "van"
            value: "car"
          }
          target_class_mapping {
            key: "pedestrian"
            value: "person"
          }
          target_class_mapping {
            key: "cyclist"
            value: "cyclist"
          }
          validation_fold: 0
        }
        augmentation_config {
          preprocessing {
            output_image_width: 1248
            output_image_height: 384
            output_image_channel: 3
            min_bbox_width: 1.0
            min_bbox_height: 1.0
            enable_auto_resize: true
          }
          spatial_augmentation {
            hflip_probability: 0.5
            zoom_min: 1.0
            zoom_max: 1.0
          }
          color_augmentation {
            contrast_center: 0.5
          }
        }
        training_config {
          enable_augmentation: true
          batch_size_per_gpu: 8
          num_epochs: 12
          pretrained_weights: "pretrained/resnet_18.hdf5"
          rpn_min_overlap: 0.3
          rpn_max_overlap: 0.7
          classifier_min_overlap: 0.0
          classifier_max_overlap: 0.5
          std_scaling: 1.0
          classifier_regr_std {
            key: "x"
            value: 10.0
          }
          classifier_regr_std {
            key: "y"
            value: 10.0
          }
          classifier_regr_std {
            key: "w"
            value: 5.0
          }
          classifier_regr_std {
            key: "h"
            value: 5.0
          }
          rpn_mini_batch: 256
          rpn_pre_nms_top_N: 12000
          rpn_nms_max_boxes: 2000
          rpn_nms_overlap_threshold: 0.7
          regularizer {
            type: L2
            weight: 0.0001
          }
          optimizer {
            sgd {
              lr: 0.02
              momentum: 0.9
              decay: 0.0
              nesterov: false
            }
          }
          learning_rate {
            soft_start {
              base_lr: 0.02
              start_lr: 0.002
              soft_start: 0.1
              annealing_points: 0.8
              annealing_points: 0.9
              annealing_divider: 10.0
            }
          }
          lambda_rpn_regr: 1.0
          lambda_rpn_class: 1.0
          lambda_cls_regr: 1.0
          lambda_cls_class: 1.0
        }
        inference_config {
          images_dir: "data/testing/image_2"
          model: "results/frcnn_resnet_18.epoch_12.hdf5"
          batch_size: 1
          rpn_pre_nms_top_N: 6000
          rpn_nms_max_boxes: 300
          rpn_nms_overlap_threshold: 0.7
          object_confidence_thres: 0.0001
          bbox_visualize_threshold: 0.6
          classifier_nms_max_boxes: 100
          classifier_nms_overlap_threshold: 0.3
        }
        evaluation_config {
          model: "results/frcnn_resnet_18.epoch_12.hdf5"
          batch_size: 1
          validation_period_during_training: 1
          rpn_pre_nms_top_N: 6000
          rpn_nms_max_boxes: 300
          rpn_nms_overlap_threshold: 0.7
          classifier_nms_max_boxes: 100
          classifier_nms_overlap_threshold: 0.3
          object_confidence_thres: 0.0001
          gt_matching_iou_threshold: 0.5
        }

        """

    /// A valid KITTI dataset_convert spec.
    static let kittiConvert = """
        kitti_config {
          root_directory_path: "data/training"
          image_dir_name: "image_2"
          label_dir_name: "label_2"
          image_extension: ".png"
          partition_mode: "random"
          num_partitions: 2
          val_split: 14
          num_shards: 10
        }
        image_directory_path: "data/training"

        """

    /// `text` with the first occurrence of `old` replaced; records a test failure if `old` is absent.
    static func replacing(_ old: String, with new: String, in text: String = experiment,
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        guard let range = text.range(of: old) else {
            Issue.record("fixture has no \"\(old)\"", sourceLocation: sourceLocation)
            return text
        }
        return text.replacingCharacters(in: range, with: new)
    }

    /// The diagnostics of a spec text that must fail; records a test failure if it parses.
    static func errors(_ text: String, convert: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [SpecDiagnostic] {
        do {
            if convert {
                _ = try DatasetExportSpec.parse(text, file: "spec.txt")
            } else {
                _ = try ExperimentSpec.parse(text, file: "spec.txt")
            }
            Issue.record("spec was accepted", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.diagnostics
        }
    }
}


