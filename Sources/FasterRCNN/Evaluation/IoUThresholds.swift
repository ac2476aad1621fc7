/// The IoU thresholds at which ``TAOMeanAveragePrecision`` matches detections to ground truth.
public enum IoUThresholds {
    /// The list TAO builds from `gt_matching_iou_threshold_range`: `numpy.arange(start, end, step)`.
    ///
    /// `end` is exclusive, so 0.5/1.0/0.05 gives the ten values 0.50…0.95. The values are computed as
    /// NumPy does, so they print identically in the table: the count is `ceil((end − start) / step)`, and
    /// element `i` is `start + i × delta` with `delta = (start + step) − start`.
    ///
    /// Pass the spec's `float` fields widened to `Double` (for example `Double(Float(0.95))`) to get
    /// TAO's exact values.
    /// - Throws: ``EvaluationError/invalidIoURange(start:end:step:)`` unless 0 < start < end ≤ 1 and
    ///   0 < step < 1 (TAO's own checks).
    public static func arange(start: Double, end: Double, step: Double) throws -> [Double] {
        guard start > 0, start < end, end <= 1, step > 0, step < 1 else {
            throw EvaluationError.invalidIoURange(start: start, end: end, step: step)
        }
        return NumPyRange.arange(start: start, stop: end, step: step)
    }
}

/// `numpy.arange` for float64 as NumPy computes it, so that thresholds compare and print identically.
enum NumPyRange {
    /// The count is `ceil((stop − start) / step)`, and element `i` is `start + i × delta` with
    /// `delta = (start + step) − start` (NumPy fills the array from its first two elements).
    static func arange(start: Double, stop: Double, step: Double) -> [Double] {
        let count = max(Int(((stop - start) / step).rounded(.up)), 0)
        let delta = (start + step) - start
        return (0..<count).map { index in index == 0 ? start : start + Double(index) * delta }
    }
}

/// Errors from the evaluation metrics and their output writers.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    /// An IoU threshold range that TAO rejects.
    case invalidIoURange(start: Double, end: Double, step: Double)
    /// An IoU threshold outside (0, 1].
    case invalidIoUThreshold(Double)
    /// `object_confidence_thres` must be positive (TAO raises a ValueError otherwise).
    case invalidConfidenceThreshold(Double)
    /// An evaluation without any IoU threshold.
    case noIoUThresholds
    /// A model built with other proposal or NMS settings than `evaluation_config`'s (for example for inference).
    case otherDetectionStage(DetectionStage)

    public var description: String {
        switch self {
        case let .invalidIoURange(start, end, step):
            return "evaluation_config.gt_matching_iou_threshold_range: need 0 < start < end <= 1 and "
                + "0 < step < 1, got start \(start), end \(end), step \(step)"
        case let .invalidIoUThreshold(value):
            return "evaluation_config.gt_matching_iou_threshold: must be in (0, 1], got \(value)"
        case let .invalidConfidenceThreshold(value):
            return "evaluation_config.object_confidence_thres: must be positive, got \(value)"
        case .noIoUThresholds:
            return "evaluation_config: no IoU threshold given (gt_matching_iou_threshold or "
                + "gt_matching_iou_threshold_range is required)"
        case .otherDetectionStage(let stage):
            return "the model was built with other proposal or NMS settings than evaluation_config's (\(stage)); "
                + "build it with CheckpointModel.Purpose.evaluation"
        }
    }
}
