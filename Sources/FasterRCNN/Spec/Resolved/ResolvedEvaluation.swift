/// Final detection NMS settings (per-class NMS after the RCNN head).
public struct DetectionNMSSettings: Sendable, Hashable {
    /// Detections kept per image (also the per-class cap).
    public let maxBoxes: Int
    public let iouThreshold: Float
    /// Score threshold applied inside NMS.
    public let confidenceThreshold: Float
}

/// What turns a model's outputs into detections at test time: the proposal layer's and the final NMS's settings. A
/// detector carries the stage it was built with, and `evaluate` and `inference` refuse one built for the other
/// (``ResolvedEvaluation/stage``, ``ResolvedInference/stage``).
public struct DetectionStage: Sendable, Hashable {
    public let proposal: ProposalSettings
    public let nms: DetectionNMSSettings

    public init(proposal: ProposalSettings, nms: DetectionNMSSettings) {
        self.proposal = proposal
        self.nms = nms
    }
}

/// Evaluation settings with 0-means-default rules applied.
public struct ResolvedEvaluation: Sendable, Hashable {
    /// `evaluation_config`'s proposal and NMS settings.
    public var stage: DetectionStage { DetectionStage(proposal: proposal, nms: nms) }

    /// Model to evaluate: `model`, else TAO's deprecated `trt_evaluation.trt_engine` (here an exported `.onnx`
    /// file); nil when neither is set (the CLI `-m` then must name one).
    public let model: String?
    /// The field of `evaluation_config` that ``model`` came from (`model` when neither is set), for messages.
    public let modelField: String
    public let proposal: ProposalSettings
    public let nms: DetectionNMSSettings
    /// IoU thresholds for matching detections to ground truth: the single threshold, or
    /// `numpy.arange(start, end, step)` of the range (end exclusive), computed in double precision.
    public let iouThresholds: [Double]
    /// Whether the thresholds came from a range (printed as `mAP@[start:end]`).
    public let iouThresholdsAreRange: Bool
    public let useVOC07ElevenPointMetric: Bool
    /// Epochs between in-training validations (0 in the spec means 1).
    public let validationPeriod: Int
    /// 0 in the spec means 1.
    public let batchSize: Int
    public let visualizePRCurve: Bool

    init(_ evaluation: Frcnn_Spec_EvaluationConfig) {
        (model, modelField) = Self.modelPath(evaluation.model, engine: evaluation.trtEvaluation.trtEngine, engineField: "trt_evaluation")
        proposal = ProposalSettings(preNMSTopN: Int(evaluation.rpnPreNmsTopN), postNMSTopN: Int(evaluation.rpnNmsMaxBoxes),
                                    nmsIoUThreshold: evaluation.rpnNmsOverlapThreshold)
        nms = DetectionNMSSettings(maxBoxes: Int(evaluation.classifierNmsMaxBoxes),
                                   iouThreshold: evaluation.classifierNmsOverlapThreshold,
                                   confidenceThreshold: evaluation.objectConfidenceThres)
        switch evaluation.iouThresholdConfig {
        case .gtMatchingIouThreshold(let threshold):
            iouThresholds = [Double(threshold)]
            iouThresholdsAreRange = false
        case .gtMatchingIouThresholdRange(let range):
            iouThresholds = Self.arange(start: Double(range.start), end: Double(range.end), step: Double(range.step))
            iouThresholdsAreRange = true
        case nil:
            iouThresholds = []
            iouThresholdsAreRange = false
        }
        useVOC07ElevenPointMetric = evaluation.useVoc0711PointMetric
        validationPeriod = evaluation.validationPeriodDuringTraining == 0 ? 1 : Int(evaluation.validationPeriodDuringTraining)
        batchSize = evaluation.batchSize == 0 ? 1 : Int(evaluation.batchSize)
        visualizePRCurve = evaluation.visualizePrCurve
    }

    /// `model` when set, else the `trt_engine` of the section's deprecated TensorRT message `engineField`, with the
    /// field it came from.
    static func modelPath(_ model: String, engine: String, engineField: String) -> (String?, String) {
        if let model = model.nonEmpty { return (model, "model") }
        if let engine = engine.nonEmpty { return (engine, "\(engineField).trt_engine") }
        return (nil, "model")
    }

    /// `numpy.arange(start, end, step)`: `ceil((end - start) / step)` values `start + i * step`.
    static func arange(start: Double, end: Double, step: Double) -> [Double] {
        guard step > 0, end > start else { return [] }
        let count = Int(((end - start) / step).rounded(.up))
        return (0..<count).map { start + Double($0) * step }
    }
}

/// Inference settings with 0-means-default rules applied.
public struct ResolvedInference: Sendable, Hashable {
    /// `inference_config`'s proposal and NMS settings.
    public var stage: DetectionStage { DetectionStage(proposal: proposal, nms: nms) }

    public let imagesDirectory: String?
    /// Model to run: `model`, else TAO's deprecated `trt_inference.trt_engine` (here an exported `.onnx` file).
    public let model: String?
    /// The field of `inference_config` that ``model`` came from (`model` when neither is set), for messages.
    public let modelField: String
    /// 0 in the spec means 1.
    public let batchSize: Int
    public let proposal: ProposalSettings
    public let nms: DetectionNMSSettings
    /// Detections below this score are neither drawn nor written.
    public let visualizeThreshold: Float
    public let imageOutputDirectory: String?
    public let labelsOutputDirectory: String?
    public let drawsCaptions: Bool
    /// TensorRT NMS plugin score bits (0 = unset).
    public let nmsScoreBits: Int

    init(_ inference: Frcnn_Spec_InferenceConfig) {
        imagesDirectory = inference.imagesDir.nonEmpty
        (model, modelField) = ResolvedEvaluation.modelPath(inference.model, engine: inference.trtInference.trtEngine,
                                                       engineField: "trt_inference")
        batchSize = inference.batchSize == 0 ? 1 : Int(inference.batchSize)
        proposal = ProposalSettings(preNMSTopN: Int(inference.rpnPreNmsTopN), postNMSTopN: Int(inference.rpnNmsMaxBoxes),
                                    nmsIoUThreshold: inference.rpnNmsOverlapThreshold)
        nms = DetectionNMSSettings(maxBoxes: Int(inference.classifierNmsMaxBoxes),
                                   iouThreshold: inference.classifierNmsOverlapThreshold,
                                   confidenceThreshold: inference.objectConfidenceThres)
        visualizeThreshold = inference.bboxVisualizeThreshold
        imageOutputDirectory = inference.detectionImageOutputDir.nonEmpty
        labelsOutputDirectory = inference.labelsDumpDir.nonEmpty
        drawsCaptions = inference.bboxCaptionOn
        nmsScoreBits = Int(inference.nmsScoreBits)
    }
}
