/// An experiment spec with every rule checked and every 0-means-default rule applied: the one place
/// where effective values are decided. Every subtask reads its settings from here.
public struct ResolvedExperiment: Sendable, Hashable {
    /// The spec message as written (for the report and the text stored in checkpoints; everything else reads the
    /// resolved values).
    let spec: Frcnn_Spec_Experiment
    public let randomSeed: UInt32
    public let verbose: Bool
    /// Model-encryption key from the spec (the CLI `-k` overrides it); nil when not set.
    public let encryptionKey: String?
    public let input: ResolvedInput
    public let model: ResolvedModel
    /// Class names and ids: sorted target names, background last.
    public let classes: ClassMap
    public let dataset: ResolvedDataset
    public let augmentation: ResolvedAugmentation
    public let training: ResolvedTraining
    public let evaluation: ResolvedEvaluation
    public let inference: ResolvedInference

    /// Resolves a spec that passed `ExperimentRules` (the backbone is known to be valid).
    init(_ spec: Frcnn_Spec_Experiment, backbone: BackboneArchitecture) {
        self.spec = spec
        randomSeed = spec.randomSeed
        verbose = spec.verbose
        encryptionKey = spec.encKey.nonEmpty
        input = ResolvedInput(spec.modelConfig.inputImageConfig)
        model = ResolvedModel(spec.modelConfig, backbone: backbone)
        classes = ClassMap(mapping: spec.datasetConfig.targetClassMapping)
        dataset = ResolvedDataset(spec.datasetConfig)
        augmentation = ResolvedAugmentation(spec.augmentationConfig)
        training = ResolvedTraining(spec.trainingConfig)
        evaluation = ResolvedEvaluation(spec.evaluationConfig)
        inference = ResolvedInference(spec.inferenceConfig)
    }
}

/// Every rule of an experiment spec, applied for every subtask as TAO's `ExperimentSpec` does.
enum ExperimentRules {
    static func check(_ spec: Frcnn_Spec_Experiment, _ checker: inout RuleChecker) {
        let model = spec.modelConfig
        ModelRules.check(model, present: spec.hasModelConfig, &checker)
        TrainingRules.check(spec.trainingConfig, present: spec.hasTrainingConfig, &checker)
        DataRules.checkDataset(spec.datasetConfig, present: spec.hasDatasetConfig, &checker)
        DataRules.checkAugmentation(spec.augmentationConfig, present: spec.hasAugmentationConfig,
                                    input: model.inputImageConfig, &checker)
        EvaluationRules.check(spec.evaluationConfig, present: spec.hasEvaluationConfig, &checker)
        var dynamicShape = false
        if case .sizeMin = model.inputImageConfig.imageSizeConfig { dynamicShape = true }
        EvaluationRules.checkInference(spec.inferenceConfig, present: spec.hasInferenceConfig,
                                       dynamicShape: dynamicShape, &checker)
    }
}

extension ResolvedExperiment {
    /// How many training images precise batch norm averages over (``ResolvedTraining/preciseBatchNormImages``);
    /// nil when the spec disables it or with `freeze_bn`, where every batch norm runs in inference mode.
    public var preciseBatchNormImages: Int? { model.freezeBatchNorm ? nil : training.preciseBatchNormImages }

    /// The precise-batch-norm choice in words, for the training log and `validate`: the image count (at most
    /// `trainingImages`, the training split's size, when it is known) or why it is off.
    public func preciseBatchNormDescription(trainingImages: Int? = nil) -> String {
        guard let images = preciseBatchNormImages else {
            return model.freezeBatchNorm ? "off (freeze_bn: no batch norm trains)" : "off (TAO's running averages of training are kept)"
        }
        let used = trainingImages.map { min($0, images) } ?? images
        return "statistics re-estimated over \(used) training images" + (used < images ? " (the whole split; \(images) asked)" : "")
            + " before each checkpoint and validation"
    }
}
