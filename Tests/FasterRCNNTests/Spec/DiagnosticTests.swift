import Testing
@testable import FasterRCNN

/// Errors name the file, line, column, field path and rule; every problem is listed.
@Suite("Spec diagnostics")
struct DiagnosticTests {
    @Test func formatIsFileLineColumnPathMessage() throws {
        let text = SpecFixtures.replacing("base_lr: 0.02", with: "base_lr: 0")
        let error = try #require(SpecFixtures.errors(text).first)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("base_lr: 0") }! + 1
        #expect(error.description == "spec.txt:\(line):7: training_config.learning_rate.soft_start.base_lr: must be > 0 (got 0.0)")
    }

    @Test func schemaErrorsAndRuleViolationsAreAllListedInFileOrder() {
        var text = SpecFixtures.replacing("rpn_stride: 16", with: "rpn_stride: 8")
        text = SpecFixtures.replacing("use_bias: false", with: "use_bais: false", in: text)
        text = SpecFixtures.replacing("batch_size_per_gpu: 8", with: "batch_size_per_gpu: \"8\"", in: text)
        text = SpecFixtures.replacing("zoom_min: 1.0", with: "zoom_min: 0", in: text)
        text = SpecFixtures.replacing("gt_matching_iou_threshold: 0.5", with: "", in: text)
        let diagnostics = SpecFixtures.errors(text)
        #expect(diagnostics.map(\.path) == [
            "model_config.rpn_stride",
            "model_config.use_bais",
            "augmentation_config.spatial_augmentation.zoom_min",
            "training_config.batch_size_per_gpu",
            "evaluation_config",
        ])
        #expect(diagnostics[1].message == "unknown field 'use_bais' in ModelConfig; did you mean 'use_bias'?")
        #expect(diagnostics[3].message == "expected an integer (uint32), found string \"8\"")
        let lines = diagnostics.compactMap(\.location?.line)
        #expect(lines == lines.sorted() && lines.count == 5)
    }

    @Test func aTypeErrorIsNotAlsoReportedAsUnset() {
        let text = SpecFixtures.replacing("num_epochs: 12", with: "num_epochs: 12.5")
        let diagnostics = SpecFixtures.errors(text)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.message == "expected an integer (uint32), found '12.5'")
    }

    @Test(arguments: [
        ("model_config { arch: 5 }", "model_config.arch", "expected a quoted string, found '5'"),
        ("model_config { rpn_stride: -16 }", "model_config.rpn_stride", "-16 is out of range for uint32 (0...4294967295)"),
        ("model_config { rpn_stride: 16.0 }", "model_config.rpn_stride", "expected an integer (uint32), found '16.0'"),
        ("verbose: yes", "verbose", "expected a bool (true/false/True/False/t/f/1/0), found 'yes'"),
        ("model_config { input_image_config { image_type: RGBA } }", "model_config.input_image_config.image_type",
         "'RGBA' is not a value of enum ImageType (one of: RGB, GRAY_SCALE)"),
        ("model_config: 3", "model_config", "expected a message in { } (found '3')"),
        ("random_seed { }", "random_seed", "expected a uint32 value, found a message in { }"),
        ("random_seed: [1]", "random_seed", "a [ ] list was given but 'random_seed' is a single uint32"),
        ("random_seed 1", "random_seed", "expected ':' after the field name"),
        ("dataset_config { validation_fold: 1 validation_data_source { } }", "dataset_config.validation_data_source",
         "'validation_data_source' and 'validation_fold' (line 1) are both members of oneof 'dataset_split_type'; give only one"),
        ("training_config { include_difficult_in_training: true }", "training_config.include_difficult_in_training",
         "unknown field 'include_difficult_in_training' in TrainingConfig"),
    ])
    func schemaError(_ text: String, _ path: String, _ message: String) throws {
        let diagnostics = SpecFixtures.errors(text)
        let match = diagnostics.first { $0.path == path }
        #expect(match?.message == message, "got \(diagnostics)")
        #expect(match?.location?.line == 1)
    }

    @Test func syntaxErrorsHaveLineAndColumn() throws {
        let error = try #require(SpecFixtures.errors("random_seed: 1\nmodel_config {\n  arch: \"resnet:18\n}\n").first)
        #expect(error.description == "spec.txt:3:9: unterminated string (missing closing \")")
    }
}
