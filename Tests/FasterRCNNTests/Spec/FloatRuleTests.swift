import Testing
@testable import FasterRCNN

/// P2.9 item 2: proto text reads `inf`, `-inf`, `nan` and literals beyond ±3.4e38 (which overflow a float to
/// inf) into float fields, and `validate` let them through every field with only a lower bound; some then crashed
/// `train` (zoom, rotation, translation), others trained to nothing. Every float field is now finite and in range.
private let nonFiniteValues = ["inf", "-inf", "nan", "1e39"]

/// Fields of the experiment fixture (the crashing ones first, then a sample of the others): the text to edit,
/// what to write instead with `VALUE` standing for the value, and the field's path.
private let fixtureFields: [(old: String, new: String, path: String)] = [
    ("zoom_max: 1.0", "zoom_max: VALUE", "augmentation_config.spatial_augmentation.zoom_max"),
    ("zoom_max: 1.0", "zoom_max: 1.0\n    rotate_rad_max: VALUE", "augmentation_config.spatial_augmentation.rotate_rad_max"),
    ("zoom_max: 1.0", "zoom_max: 1.0\n    translate_max_x: VALUE", "augmentation_config.spatial_augmentation.translate_max_x"),
    ("zoom_max: 1.0", "zoom_max: 1.0\n    translate_max_y: VALUE", "augmentation_config.spatial_augmentation.translate_max_y"),
    ("zoom_min: 1.0", "zoom_min: VALUE", "augmentation_config.spatial_augmentation.zoom_min"),
    ("scale: 128.0", "scale: VALUE", "model_config.anchor_box_config.scale[1]"),
    ("ratio: 0.5", "ratio: VALUE", "model_config.anchor_box_config.ratio[1]"),
    ("min_bbox_width: 1.0", "min_bbox_width: VALUE", "augmentation_config.preprocessing.min_bbox_width"),
    ("annealing_divider: 10.0", "annealing_divider: VALUE", "training_config.learning_rate.soft_start.annealing_divider"),
    ("std_scaling: 1.0", "std_scaling: VALUE", "training_config.std_scaling"),
    ("lambda_cls_regr: 1.0", "lambda_cls_regr: VALUE", "training_config.lambda_cls_regr"),
    ("key: \"x\"\n    value: 10.0", "key: \"x\"\n    value: VALUE", "training_config.classifier_regr_std[\"x\"]"),
    ("image_scaling_factor: 1.0", "image_scaling_factor: VALUE", "model_config.input_image_config.image_scaling_factor"),
    ("contrast_center: 0.5", "contrast_center: 0.5\n    hue_rotation_max: VALUE", "augmentation_config.color_augmentation.hue_rotation_max"),
    ("image_directory_path: \"data/training\"", "image_directory_path: \"data/training\"\n    source_weight: VALUE",
     "dataset_config.data_sources[0].source_weight"),
    ("momentum: 0.9", "momentum: VALUE", "training_config.optimizer.sgd.momentum"),
    ("lr: 0.02", "lr: VALUE", "training_config.optimizer.sgd.lr"),
    ("base_lr: 0.02", "base_lr: VALUE", "training_config.learning_rate.soft_start.base_lr"),
    ("rpn_max_overlap: 0.7", "rpn_max_overlap: VALUE", "training_config.rpn_max_overlap"),
    ("freeze_blocks: 1", "freeze_blocks: VALUE", "model_config.freeze_blocks[1]"),
    ("enable_augmentation: true", "enable_augmentation: true\n  early_stopping { monitor: \"loss\" min_delta: VALUE patience: 2 }",
     "training_config.early_stopping.min_delta"),
]

private let nonFiniteCases: [RuleCase] = fixtureFields.flatMap { field in
    nonFiniteValues.map { value in
        RuleCase("\(field.path): \(value)", field.old, field.new.replacingOccurrences(of: "VALUE", with: value),
                 path: field.path, "must be a finite number (got \(value == "1e39" ? "inf" : value)")
    }
} + nonFiniteValues.map { value in
    RuleCase("kitti_config.val_split: \(value)", "val_split: 14", "val_split: \(value)", path: "kitti_config.val_split",
             "must be a finite number", convert: true)
}

/// Finite values outside the ranges P2.9 item 2 gave the fields that had only a lower bound.
private let upperBoundCases: [RuleCase] = [
    RuleCase("translate_max_y within the input height", "zoom_max: 1.0", "zoom_max: 1.0\n    translate_max_y: 1e30",
             path: "augmentation_config.spatial_augmentation.translate_max_y", "must be in [0, 384] (pixels; the input height) (got 1e+30)"),
    RuleCase("translate_max_x within the input width", "zoom_max: 1.0", "zoom_max: 1.0\n    translate_max_x: 1249",
             path: "augmentation_config.spatial_augmentation.translate_max_x", "must be in [0, 1248] (pixels; the input width) (got 1249.0)"),
    RuleCase("zoom_max at most 10", "zoom_max: 1.0", "zoom_max: 10.5",
             path: "augmentation_config.spatial_augmentation.zoom_max", "must be in [zoom_min (1.0), 10] (got 10.5)"),
    RuleCase("zoom_min at least 0.1", "zoom_min: 1.0", "zoom_min: 1e-20",
             path: "augmentation_config.spatial_augmentation.zoom_min", "must be in [0.1, 10]"),
    RuleCase("rotate_rad_max at most π", "zoom_max: 1.0", "zoom_max: 1.0\n    rotate_rad_max: 3.2",
             path: "augmentation_config.spatial_augmentation.rotate_rad_max", "must be in [0, π] (radians; ±π covers every angle) (got 3.2)"),
    RuleCase("min_bbox_height within the input height", "min_bbox_height: 1.0", "min_bbox_height: 385",
             path: "augmentation_config.preprocessing.min_bbox_height", "must be in [0, 384] (pixels; the input height)"),
    RuleCase("anchor scale within the input's longer side", "scale: 256.0", "scale: 1e30",
             path: "model_config.anchor_box_config.scale[2]", "must be in (0, 1248] (pixels; the input's longer side) (got 1e+30)"),
    RuleCase("hue rotation at most 180 degrees", "contrast_center: 0.5", "contrast_center: 0.5\n    hue_rotation_max: 270",
             path: "augmentation_config.color_augmentation.hue_rotation_max", "must be in [0, 180] (degrees"),
    RuleCase("saturation shift in [0, 1]", "contrast_center: 0.5", "contrast_center: 0.5\n    saturation_shift_max: 1.5",
             path: "augmentation_config.color_augmentation.saturation_shift_max", "must be in [0, 1] (got 1.5)"),
    RuleCase("contrast center in [0, 1]", "contrast_center: 0.5", "contrast_center: 128",
             path: "augmentation_config.color_augmentation.contrast_center", "must be in [0, 1] (got 128.0)"),
    RuleCase("dropout_rate below 1", "use_pooling: false", "use_pooling: false\n  dropout_rate: 1",
             path: "model_config.dropout_rate", "must be in [0, 1) (got 1.0)"),
    RuleCase("sgd momentum below 1", "momentum: 0.9", "momentum: 1.5",
             path: "training_config.optimizer.sgd.momentum", "must be in [0, 1) (got 1.5)"),
    RuleCase("freeze blocks fit an integer", "freeze_blocks: 1", "freeze_blocks: 1e30",
             path: "model_config.freeze_blocks[1]", "must be a whole block number (got 1e+30)"),
]

/// One float field of a spec schema: its path in diagnostics and the spec text that sets it to a value.
private struct FloatField: Sendable, CustomStringConvertible {
    let path: String
    let text: @Sendable (String) -> String

    var description: String { path }
}

/// Map keys the rules accept (a value under another key is an error already); other maps get `k`.
private let acceptedMapKeys = ["image_channel_mean": "r", "classifier_regr_std": "x"]

/// Every float field reachable from `message`, found by walking the descriptor set the spec parser reads
/// (`SpecSchema`), so a field added to `protos/` is in the list without a change here.
private func floatFields(of message: MessageSchema, schema: SpecSchema, path: String = "", depth: Int = 0) -> [FloatField] {
    guard depth < 16 else { return [] }
    var fields: [FloatField] = []
    for field in message.fields {
        let name = path.isEmpty ? field.name : "\(path).\(field.name)"
        if field.type == .float || field.type == .double {
            fields.append(FloatField(path: field.isRepeated ? "\(name)[0]" : name) { "\(field.name): \($0)" })
        } else if field.isMessage, let child = schema.messages[field.typeName] {
            if child.isMapEntry, let valueField = child.field(named: "value") {
                let key = acceptedMapKeys[field.name] ?? "k"
                let entry = MessageSchema(fullName: child.fullName, fields: [valueField], isMapEntry: false)
                for inner in floatFields(of: entry, schema: schema, depth: depth + 1) {
                    let suffix = inner.path.dropFirst("value".count)
                    fields.append(FloatField(path: "\(name)[\"\(key)\"]\(suffix)") { "\(field.name) { key: \"\(key)\" \(inner.text($0)) }" })
                }
            } else {
                for inner in floatFields(of: child, schema: schema, depth: depth + 1) {
                    fields.append(FloatField(path: "\(name)\(field.isRepeated ? "[0]" : "").\(inner.path)") { "\(field.name) { \(inner.text($0)) }" })
                }
            }
        }
    }
    return fields
}

private let experimentFloatFields = floatFields(of: SpecSchema.shared.message(for: Frcnn_Spec_Experiment.self), schema: .shared)
private let convertFloatFields = floatFields(of: SpecSchema.shared.message(for: Frcnn_Spec_DatasetExportConfig.self), schema: .shared)

@Suite("Float fields: finite and in range")
struct FloatRuleTests {
    @Test(arguments: nonFiniteCases)
    func nonFiniteValueIsRefused(_ rule: RuleCase) { rule.check() }

    @Test(arguments: upperBoundCases)
    func outOfRangeValueIsRefused(_ rule: RuleCase) { rule.check() }

    /// The whole message, with its line and column, for the value that crashed train.
    @Test func overflowingLiteralNamesFileLineAndField() throws {
        let text = SpecFixtures.replacing("zoom_max: 1.0", with: "zoom_max: 1e39")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("zoom_max: 1e39") }! + 1
        let error = try #require(SpecFixtures.errors(text).first)
        #expect(error.description == "spec.txt:\(line):5: augmentation_config.spatial_augmentation.zoom_max: "
                + "must be a finite number (got inf; numbers beyond ±3.4e38 overflow a float to inf)")
    }

    @Test func theWalkFindsEveryKnownFloatField() {
        let paths = Set(experimentFloatFields.map(\.path))
        #expect(experimentFloatFields.count >= 70, "\(experimentFloatFields.count) float fields")
        for path in ["augmentation_config.spatial_augmentation.rotate_rad_max", "model_config.anchor_box_config.ratio[0]",
                     "model_config.input_image_config.image_channel_mean[\"r\"]", "training_config.optimizer.rmsprop.lr",
                     "evaluation_config.gt_matching_iou_threshold_range.end", "dataset_config.data_sources[0].source_weight"] {
            #expect(paths.contains(path), "\(path) not found")
        }
        #expect(Set(convertFloatFields.map(\.path)) == ["kitti_config.val_split", "sample_modifier_config.minimum_target_class_imbalance[\"k\"]"])
    }

    /// Each float field of the schema, alone in an otherwise empty spec (so no rule that depends on another
    /// field can skip it), must refuse every non-finite value: a new float field without a rule fails here.
    @Test(arguments: experimentFloatFields + convertFloatFields)
    fileprivate func everyFloatFieldRefusesNonFiniteValues(_ field: FloatField) {
        let convert = convertFloatFields.contains { $0.path == field.path }
        for value in nonFiniteValues {
            let diagnostics = SpecFixtures.errors(field.text(value), convert: convert)
            let match = diagnostics.first { $0.path == field.path && $0.message.hasPrefix("must be a finite number") }
            #expect(match?.location != nil && match?.severity == .error,
                    "\(field.text(value)): no finiteness error; got:\n\(SpecError(diagnostics))")
        }
    }
}
