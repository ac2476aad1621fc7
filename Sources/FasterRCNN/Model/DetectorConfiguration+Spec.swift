extension DetectorConfiguration {
    /// Which spec block supplies the proposal settings and final NMS of ``inferenceProposals`` and ``detection``.
    public enum Stage: Sendable {
        /// `evaluation_config` (also used by in-training validation).
        case evaluation
        /// `inference_config`.
        case inference
    }

    /// The detector settings of a resolved experiment spec: `model_config` (anchors, roi_mini_batch, pool size),
    /// `training_config` (overlaps, sampling, scaling, proposals during training, lambdas, regularizer) and the
    /// evaluation or inference block.
    public init(_ experiment: ResolvedExperiment, stage: Stage = .evaluation) {
        self.init(classCount: experiment.classes.objectClassCount)
        let model = experiment.model
        let training = experiment.training
        anchorScales = model.anchorScales.map(Double.init)
        anchorRatios = model.anchorRatios.map(Double.init)
        poolSize = model.poolSize
        poolSize2x = model.poolSize2x
        roiMiniBatch = model.roiMiniBatch
        rpnMiniBatch = training.rpnMiniBatch
        rpnMinOverlap = training.rpnMinOverlap
        rpnMaxOverlap = training.rpnMaxOverlap
        stdScaling = training.stdScaling
        classifierMinOverlap = training.classifierMinOverlap
        classifierMaxOverlap = training.classifierMaxOverlap
        classifierRegressionStd = training.classifierRegressionStd
        gtAsRoI = training.gtAsRoI
        trainingProposals = training.proposal
        lossWeights = LossWeights(
            rpnClass: Double(training.lambdaRPNClass), rpnRegression: Double(training.lambdaRPNRegression),
            rcnnClass: Double(training.lambdaRCNNClass), rcnnRegression: Double(training.lambdaRCNNRegression))
        regularizer = training.regularizer
        switch stage {
        case .evaluation:
            inferenceProposals = experiment.evaluation.proposal
            detection = experiment.evaluation.nms
        case .inference:
            inferenceProposals = experiment.inference.proposal
            detection = experiment.inference.nms
        }
    }
}
