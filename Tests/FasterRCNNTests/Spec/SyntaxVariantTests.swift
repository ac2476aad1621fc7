import Testing
@testable import FasterRCNN

/// The fixture spec rewritten with every syntax variant Python's text_format accepts: comments,
/// single/double/concatenated quotes with escapes, every bool spelling, ':' before messages, <> blocks,
/// map entries in several forms, [a, b] lists, scientific notation, hex/octal integers, enum numbers,
/// ',' and ';' separators, shuffled field order and no space after ':'.
let variantSpec = #"""
# Sections and fields in a different order from the fixture.
evaluation_config: <
  gt_matching_iou_threshold:5e-1; object_confidence_thres: 1E-4, classifier_nms_overlap_threshold: .3
  classifier_nms_max_boxes: 0x64 rpn_nms_overlap_threshold: 7.0e-1f rpn_nms_max_boxes: 0454
  rpn_pre_nms_top_N: 6000 validation_period_during_training: 1 batch_size: 1
  model: 'results/frcnn_resnet_18' ".epoch_12.hdf5"
>
inference_config {classifier_nms_overlap_threshold:0.3 classifier_nms_max_boxes:100 bbox_visualize_threshold:0.6
  object_confidence_thres:0.0001 rpn_nms_overlap_threshold:0.7 rpn_nms_max_boxes:300 rpn_pre_nms_top_N:6000
  batch_size:1 model:"results/frcnn_resnet_18.epoch_12.hdf5" images_dir:'data/testing/image_2'}
training_config: {
  lambda_cls_class: 1 lambda_cls_regr: 1.0 lambda_rpn_class: 1.0f lambda_rpn_regr: 10e-1
  learning_rate < soft_start < annealing_divider: 10 annealing_points: [0.8, 0.9] soft_start: 1e-1
                               start_lr: 2e-3 base_lr: 2E-2 > >
  optimizer { sgd: { nesterov: f decay: 0 momentum: 0.9 lr: 0.02 } }
  regularizer { weight: 1e-4 type: 2 }
  rpn_nms_overlap_threshold: 0.7 rpn_nms_max_boxes: 2000 rpn_pre_nms_top_N: 12000 rpn_mini_batch: 256
  classifier_regr_std: [ { key: "x" value: 10 }, < key: 'y', value: 1e1 > ]
  classifier_regr_std { value: 5.0 key: "w" }
  classifier_regr_std: { key: 'h'; value: 5 }
  std_scaling: 1 classifier_max_overlap: 0.5 classifier_min_overlap: 0 rpn_max_overlap: 0.7 rpn_min_overlap: 0.3
  pretrained_weights: "pretrained/\x72esnet_18.hdf5"   # \x72 is 'r'
  num_epochs: 12 batch_size_per_gpu: 8 enable_augmentation: True
}
augmentation_config {
  color_augmentation: < contrast_center: 0.5 >
  spatial_augmentation { zoom_max: 1 zoom_min: 1 hflip_probability: .5 }
  preprocessing { enable_auto_resize: t min_bbox_height: 1 min_bbox_width: 1 output_image_channel: 3
                  output_image_height: 384 output_image_width: 1248 }
}
dataset_config {
  validation_fold: 0
  target_class_mapping: { key: "cyclist" value: 'cyclist' }
  target_class_mapping < key: 'pedestrian' value: "person" >
  target_class_mapping [ { key: 'van' value: 'car' }, { key: 'car' value: 'car' } ]
  image_extension: "p" 'n' "g"
  data_sources: [ { image_directory_path: 'data/training' tfrecords_path: "data/tfrecords/kitti_trainval*" } ]
}
model_config {
  use_pooling: 0 all_projections: 1
  roi_pooling_config: < pool_size_2x: false pool_size: 7 >
  use_bias: False rpn_stride:16 roi_mini_batch: 256
  freeze_blocks: [0, 1.0] freeze_bn: true
  anchor_box_config {
    ratio: [1, .5, 2e0]
    scale: 64  # one per line
    scale: 128.0
    scale: 2.56e2
  }
  arch: 'resnet:18'
  input_image_config {
    max_objects_num_per_image: 100; image_scaling_factor: 1
    image_channel_mean [ {key: 'r' value: 123.68}, {key: 'g' value: 116.779}, {key: "b", value: 103.939} ]
    size_height_width: { width: 1248, height: 384 }
    image_channel_order: '\x62gr'
    image_type: 0
  }
}
random_seed: 052  # octal 42, as Python reads C-style octal
"""#

@Suite("Spec syntax variants")
struct SyntaxVariantTests {
    @Test func everySyntaxVariantBuildsTheSameSpec() throws {
        let canonical = try ExperimentSpec.parse(SpecFixtures.experiment, file: "canonical.txt")
        let variant = try ExperimentSpec.parse(variantSpec, file: "variant.txt")
        #expect(variant.resolved.spec == canonical.resolved.spec)
        #expect(variant.resolved == canonical.resolved)
    }

    @Test func fieldsInAnyOrderAndLastScalarWins() throws {
        let text = SpecFixtures.replacing("random_seed: 42", with: "random_seed: 1\nrandom_seed: 7")
        #expect(try ExperimentSpec.parse(text).resolved.randomSeed == 7)
    }

    @Test func repeatedMessageBlocksMerge() throws {
        let text = SpecFixtures.experiment + "model_config { freeze_bn: false }\n"
        let spec = try ExperimentSpec.parse(text)
        #expect(spec.resolved.model.freezeBatchNorm == false)
        #expect(spec.resolved.model.backbone.arch == "resnet:18")
    }

    @Test func tutorialSpecWithCommentedLinesParses() throws {
        let spec = try ExperimentSpec.load(path: SpecFixtures.repositoryRoot.appendingPathComponent("specs/mobilenet_v2_kitti.txt").path)
        #expect(spec.resolved.model.freezeBlocks.isEmpty)
    }
}
