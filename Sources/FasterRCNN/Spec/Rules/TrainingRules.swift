/// TAO's `validate_training_config` plus the optimizer and learning-rate builders' checks.
enum TrainingRules {
    static func check(_ training: Frcnn_Spec_TrainingConfig, present: Bool, _ checker: inout RuleChecker) {
        let path = "training_config"
        checker.requireSection(present, path)
        checker.require(training.batchSizePerGpu >= 1, "\(path).batch_size_per_gpu", "must be >= 1", training.batchSizePerGpu)
        checker.positive(training.numEpochs, "\(path).num_epochs")
        if training.checkpointInterval > training.numEpochs && training.numEpochs > 0 {
            checker.warning("\(path).checkpoint_interval",
                            "\(training.checkpointInterval) is more than num_epochs (\(training.numEpochs)): no checkpoint will be saved")
        }
        let visualizer = training.visualizer
        if visualizer.wandbConfig.enabled {
            checker.warning("\(path).visualizer.wandb_config.enabled",
                            "Weights & Biases logging is not supported by frcnn; TensorBoard event files are written to <results>/logs")
        }
        if visualizer.hasClearmlConfig {
            checker.warning("\(path).visualizer.clearml_config",
                            "ClearML logging is not supported by frcnn; TensorBoard event files are written to <results>/logs")
        }
        let (cMin, cMax) = (training.classifierMinOverlap, training.classifierMaxOverlap)
        if checker.allFinite([(cMin, "\(path).classifier_min_overlap"), (cMax, "\(path).classifier_max_overlap")]) {
            checker.require(cMin >= 0 && cMin < cMax && cMax <= 1, "\(path).classifier_min_overlap",
                            "must satisfy 0 <= classifier_min_overlap < classifier_max_overlap <= 1", "\(cMin) and \(cMax)")
        }
        let (rMin, rMax) = (training.rpnMinOverlap, training.rpnMaxOverlap)
        if checker.allFinite([(rMin, "\(path).rpn_min_overlap"), (rMax, "\(path).rpn_max_overlap")]) {
            checker.require(rMin > 0 && rMin < rMax && rMax <= 1, "\(path).rpn_min_overlap",
                            "must satisfy 0 < rpn_min_overlap < rpn_max_overlap <= 1", "\(rMin) and \(rMax)")
        }
        checker.positive(training.stdScaling, "\(path).std_scaling")
        checkRegressionStd(training.classifierRegrStd, &checker)
        checker.positive(training.rpnMiniBatch, "\(path).rpn_mini_batch")
        ProposalRules.check(preNMS: training.rpnPreNmsTopN, postNMS: training.rpnNmsMaxBoxes,
                            iou: training.rpnNmsOverlapThreshold, section: path, &checker)
        let regularizes = training.regularizer.type == .l1 || training.regularizer.type == .l2
        checker.float(training.regularizer.weight, "\(path).regularizer.weight", regularizes ? .openUnit : .finite)
        let lambdas: [(String, Float)] = [
            ("lambda_rpn_regr", training.lambdaRpnRegr), ("lambda_rpn_class", training.lambdaRpnClass),
            ("lambda_cls_regr", training.lambdaClsRegr), ("lambda_cls_class", training.lambdaClsClass),
        ]
        for (name, value) in lambdas { checker.positive(value, "\(path).\(name)") }
        checkOptimizer(training.optimizer, &checker)
        checkLearningRate(training.learningRate, &checker)
        if training.hasEarlyStopping {
            let early = training.earlyStopping
            checker.require(early.monitor == "loss", "\(path).early_stopping.monitor", "only \"loss\" is supported", "\"\(early.monitor)\"")
            checker.nonNegative(early.minDelta, "\(path).early_stopping.min_delta")
            checker.positive(early.patience, "\(path).early_stopping.patience")
        }
        for (index, fraction) in training.modelParallelism.enumerated() {
            checker.float(fraction, "\(path).model_parallelism[\(index)]", FloatRange(.open(0), .closed(1)))
        }
        let resume = training.resumeFromModel
        if !resume.isEmpty && ResolvedTraining.epoch(inCheckpointName: resume) == nil {
            checker.error("\(path).resume_from_model",
                          "must name a checkpoint '<name>.epoch_<N>.hdf5' (or .tlt), as train writes them (got \"\(resume)\")")
        }
    }

    private static func checkRegressionStd(_ std: [String: Float], _ checker: inout RuleChecker) {
        let path = "training_config.classifier_regr_std"
        let keys = ["x", "y", "w", "h"]
        let missing = keys.filter { std[$0] == nil }
        if !missing.isEmpty {
            checker.error(path, "needs all four keys x, y, w, h (missing \(missing.joined(separator: ", ")))")
        }
        for key in keys {
            if let value = std[key] { checker.positive(value, "\(path)[\"\(key)\"]") }
        }
        for key in std.keys.sorted() where !keys.contains(key) {
            checker.error("\(path)[\"\(key)\"]", "unexpected key '\(key)' (keys x, y, w, h)")
        }
    }

    private static func checkOptimizer(_ optimizer: Frcnn_Spec_OptimizerConfig, _ checker: inout RuleChecker) {
        let path = "training_config.optimizer"
        switch optimizer.optim {
        case .adam(let adam):
            checker.nonNegative(adam.lr, "\(path).adam.lr")
            checker.float(adam.beta1, "\(path).adam.beta_1", .unitFraction)
            checker.float(adam.beta2, "\(path).adam.beta_2", .unitFraction)
            checker.nonNegative(adam.epsilon, "\(path).adam.epsilon")
            checker.nonNegative(adam.decay, "\(path).adam.decay")
        case .sgd(let sgd):
            checker.nonNegative(sgd.lr, "\(path).sgd.lr")
            checker.float(sgd.momentum, "\(path).sgd.momentum", .unitFraction)
            checker.nonNegative(sgd.decay, "\(path).sgd.decay")
        case .rmsprop(let rmsprop):
            checker.nonNegative(rmsprop.lr, "\(path).rmsprop.lr")
        case nil:
            checker.error(path, "one of adam, sgd or rmsprop is required")
        }
    }

    private static func checkLearningRate(_ rate: Frcnn_Spec_LRConfig, _ checker: inout RuleChecker) {
        let path = "training_config.learning_rate"
        switch rate.lrConfig {
        case .softStart(let soft):
            let base = "\(path).soft_start"
            checker.positive(soft.baseLr, "\(base).base_lr")
            checker.positive(soft.startLr, "\(base).start_lr")
            checker.closedUnit(soft.softStart, "\(base).soft_start")
            checker.require(!soft.annealingPoints.isEmpty, "\(base).annealing_points", "needs at least one annealing point", "none")
            for (index, point) in soft.annealingPoints.enumerated() {
                let pointPath = "\(base).annealing_points[\(index)]"
                // TAO's MultiGPULearningRateScheduler: soft_start < every point ≤ 1 (LearningRateSchedule checks the same).
                checker.float(point, pointPath, FloatRange(.field("soft_start", soft.softStart, orElse: 0, isIncluded: false), .closed(1)))
                if index > 0 {
                    checker.require(point >= soft.annealingPoints[index - 1], pointPath, "annealing points must be in increasing order", point)
                }
            }
            checker.positive(soft.annealingDivider, "\(base).annealing_divider")
        case .step(let step):
            let base = "\(path).step"
            checker.positive(step.baseLr, "\(base).base_lr")
            checker.closedUnit(step.gamma, "\(base).gamma")
            checker.float(step.stepSize, "\(base).step_size", FloatRange(.open(0), .closed(100)).noting("(a percent)"))
        case nil:
            checker.error(path, "one of soft_start or step is required")
        }
    }
}

/// Checks shared by the three proposal-layer settings (training, evaluation, inference).
enum ProposalRules {
    static func check(preNMS: UInt32, postNMS: UInt32, iou: Float, section: String, _ checker: inout RuleChecker) {
        checker.require(postNMS > 0 && postNMS < preNMS, "\(section).rpn_nms_max_boxes",
                        "must be > 0 and less than rpn_pre_nms_top_N (\(preNMS))", postNMS)
        checker.openUnit(iou, "\(section).rpn_nms_overlap_threshold")
    }
}
