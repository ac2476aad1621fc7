import Testing
@testable import FasterRCNN

/// One case per rule of the dataset and augmentation sections.
private let dataCases: [RuleCase] = [
    RuleCase("source weight >= 0", "image_directory_path: \"data/training\"", "image_directory_path: \"data/training\"\n    source_weight: -1",
             path: "dataset_config.data_sources[0].source_weight", "must be >= 0"),
    RuleCase("image extension jpg/jpeg/png without dot", "image_extension: \"png\"", "image_extension: \".png\"",
             path: "dataset_config.image_extension", "must be jpg, jpeg or png, without a dot (got \".png\")"),
    RuleCase("class mapping non-empty",
             "target_class_mapping {\n    key: \"car\"\n    value: \"car\"\n  }\n  target_class_mapping {\n    key: \"van\"\n    value: \"car\"\n  }\n  target_class_mapping {\n    key: \"pedestrian\"\n    value: \"person\"\n  }\n  target_class_mapping {\n    key: \"cyclist\"\n    value: \"cyclist\"\n  }\n",
             "", path: "dataset_config.target_class_mapping", "needs at least one class"),
    RuleCase("background is reserved", "value: \"cyclist\"", "value: \"background\"",
             path: "dataset_config.target_class_mapping[\"cyclist\"]", "'background' is reserved"),
    RuleCase("target names are non-empty", "value: \"cyclist\"", "value: \"\"",
             path: "dataset_config.target_class_mapping[\"cyclist\"]", "target class name is empty"),
    RuleCase("augmentation width equals model input", "output_image_width: 1248", "output_image_width: 1242",
             path: "augmentation_config.preprocessing.output_image_width", "must equal the model input width 1248 (got 1242)"),
    RuleCase("augmentation height equals model input", "output_image_height: 384", "output_image_height: 375",
             path: "augmentation_config.preprocessing.output_image_height", "must equal the model input height 384 (got 375)"),
    RuleCase("augmentation channels equal model channels", "output_image_channel: 3", "output_image_channel: 1",
             path: "augmentation_config.preprocessing.output_image_channel", "must equal the model's channel count 3 (got 1)"),
    RuleCase("dynamic input needs an output size",
             edits: [("size_height_width {\n      height: 384\n      width: 1248\n    }", "size_min { min: 384 }"),
                     ("output_image_width: 1248\n", "")],
             path: "augmentation_config.preprocessing.output_image_width", "must be > 0 (not set)"),
    RuleCase("output_image_max >= output_image_min", "enable_auto_resize: true", "enable_auto_resize: true\n    output_image_min: 600\n    output_image_max: 400",
             path: "augmentation_config.preprocessing.output_image_max", "must be >= output_image_min (600)"),
    RuleCase("crop left <= right", "enable_auto_resize: true", "enable_auto_resize: true\n    crop_left: 10\n    crop_right: 5",
             path: "augmentation_config.preprocessing.crop_right", "must be >= crop_left (10)"),
    RuleCase("crop top <= bottom", "enable_auto_resize: true", "enable_auto_resize: true\n    crop_top: 10",
             path: "augmentation_config.preprocessing.crop_bottom", "must be >= crop_top (10) (not set)"),
    RuleCase("min bbox size within the input", "min_bbox_width: 1.0", "min_bbox_width: -1.0",
             path: "augmentation_config.preprocessing.min_bbox_width", "must be in [0, 1248] (pixels; the input width) (got -1.0)"),
    RuleCase("hflip probability in [0,1]", "hflip_probability: 0.5", "hflip_probability: 1.5",
             path: "augmentation_config.spatial_augmentation.hflip_probability", "must be in [0, 1]"),
    RuleCase("vflip probability in [0,1]", "hflip_probability: 0.5", "hflip_probability: 0.5\n    vflip_probability: -0.1",
             path: "augmentation_config.spatial_augmentation.vflip_probability", "must be in [0, 1]"),
    RuleCase("zoom_min in [0.1, 10]", "zoom_min: 1.0", "zoom_min: 0",
             path: "augmentation_config.spatial_augmentation.zoom_min", "must be in [0.1, 10] (got 0.0)"),
    RuleCase("zoom_max in [zoom_min, 10]", "zoom_max: 1.0", "zoom_max: 0.5",
             path: "augmentation_config.spatial_augmentation.zoom_max", "must be in [zoom_min (1.0), 10] (got 0.5)"),
    RuleCase("translate within the input", "zoom_max: 1.0", "zoom_max: 1.0\n    translate_max_x: -8",
             path: "augmentation_config.spatial_augmentation.translate_max_x", "must be in [0, 1248] (pixels; the input width) (got -8.0)"),
    RuleCase("rotate probability in [0,1]", "zoom_max: 1.0", "zoom_max: 1.0\n    rotate_probability: 2",
             path: "augmentation_config.spatial_augmentation.rotate_probability", "must be in [0, 1]"),
    RuleCase("hue rotation in [0, 180]", "contrast_center: 0.5", "contrast_center: 0.5\n    hue_rotation_max: -25",
             path: "augmentation_config.color_augmentation.hue_rotation_max", "must be in [0, 180] (degrees; ±180 covers every hue) (got -25.0)"),
]

/// One case per rule of the dataset_convert spec.
private let convertCases: [RuleCase] = [
    RuleCase("a converter config is required", "kitti_config {", "sample_modifier_config { num_duplicates: 1 }\nkitti_config_unused {",
             path: "kitti_config_unused", "unknown field 'kitti_config_unused'", convert: true),
    RuleCase("KITTI root is required", "root_directory_path: \"data/training\"", "", path: "kitti_config.root_directory_path",
             "is required", convert: true),
    RuleCase("KITTI image folder is required", "image_dir_name: \"image_2\"", "image_dir_name: \"\"", path: "kitti_config.image_dir_name",
             "is required", convert: true),
    RuleCase("KITTI label folder is required", "label_dir_name: \"label_2\"", "", path: "kitti_config.label_dir_name",
             "is required", convert: true),
    RuleCase("KITTI extension has a dot", "image_extension: \".png\"", "image_extension: \"png\"", path: "kitti_config.image_extension",
             "must start with a dot", convert: true),
    RuleCase("random mode has 2 partitions", "num_partitions: 2", "num_partitions: 3", path: "kitti_config.num_partitions",
             "must be 2 with partition_mode \"random\" (got 3)", convert: true),
    RuleCase("val_split is a percent", "val_split: 14", "val_split: 140", path: "kitti_config.val_split",
             "must be in [0, 100] (a percent) (got 140.0)", convert: true),
    RuleCase("sequence mode needs the frames file", "partition_mode: \"random\"", "partition_mode: \"sequence\"",
             path: "kitti_config.kitti_sequence_to_frames_file", "is required with partition_mode \"sequence\"", convert: true),
    RuleCase("known partition mode", "partition_mode: \"random\"", "partition_mode: \"shuffle\"", path: "kitti_config.partition_mode",
             "must be \"random\" or \"sequence\"", convert: true),
    RuleCase("only one converter", "image_directory_path: \"data/training\"",
             "coco_config { root_directory_path: \"coco\" }", path: "coco_config", "are both members of oneof 'convert_config_type'",
             convert: true),
    RuleCase("COCO annotation per folder",
             "kitti_config {\n  root_directory_path: \"data/training\"\n  image_dir_name: \"image_2\"\n  label_dir_name: \"label_2\"\n  image_extension: \".png\"\n  partition_mode: \"random\"\n  num_partitions: 2\n  val_split: 14\n  num_shards: 10\n}",
             "coco_config {\n  root_directory_path: \"coco\"\n  img_dir_names: [\"train2017\", \"val2017\"]\n  annotation_files: \"a.json\"\n  num_partitions: 2\n}",
             path: "coco_config.annotation_files", "needs one annotation file per img_dir_names entry (2) (got 1)", convert: true),
    RuleCase("class imbalance > 0", "image_directory_path: \"data/training\"",
             "sample_modifier_config { minimum_target_class_imbalance { key: \"car\" value: 0 } }",
             path: "sample_modifier_config.minimum_target_class_imbalance[\"car\"]", "must be > 0", convert: true),
]

@Suite("Data rules: dataset, augmentation, dataset_convert")
struct DataRuleTests {
    @Test(arguments: dataCases)
    func dataRule(_ rule: RuleCase) { rule.check() }

    @Test(arguments: convertCases)
    func convertRule(_ rule: RuleCase) { rule.check() }

    @Test func uppercaseMappingKeyIsAWarning() throws {
        let text = SpecFixtures.replacing("key: \"cyclist\"", with: "key: \"Cyclist\"")
        let spec = try ExperimentSpec.parse(text, file: "spec.txt")
        let warning = try #require(spec.warnings.first)
        #expect(warning.path == "dataset_config.target_class_mapping[\"Cyclist\"]")
        #expect(warning.message.contains("matches no object"))
        #expect(warning.location?.line != nil)
    }

    @Test func inferenceOnlySpecNeedsNoDataSource() throws {
        let text = SpecFixtures.replacing(
            "data_sources {\n    tfrecords_path: \"data/tfrecords/kitti_trainval*\"\n    image_directory_path: \"data/training\"\n  }", with: "")
        let spec = try ExperimentSpec.parse(text)
        #expect(spec.missingPaths(for: .train).map(\.message).contains("no data source (training and evaluation read at least one)"))
        #expect(!spec.missingPaths(for: .inference).contains { $0.path.hasPrefix("dataset_config") })
    }
}
