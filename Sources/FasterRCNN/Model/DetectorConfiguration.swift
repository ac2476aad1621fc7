extension ProposalSettings {
    /// TAO's `training_config` defaults: 12000 / 2000 / 0.7.
    public static let training = ProposalSettings(preNMSTopN: 12000, postNMSTopN: 2000, nmsIoUThreshold: 0.7)
    /// The TAO tutorials' evaluation and inference values: 6000 / 300 / 0.7.
    public static let inference = ProposalSettings(preNMSTopN: 6000, postNMSTopN: 300, nmsIoUThreshold: 0.7)
}

extension DetectionNMSSettings {
    /// The TAO tutorials' values: 100 boxes, IoU 0.3, confidence 0.0001.
    public static let standard = DetectionNMSSettings(maxBoxes: 100, iouThreshold: 0.3, confidenceThreshold: 1e-4)
}

/// Weights of the four detection losses (TAO's `lambda_*`, each > 0, default 1).
public struct LossWeights: Sendable, Equatable {
    public var rpnClass: Double
    public var rpnRegression: Double
    public var rcnnClass: Double
    public var rcnnRegression: Double

    public init(rpnClass: Double = 1, rpnRegression: Double = 1, rcnnClass: Double = 1, rcnnRegression: Double = 1) {
        self.rpnClass = rpnClass
        self.rpnRegression = rpnRegression
        self.rcnnClass = rcnnClass
        self.rcnnRegression = rcnnRegression
    }
}

/// Everything the detection parts of Faster R-CNN need, resolved from a TAO spec (sections 1.2, 1.4–1.6 of the
/// reference). Defaults are TAO's defaults.
public struct DetectorConfiguration: Sendable, Equatable {
    /// Object classes C, without background. Class ids are 0..<C; background is C (the last softmax column).
    public var classCount: Int
    /// Anchor sides in input pixels (`anchor_box_config.scale`); the outer loop of the anchor index.
    public var anchorScales: [Double] = [64, 128, 256]
    /// Anchor width/height ratios (`anchor_box_config.ratio`); the inner loop of the anchor index.
    public var anchorRatios: [Double] = [1, 0.5, 2]
    /// CropAndResize output side (`roi_pooling_config.pool_size`).
    public var poolSize: Int = 7
    /// Crop at 2·poolSize; the backbone head then downsamples by 2 (`pool_size_2x`).
    public var poolSize2x: Bool = false
    /// Anchors sampled per image for the RPN losses (`rpn_mini_batch`); at most half positive.
    public var rpnMiniBatch: Int = 256
    /// An anchor is negative when its best IoU is at most this (`rpn_min_overlap`).
    public var rpnMinOverlap: Float = 0.3
    /// An anchor is positive when its best IoU is at least this (`rpn_max_overlap`).
    public var rpnMaxOverlap: Float = 0.7
    /// RPN deltas are divided by this in the proposal layer (`std_scaling`).
    public var stdScaling: Float = 1
    /// RoIs sampled per image for the RCNN losses (`roi_mini_batch`); a quarter at most are positive.
    public var roiMiniBatch: Int = 256
    /// A RoI is negative when min ≤ IoU < max (`classifier_min_overlap`).
    public var classifierMinOverlap: Float = 0
    /// A RoI is positive when IoU ≥ this (`classifier_max_overlap`).
    public var classifierMaxOverlap: Float = 0.5
    /// RCNN regression targets are multiplied, predictions divided, by these (x, y, w, h)
    /// (`classifier_regr_std`).
    public var classifierRegressionStd: [Float] = [10, 10, 5, 5]
    /// Ground-truth boxes join the proposals before RoI sampling (`gt_as_roi`).
    public var gtAsRoI: Bool = false
    /// Proposal settings during training.
    public var trainingProposals: ProposalSettings = .training
    /// Proposal settings for evaluation and inference.
    public var inferenceProposals: ProposalSettings = .inference
    /// Final-detection settings.
    public var detection: DetectionNMSSettings = .standard
    /// Loss weights.
    public var lossWeights = LossWeights()
    /// Kernel regularizer.
    public var regularizer: ResolvedTraining.Regularizer = .none

    /// A configuration with TAO's defaults for `classCount` object classes.
    public init(classCount: Int) {
        self.classCount = classCount
    }

    /// The network's stride: TAO asserts `rpn_stride` == 16.
    public static let stride = 16

    /// Anchors per feature cell, A = scales × ratios.
    public var anchorsPerCell: Int { anchorScales.count * anchorRatios.count }

    /// The side of the CropAndResize output.
    public var cropSize: Int { poolSize2x ? 2 * poolSize : poolSize }

    /// Throws a ``DetectorConfigurationError`` naming the first invalid field.
    public func validate() throws(DetectorConfigurationError) {
        func fail(_ field: String, _ message: String) -> DetectorConfigurationError {
            DetectorConfigurationError(field: field, message: message)
        }
        guard classCount > 0 else { throw fail("classCount", "must be > 0, got \(classCount)") }
        guard !anchorScales.isEmpty, anchorScales.allSatisfy({ $0 > 0 }) else {
            throw fail("anchor_box_config.scale", "must be non-empty with every value > 0, got \(anchorScales)")
        }
        guard !anchorRatios.isEmpty, anchorRatios.allSatisfy({ $0 > 0 }) else {
            throw fail("anchor_box_config.ratio", "must be non-empty with every value > 0, got \(anchorRatios)")
        }
        guard poolSize > 0 else { throw fail("roi_pooling_config.pool_size", "must be > 0, got \(poolSize)") }
        guard rpnMiniBatch > 0 else { throw fail("rpn_mini_batch", "must be > 0, got \(rpnMiniBatch)") }
        guard roiMiniBatch > 0 else { throw fail("roi_mini_batch", "must be > 0, got \(roiMiniBatch)") }
        guard rpnMinOverlap > 0, rpnMinOverlap < rpnMaxOverlap, rpnMaxOverlap <= 1 else {
            throw fail("rpn_min_overlap/rpn_max_overlap", "need 0 < min < max <= 1, got \(rpnMinOverlap)/\(rpnMaxOverlap)")
        }
        guard classifierMinOverlap >= 0, classifierMinOverlap < classifierMaxOverlap, classifierMaxOverlap <= 1 else {
            throw fail(
                "classifier_min_overlap/classifier_max_overlap",
                "need 0 <= min < max <= 1, got \(classifierMinOverlap)/\(classifierMaxOverlap)")
        }
        guard stdScaling > 0 else { throw fail("std_scaling", "must be > 0, got \(stdScaling)") }
        guard classifierRegressionStd.count == 4, classifierRegressionStd.allSatisfy({ $0 > 0 }) else {
            throw fail("classifier_regr_std", "needs x, y, w, h all > 0, got \(classifierRegressionStd)")
        }
        for (name, settings) in [("training", trainingProposals), ("inference", inferenceProposals)] {
            guard settings.postNMSTopN > 0, settings.preNMSTopN > 0 else {
                throw fail("\(name) rpn_nms_max_boxes/rpn_pre_nms_top_N", "must be > 0")
            }
            guard settings.nmsIoUThreshold > 0, settings.nmsIoUThreshold < 1 else {
                throw fail("\(name) rpn_nms_overlap_threshold", "must be in (0, 1), got \(settings.nmsIoUThreshold)")
            }
        }
        guard detection.maxBoxes > 0 else {
            throw fail("classifier_nms_max_boxes", "must be > 0, got \(detection.maxBoxes)")
        }
        guard detection.iouThreshold > 0, detection.iouThreshold < 1 else {
            throw fail("classifier_nms_overlap_threshold", "must be in (0, 1), got \(detection.iouThreshold)")
        }
    }
}

/// An invalid ``DetectorConfiguration`` field.
public struct DetectorConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The TAO spec field (or fields) at fault.
    public let field: String
    public let message: String
    public var description: String { "detector configuration: \(field) \(message)" }
}
