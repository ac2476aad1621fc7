import Torch

extension DetectorConfiguration {
    /// The detector settings of a resolved experiment. Training proposals come from `training_config`; the
    /// proposals and final-detection NMS of ``FasterRCNNModel/detect(_:)`` from `evaluation_config`, which is what
    /// in-training validation uses (as TAO's validation model does).
    public init(experiment: ResolvedExperiment) {
        let (model, training, evaluation) = (experiment.model, experiment.training, experiment.evaluation)
        self.init(classCount: experiment.classes.objectClassCount)
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
        trainingProposals = ProposalSettings(preNMSTopN: training.proposal.preNMSTopN,
                                             postNMSTopN: training.proposal.postNMSTopN,
                                             iouThreshold: training.proposal.nmsIoUThreshold)
        inferenceProposals = ProposalSettings(preNMSTopN: evaluation.proposal.preNMSTopN,
                                              postNMSTopN: evaluation.proposal.postNMSTopN,
                                              iouThreshold: evaluation.proposal.nmsIoUThreshold)
        detection = DetectionSettings(iouThreshold: evaluation.nms.iouThreshold, maxDetections: evaluation.nms.maxBoxes,
                                      scoreThreshold: evaluation.nms.confidenceThreshold)
        lossWeights = LossWeights(rpnClass: Double(training.lambdaRPNClass), rpnRegression: Double(training.lambdaRPNRegression),
                                  rcnnClass: Double(training.lambdaRCNNClass), rcnnRegression: Double(training.lambdaRCNNRegression))
        switch training.regularizer {
        case .none: regularizer = .none
        case .l1(let weight): regularizer = .l1(weight: Double(weight))
        case .l2(let weight): regularizer = .l2(weight: Double(weight))
        }
    }
}

extension BackboneOptions {
    /// The backbone settings of a resolved experiment's `model_config`.
    public init(experiment: ResolvedExperiment) {
        let model = experiment.model
        self.init(inputChannels: experiment.input.channels, useBias: model.useBias, usePooling: model.usePooling,
                  allProjections: model.allProjections, freezeBN: model.freezeBatchNorm, freezeBlocks: Set(model.freezeBlocks),
                  dropoutRate: Double(model.dropoutRate), dropConnectRate: Double(model.dropConnectRate),
                  activation: BackboneActivation(rawValue: model.activation), poolSize: model.poolSize,
                  poolSize2x: model.poolSize2x)
    }
}
