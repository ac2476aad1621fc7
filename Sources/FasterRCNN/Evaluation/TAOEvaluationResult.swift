/// TAO's numbers for one class at one IoU threshold (one row of the printed table).
public struct TAOClassResult: Sendable, Codable, Equatable {
    /// The class name.
    public var className: String
    /// AP by the configured ``APInterpolation``.
    public var averagePrecision: Double
    /// TP / (TP + FP) over the detections scoring at least `object_confidence_thres` (0 when there are none).
    public var precision: Double
    /// TP / number of non-difficult ground-truth objects (0 when there are none).
    public var recall: Double
    /// Detections at or above the confidence threshold that matched an unmatched non-difficult object.
    public var truePositives: Int
    /// Detections at or above the confidence threshold that matched nothing, or an already matched object.
    public var falsePositives: Int
    /// Non-difficult objects without a match at or above the confidence threshold.
    public var falseNegatives: Int
    /// Non-difficult ground-truth objects of this class (TAO's `npos`).
    public var groundTruthCount: Int
    /// The curve TAO's PR plot draws for this class (see ``VOCAveragePrecision``).
    public var curve: PRCurve
}

/// TAO's numbers at one IoU threshold.
public struct TAOThresholdResult: Sendable, Codable, Equatable {
    /// The IoU threshold.
    public var iouThreshold: Double
    /// One entry per class seen in the ground truth or the predictions, sorted by name.
    public var classes: [TAOClassResult]
    /// The mean AP over `classes`; `nil` when there are no classes (TAO prints `nan`).
    public var meanAP: Double?
}

/// The result of ``TAOMeanAveragePrecision/evaluate(_:)``.
public struct TAOEvaluationResult: Sendable, Codable, Equatable {
    /// How AP was computed.
    public var interpolation: APInterpolation
    /// `object_confidence_thres`: the operating point of precision and recall.
    public var confidenceThreshold: Double
    /// One entry per IoU threshold, in the configured order.
    public var thresholds: [TAOThresholdResult]
    /// The mean of the per-threshold mAPs (TAO's kpi `mAP`); `nil` if any of them is `nil`.
    public var meanAP: Double?
    /// RPN recall per class (see ``RPNRecall``); `nil` when no image carried proposals.
    public var rpnRecall: [String: Double]?
}
