/// How TAO turns a precision/recall sequence into one AP number (`use_voc07_11point_metric`).
public enum APInterpolation: String, Sendable, Codable {
    /// VOC2007: the mean over t ∈ {0, 0.1, …, 1.0} of the highest precision at recall ≥ t.
    case voc07ElevenPoint = "voc07_11_point"
    /// VOC2010+: the area under the precision envelope (precision made monotone from the right).
    case area
}

/// Points of a precision-recall curve, in the order they are drawn.
public struct PRCurve: Sendable, Codable, Equatable {
    /// Recall values, x.
    public var recall: [Double]
    /// Precision values, y.
    public var precision: [Double]

    /// Creates a curve from matching recall and precision arrays.
    public init(recall: [Double], precision: [Double]) {
        self.recall = recall
        self.precision = precision
    }
}

/// TAO's `voc_ap` (`faster_rcnn/utils/utils.py`).
enum VOCAveragePrecision {
    /// The AP of a precision/recall sequence, and the curve TAO's PR plot draws for it: the raw points for
    /// the 11-point metric, the envelope with the sentinels (0, 0) and (1, 0) for the area metric.
    static func compute(
        recall: [Double], precision: [Double], interpolation: APInterpolation
    ) -> (averagePrecision: Double, curve: PRCurve) {
        switch interpolation {
        case .voc07ElevenPoint:
            // numpy.arange(0., 1.1, 0.1): note 3 × 0.1 = 0.30000000000000004, as in TAO.
            var sum = 0.0
            for t in NumPyRange.arange(start: 0, stop: 1.1, step: 0.1) {
                let reached = zip(recall, precision).filter { $0.0 >= t }.map(\.1)
                sum += (reached.max() ?? 0) / 11
            }
            return (sum, PRCurve(recall: recall, precision: precision))
        case .area:
            let paddedRecall = [0] + recall + [1]
            var envelope = [0] + precision + [0]
            for index in stride(from: envelope.count - 1, to: 0, by: -1) {
                envelope[index - 1] = max(envelope[index - 1], envelope[index])
            }
            var area = 0.0
            for index in 0..<(paddedRecall.count - 1) where paddedRecall[index + 1] != paddedRecall[index] {
                area += (paddedRecall[index + 1] - paddedRecall[index]) * envelope[index + 1]
            }
            return (area, PRCurve(recall: paddedRecall, precision: envelope))
        }
    }
}
