import Testing
@testable import FasterRCNN

/// One case per rule of the model and input sections.
private let modelCases: [RuleCase] = [
    RuleCase("input height >= 160", "height: 384", "height: 100",
             path: "model_config.input_image_config.size_height_width.height", "must be >= 160 (got 100)"),
    RuleCase("input width >= 160", "width: 1248", "width: 159",
             path: "model_config.input_image_config.size_height_width.width", "must be >= 160 (got 159)"),
    RuleCase("size_min >= 160", "size_height_width {\n      height: 384\n      width: 1248\n    }", "size_min { min: 120 }",
             path: "model_config.input_image_config.size_min.min", "must be >= 160 (got 120)"),
    RuleCase("an input size is required", "size_height_width {\n      height: 384\n      width: 1248\n    }", "",
             path: "model_config.input_image_config", "one of size_height_width or size_min is required"),
    RuleCase("channel order", "image_channel_order: \"bgr\"", "image_channel_order: \"brg\"",
             path: "model_config.input_image_config.image_channel_order", "must be 'bgr', 'rgb' or 'l'"),
    RuleCase("RGB means need r, g, b", "key: \"r\"\n      value: 123.68", "key: \"l\"\n      value: 123.68",
             path: "model_config.input_image_config.image_channel_mean", "needs key 'r'"),
    RuleCase("grayscale means need l", "image_type: RGB", "image_type: GRAY_SCALE",
             path: "model_config.input_image_config.image_channel_mean", "needs key 'l'"),
    RuleCase("mean inside (0, 255)", "value: 103.939", "value: 255",
             path: "model_config.input_image_config.image_channel_mean[\"b\"]", "must be in (0, 255) (got 255.0)"),
    RuleCase("scaling factor > 0", "image_scaling_factor: 1.0", "image_scaling_factor: 0",
             path: "model_config.input_image_config.image_scaling_factor", "must be > 0 (got 0.0)"),
    RuleCase("max objects > 0", "max_objects_num_per_image: 100", "max_objects_num_per_image: 0",
             path: "model_config.input_image_config.max_objects_num_per_image", "must be > 0"),
    RuleCase("known backbone", "arch: \"resnet:18\"", "arch: \"resnet:19\"",
             path: "model_config.arch", "unknown backbone (got \"resnet:19\")"),
    RuleCase("anchor scales non-empty", "scale: 64.0\n    scale: 128.0\n    scale: 256.0\n", "",
             path: "model_config.anchor_box_config.scale", "needs at least one anchor scale"),
    RuleCase("anchor scale in (0, longer input side]", "scale: 128.0", "scale: -128.0",
             path: "model_config.anchor_box_config.scale[1]", "must be in (0, 1248] (pixels; the input's longer side) (got -128.0)"),
    RuleCase("anchor ratio > 0", "ratio: 0.5", "ratio: 0",
             path: "model_config.anchor_box_config.ratio[1]", "must be > 0"),
    RuleCase("ResNet freeze blocks 0...3", "freeze_blocks: 1", "freeze_blocks: 4",
             path: "model_config.freeze_blocks[1]", "ResNet freeze_blocks must be within 0...3 (got 4)"),
    RuleCase("VGG freeze blocks 1...5", "arch: \"resnet:18\"", "arch: \"vgg:16\"",
             path: "model_config.freeze_blocks[0]", "VGG freeze_blocks must be within 1...5 (got 0)"),
    RuleCase("MobileNet V2 freeze blocks 0...13", edits: [("freeze_blocks: 1", "freeze_blocks: 14"), ("resnet:18", "mobilenet_v2")],
             path: "model_config.freeze_blocks[1]", "MobileNet V2 freeze_blocks must be within 0...13"),
    RuleCase("freeze blocks are whole numbers", "freeze_blocks: 1", "freeze_blocks: 1.5",
             path: "model_config.freeze_blocks[1]", "must be a whole block number"),
    RuleCase("roi_mini_batch > 0", "roi_mini_batch: 256", "roi_mini_batch: 0",
             path: "model_config.roi_mini_batch", "must be > 0"),
    RuleCase("rpn_stride is 16", "rpn_stride: 16", "rpn_stride: 8",
             path: "model_config.rpn_stride", "must be 16 (got 8)"),
    RuleCase("dropout_rate in [0, 1)", "use_pooling: false", "use_pooling: false\n  dropout_rate: -0.5",
             path: "model_config.dropout_rate", "must be in [0, 1) (got -0.5)"),
    RuleCase("drop_connect_rate in [0, 1)", "use_pooling: false", "use_pooling: false\n  drop_connect_rate: -0.1",
             path: "model_config.drop_connect_rate", "must be in [0, 1) (got -0.1)"),
    RuleCase("pool_size > 0", "pool_size: 7", "pool_size: 0",
             path: "model_config.roi_pooling_config.pool_size", "must be > 0"),
    RuleCase("EfficientNet activation", "arch: \"resnet:18\"", "arch: \"efficientnet:b0\"\n  activation { activation_type: \"tanh\" }",
             path: "model_config.activation.activation_type", "must be relu or swish"),
]

/// One case per rule of the evaluation and inference sections.
private let evaluationCases: [RuleCase] = [
    RuleCase("evaluation pre-NMS above post-NMS", "rpn_nms_max_boxes: 300\n  rpn_nms_overlap_threshold: 0.7\n  classifier_nms_max_boxes",
             "rpn_nms_max_boxes: 6000\n  rpn_nms_overlap_threshold: 0.7\n  classifier_nms_max_boxes",
             path: "evaluation_config.rpn_nms_max_boxes", "less than rpn_pre_nms_top_N (6000) (got 6000)"),
    RuleCase("evaluation RPN NMS IoU in (0,1)", "rpn_nms_overlap_threshold: 0.7\n  classifier_nms_max_boxes",
             "rpn_nms_overlap_threshold: 1.0\n  classifier_nms_max_boxes",
             path: "evaluation_config.rpn_nms_overlap_threshold", "must be in (0, 1) (got 1.0)"),
    RuleCase("evaluation classifier NMS IoU in (0,1)", "classifier_nms_overlap_threshold: 0.3\n  object_confidence_thres",
             "classifier_nms_overlap_threshold: 0\n  object_confidence_thres",
             path: "evaluation_config.classifier_nms_overlap_threshold", "must be in (0, 1)"),
    RuleCase("evaluation max boxes > 0", "classifier_nms_max_boxes: 100\n  classifier_nms_overlap_threshold: 0.3\n  object",
             "classifier_nms_max_boxes: 0\n  classifier_nms_overlap_threshold: 0.3\n  object",
             path: "evaluation_config.classifier_nms_max_boxes", "must be > 0"),
    RuleCase("evaluation confidence in (0,1)", "object_confidence_thres: 0.0001\n  gt_matching",
             "object_confidence_thres: 0\n  gt_matching",
             path: "evaluation_config.object_confidence_thres", "must be in (0, 1)"),
    RuleCase("an IoU option is required", "gt_matching_iou_threshold: 0.5", "",
             path: "evaluation_config", "exactly one of gt_matching_iou_threshold or gt_matching_iou_threshold_range is required"),
    RuleCase("only one IoU option", "gt_matching_iou_threshold: 0.5",
             "gt_matching_iou_threshold: 0.5\n  gt_matching_iou_threshold_range { start: 0.5 end: 1.0 step: 0.05 }",
             path: "evaluation_config.gt_matching_iou_threshold_range", "are both members of oneof 'iou_threshold_config'"),
    RuleCase("IoU threshold in (0,1)", "gt_matching_iou_threshold: 0.5", "gt_matching_iou_threshold: 1",
             path: "evaluation_config.gt_matching_iou_threshold", "must be in (0, 1)"),
    RuleCase("IoU range 0 < start < end <= 1", "gt_matching_iou_threshold: 0.5",
             "gt_matching_iou_threshold_range { start: 0.5 end: 1.5 step: 0.05 }",
             path: "evaluation_config.gt_matching_iou_threshold_range", "must satisfy 0 < start < end <= 1"),
    RuleCase("IoU range step in (0,1)", "gt_matching_iou_threshold: 0.5",
             "gt_matching_iou_threshold_range { start: 0.5 end: 0.95 }",
             path: "evaluation_config.gt_matching_iou_threshold_range.step", "must be in (0, 1) (not set)"),
    RuleCase("inference pre-NMS above post-NMS", "rpn_pre_nms_top_N: 6000\n  rpn_nms_max_boxes: 300\n  rpn_nms_overlap_threshold: 0.7\n  object",
             "rpn_pre_nms_top_N: 200\n  rpn_nms_max_boxes: 300\n  rpn_nms_overlap_threshold: 0.7\n  object",
             path: "inference_config.rpn_nms_max_boxes", "must be > 0 and less than rpn_pre_nms_top_N (200) (got 300)"),
    RuleCase("inference RPN NMS IoU in (0,1)", "rpn_nms_overlap_threshold: 0.7\n  object_confidence_thres: 0.0001\n  bbox",
             "rpn_nms_overlap_threshold: 0\n  object_confidence_thres: 0.0001\n  bbox",
             path: "inference_config.rpn_nms_overlap_threshold", "must be in (0, 1)"),
    RuleCase("visualize threshold in (0,1)", "bbox_visualize_threshold: 0.6", "bbox_visualize_threshold: 1.2",
             path: "inference_config.bbox_visualize_threshold", "must be in (0, 1)"),
    RuleCase("inference confidence in (0,1)", "object_confidence_thres: 0.0001\n  bbox", "object_confidence_thres: 1\n  bbox",
             path: "inference_config.object_confidence_thres", "must be in (0, 1)"),
    RuleCase("inference classifier NMS IoU in (0,1)", "classifier_nms_overlap_threshold: 0.3\n}\nevaluation_config",
             "classifier_nms_overlap_threshold: 1\n}\nevaluation_config",
             path: "inference_config.classifier_nms_overlap_threshold", "must be in (0, 1)"),
    RuleCase("inference max boxes > 0", "classifier_nms_max_boxes: 100\n  classifier_nms_overlap_threshold: 0.3\n}\nevaluation_config",
             "classifier_nms_max_boxes: 0\n  classifier_nms_overlap_threshold: 0.3\n}\nevaluation_config",
             path: "inference_config.classifier_nms_max_boxes", "must be > 0"),
    RuleCase("batch 1 with dynamic shape",
             edits: [("size_height_width {\n      height: 384\n      width: 1248\n    }", "size_min { min: 384 }"),
                     ("batch_size: 1\n  rpn_pre_nms_top_N: 6000", "batch_size: 2\n  rpn_pre_nms_top_N: 6000")],
             path: "inference_config.batch_size", "must be 1 with a dynamic input shape (size_min) (got 2)"),
    RuleCase("nms_score_bits <= 10", "batch_size: 1\n  rpn_pre_nms_top_N: 6000", "batch_size: 1\n  nms_score_bits: 11\n  rpn_pre_nms_top_N: 6000",
             path: "inference_config.nms_score_bits", "must be 0 (unset) or in 1...10"),
]

@Suite("Experiment rules: model, evaluation, inference")
struct ExperimentRuleTests {
    @Test(arguments: modelCases)
    func modelRule(_ rule: RuleCase) { rule.check() }

    @Test(arguments: evaluationCases)
    func evaluationRule(_ rule: RuleCase) { rule.check() }

    @Test func everySectionIsRequired() {
        let diagnostics = SpecFixtures.errors("random_seed: 1\n")
        let required = diagnostics.filter { $0.message == "section is required" }.map(\.path)
        #expect(Set(required) == ["model_config", "training_config", "dataset_config", "augmentation_config",
                                  "evaluation_config", "inference_config", "model_config.input_image_config"])
    }

    /// P2.9 item 12: a missing top-level section named only the file; it now points at the file's last line,
    /// and a missing nested section at its enclosing block.
    @Test func missingSectionsHaveALine() {
        let diagnostics = SpecFixtures.errors("random_seed: 1\nmodel_config {\n  arch: \"resnet:18\"\n}\n\n")
            .filter { $0.message == "section is required" }
        let lines = Dictionary(uniqueKeysWithValues: diagnostics.map { ($0.path, $0.location?.line) })
        #expect(lines["evaluation_config"] == 5 && lines["training_config"] == 5, "\(lines)")
        #expect(lines["model_config.input_image_config"] == 2, "\(lines)")
        #expect(diagnostics.allSatisfy { $0.description.hasPrefix("spec.txt:") }, "\(diagnostics.map(\.description))")
    }
}
