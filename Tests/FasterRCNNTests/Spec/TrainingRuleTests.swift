import Testing
@testable import FasterRCNN

/// One case per rule of the training section (optimizer and learning-rate oneofs included).
private let trainingCases: [RuleCase] = [
    RuleCase("batch size >= 1", "batch_size_per_gpu: 8", "batch_size_per_gpu: 0",
             path: "training_config.batch_size_per_gpu", "must be >= 1 (got 0)"),
    RuleCase("epochs > 0", "num_epochs: 12", "num_epochs: 0", path: "training_config.num_epochs", "must be > 0"),
    RuleCase("0 <= classifier min < max <= 1", "classifier_min_overlap: 0.0", "classifier_min_overlap: 0.6",
             path: "training_config.classifier_min_overlap", "0 <= classifier_min_overlap < classifier_max_overlap <= 1 (got 0.6 and 0.5)"),
    RuleCase("0 < rpn min < max <= 1", "rpn_min_overlap: 0.3", "rpn_min_overlap: 0",
             path: "training_config.rpn_min_overlap", "0 < rpn_min_overlap < rpn_max_overlap <= 1"),
    RuleCase("std_scaling > 0", "std_scaling: 1.0", "std_scaling: 0", path: "training_config.std_scaling", "must be > 0"),
    RuleCase("all four classifier_regr_std keys", "key: \"h\"\n    value: 5.0", "key: \"z\"\n    value: 5.0",
             path: "training_config.classifier_regr_std", "needs all four keys x, y, w, h (missing h)"),
    RuleCase("classifier_regr_std keys are x, y, w, h", "key: \"h\"\n    value: 5.0",
             "key: \"h\"\n    value: 5.0\n  }\n  classifier_regr_std {\n    key: \"z\"\n    value: 1",
             path: "training_config.classifier_regr_std[\"z\"]", "unexpected key 'z'"),
    RuleCase("classifier_regr_std values > 0", "key: \"w\"\n    value: 5.0", "key: \"w\"\n      value: 0",
             path: "training_config.classifier_regr_std[\"w\"]", "must be > 0 (got 0.0)"),
    RuleCase("rpn_mini_batch > 0", "rpn_mini_batch: 256", "rpn_mini_batch: 0", path: "training_config.rpn_mini_batch", "must be > 0"),
    RuleCase("training pre-NMS above post-NMS", "rpn_pre_nms_top_N: 12000", "rpn_pre_nms_top_N: 2000",
             path: "training_config.rpn_nms_max_boxes", "less than rpn_pre_nms_top_N (2000) (got 2000)"),
    RuleCase("training post-NMS > 0", "rpn_nms_max_boxes: 2000", "rpn_nms_max_boxes: 0",
             path: "training_config.rpn_nms_max_boxes", "must be > 0"),
    RuleCase("training RPN NMS IoU in (0,1)", "rpn_nms_overlap_threshold: 0.7\n  regularizer", "rpn_nms_overlap_threshold: 1\n  regularizer",
             path: "training_config.rpn_nms_overlap_threshold", "must be in (0, 1)"),
    RuleCase("L2 weight in (0,1)", "weight: 0.0001", "weight: 0", path: "training_config.regularizer.weight", "must be in (0, 1)"),
    RuleCase("L1 weight in (0,1)", edits: [("type: L2", "type: L1"), ("weight: 0.0001", "weight: 1.5")],
             path: "training_config.regularizer.weight", "must be in (0, 1) (got 1.5)"),
    RuleCase("lambda_rpn_regr > 0", "lambda_rpn_regr: 1.0", "lambda_rpn_regr: 0", path: "training_config.lambda_rpn_regr", "must be > 0"),
    RuleCase("lambda_rpn_class > 0", "lambda_rpn_class: 1.0", "lambda_rpn_class: -1", path: "training_config.lambda_rpn_class", "must be > 0"),
    RuleCase("lambda_cls_regr > 0", "lambda_cls_regr: 1.0", "", path: "training_config.lambda_cls_regr", "must be > 0 (not set)"),
    RuleCase("lambda_cls_class > 0", "lambda_cls_class: 1.0", "lambda_cls_class: 0", path: "training_config.lambda_cls_class", "must be > 0"),
    RuleCase("an optimizer is required", "sgd {\n      lr: 0.02\n      momentum: 0.9\n      decay: 0.0\n      nesterov: false\n    }", "",
             path: "training_config.optimizer", "one of adam, sgd or rmsprop is required"),
    RuleCase("only one optimizer", "optimizer {\n", "optimizer {\n    adam { lr: 0.001 beta_1: 0.9 beta_2: 0.999 }\n",
             path: "training_config.optimizer.sgd", "are both members of oneof 'optim'"),
    RuleCase("adam beta_1 in [0,1)", "sgd {\n      lr: 0.02\n      momentum: 0.9\n      decay: 0.0\n      nesterov: false\n    }",
             "adam { beta_1: 1.0 beta_2: 0.999 }", path: "training_config.optimizer.adam.beta_1", "must be in [0, 1)"),
    RuleCase("adam beta_2 in [0,1)", "sgd {\n      lr: 0.02\n      momentum: 0.9\n      decay: 0.0\n      nesterov: false\n    }",
             "adam { beta_1: 0.9 beta_2: 1.5 }", path: "training_config.optimizer.adam.beta_2", "must be in [0, 1)"),
    RuleCase("sgd momentum in [0, 1)", "momentum: 0.9", "momentum: -0.9", path: "training_config.optimizer.sgd.momentum", "must be in [0, 1) (got -0.9)"),
    RuleCase("sgd decay >= 0", "decay: 0.0", "decay: -1", path: "training_config.optimizer.sgd.decay", "must be >= 0"),
    RuleCase("a learning-rate schedule is required",
             "soft_start {\n      base_lr: 0.02\n      start_lr: 0.002\n      soft_start: 0.1\n      annealing_points: 0.8\n      annealing_points: 0.9\n      annealing_divider: 10.0\n    }", "",
             path: "training_config.learning_rate", "one of soft_start or step is required"),
    RuleCase("only one learning-rate schedule", "learning_rate {\n", "learning_rate {\n    step { base_lr: 0.1 gamma: 0.5 step_size: 10 }\n",
             path: "training_config.learning_rate.soft_start", "are both members of oneof 'lr_config'"),
    RuleCase("soft_start base_lr > 0", "base_lr: 0.02", "base_lr: 0",
             path: "training_config.learning_rate.soft_start.base_lr", "must be > 0 (got 0.0)"),
    RuleCase("soft_start start_lr > 0", "start_lr: 0.002", "start_lr: 0", path: "training_config.learning_rate.soft_start.start_lr", "must be > 0"),
    RuleCase("soft_start in [0,1]", "soft_start: 0.1", "soft_start: 1.5", path: "training_config.learning_rate.soft_start.soft_start", "must be in [0, 1]"),
    RuleCase("annealing points required", "annealing_points: 0.8\n      annealing_points: 0.9\n", "",
             path: "training_config.learning_rate.soft_start.annealing_points", "needs at least one annealing point"),
    RuleCase("annealing points increasing", "annealing_points: 0.8\n      annealing_points: 0.9", "annealing_points: 0.9\n      annealing_points: 0.8",
             path: "training_config.learning_rate.soft_start.annealing_points[1]", "increasing order"),
    RuleCase("annealing points in (soft_start,1]", "annealing_points: 0.8", "annealing_points: 0.05",
             path: "training_config.learning_rate.soft_start.annealing_points[0]", "must be in (soft_start (0.1), 1] (got 0.05)"),
    RuleCase("an annealing point at soft_start is refused, as LearningRateSchedule and TAO refuse it",
             "annealing_points: 0.8", "annealing_points: 0.1",
             path: "training_config.learning_rate.soft_start.annealing_points[0]", "must be in (soft_start (0.1), 1] (got 0.1)"),
    RuleCase("annealing divider > 0", "annealing_divider: 10.0", "annealing_divider: 0",
             path: "training_config.learning_rate.soft_start.annealing_divider", "must be > 0"),
    RuleCase("step base_lr > 0",
             "soft_start {\n      base_lr: 0.02\n      start_lr: 0.002\n      soft_start: 0.1\n      annealing_points: 0.8\n      annealing_points: 0.9\n      annealing_divider: 10.0\n    }",
             "step { gamma: 0.5 step_size: 10 }", path: "training_config.learning_rate.step.base_lr", "must be > 0 (not set)"),
    RuleCase("step gamma in [0,1]",
             "soft_start {\n      base_lr: 0.02\n      start_lr: 0.002\n      soft_start: 0.1\n      annealing_points: 0.8\n      annealing_points: 0.9\n      annealing_divider: 10.0\n    }",
             "step { base_lr: 0.1 gamma: 2 step_size: 10 }", path: "training_config.learning_rate.step.gamma", "must be in [0, 1]"),
    RuleCase("step size a percent",
             "soft_start {\n      base_lr: 0.02\n      start_lr: 0.002\n      soft_start: 0.1\n      annealing_points: 0.8\n      annealing_points: 0.9\n      annealing_divider: 10.0\n    }",
             "step { base_lr: 0.1 gamma: 0.5 step_size: 0 }", path: "training_config.learning_rate.step.step_size", "must be in (0, 100] (a percent) (got 0.0)"),
    RuleCase("early stopping monitors loss", "enable_augmentation: true", "enable_augmentation: true\n  early_stopping { monitor: \"val_loss\" patience: 2 }",
             path: "training_config.early_stopping.monitor", "only \"loss\" is supported"),
    RuleCase("early stopping min_delta >= 0", "enable_augmentation: true", "enable_augmentation: true\n  early_stopping { monitor: \"loss\" min_delta: -1 patience: 2 }",
             path: "training_config.early_stopping.min_delta", "must be >= 0"),
    RuleCase("early stopping patience > 0", "enable_augmentation: true", "enable_augmentation: true\n  early_stopping { monitor: \"loss\" }",
             path: "training_config.early_stopping.patience", "must be > 0 (not set)"),
    RuleCase("model_parallelism in (0,1]", "enable_augmentation: true", "enable_augmentation: true\n  model_parallelism: [0.5, 0]",
             path: "training_config.model_parallelism[1]", "must be in (0, 1]"),
    RuleCase("resume_from_model names a checkpoint", "enable_augmentation: true", "enable_augmentation: true\n  resume_from_model: \"results/model.hdf5\"",
             path: "training_config.resume_from_model", "must name a checkpoint"),
]

@Suite("Experiment rules: training")
struct TrainingRuleTests {
    @Test(arguments: trainingCases)
    func trainingRule(_ rule: RuleCase) { rule.check() }

    @Test func trainRefusesQATAndModelParallelism() throws {
        let text = SpecFixtures.replacing("enable_augmentation: true", with: "enable_augmentation: true\n  enable_qat: true\n  model_parallelism: [0.5, 0.5]")
        let spec = try ExperimentSpec.parse(text, file: "spec.txt")
        let found = spec.unsupportedFields(for: .train)
        #expect(found.map(\.path) == ["training_config.enable_qat", "training_config.model_parallelism"])
        #expect(found.allSatisfy { $0.severity == .error && $0.location != nil })
        #expect(found.first?.message.contains("quantization-aware training is not supported") == true)
        #expect(spec.unsupportedFields(for: .evaluate).isEmpty)
        #expect(try ExperimentSpec.parse(SpecFixtures.replacing("enable_augmentation: true", with: "enable_augmentation: true\n  enable_qat: false"),
                                         file: "spec.txt").unsupportedFields(for: .train).isEmpty)
    }

    @Test func checkpointIntervalAboveEpochsIsAWarning() throws {
        let text = SpecFixtures.replacing("num_epochs: 12", with: "num_epochs: 12\n  checkpoint_interval: 20")
        let spec = try ExperimentSpec.parse(text, file: "spec.txt")
        let warning = try #require(spec.warnings.first { $0.path == "training_config.checkpoint_interval" })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("no checkpoint will be saved"))
        #expect(spec.resolved.training.savesCheckpoints == false)
    }

    /// The visualizer is resolved; W&B and ClearML sections, which frcnn cannot honour, are warnings naming the field.
    @Test func visualizerAndUnsupportedLoggers() throws {
        let text = SpecFixtures.replacing("num_epochs: 12", with: """
            num_epochs: 12
              visualizer {
                enabled: true
                num_images: 3
                weight_histograms: true
                wandb_config { enabled: true project: "p" }
                clearml_config { project: "p" }
              }
            """)
        let spec = try ExperimentSpec.parse(text, file: "spec.txt")
        #expect(spec.resolved.training.visualizer == ResolvedTraining.Visualizer(enabled: true, images: 3, weightHistograms: true))
        let paths = spec.warnings.map(\.path)
        #expect(paths.contains("training_config.visualizer.wandb_config.enabled"))
        #expect(paths.contains("training_config.visualizer.clearml_config"))
        #expect(spec.warnings.contains { $0.message.contains("Weights & Biases logging is not supported") })
        let quiet = try ExperimentSpec.parse(text.replacingOccurrences(of: "wandb_config { enabled: true", with: "wandb_config { enabled: false")
            .replacingOccurrences(of: "clearml_config { project: \"p\" }", with: ""), file: "spec.txt")
        #expect(quiet.warnings.filter { $0.path.contains("visualizer") }.isEmpty)
    }
}
