/// COCO-style box AP as pycocotools' `COCOeval` computes it with `iouType="bbox"`, area range `all` and
/// `maxDets=100`, reported next to TAO's mAP for comparison with COCO-style numbers.
///
/// Box convention: `x1y1x2y2` pixels without the `+1` convention: pycocotools' IoU uses `[x, y, w, h]`
/// boxes with `w = x2 − x1`, areas `w × h`. Every ground-truth object counts (COCO has no difficult flag,
/// and no object is a crowd); only classes with ground truth enter the mean.
///
/// Per image and class: detections sorted by descending score (stable), at most 100 kept; each, in turn,
/// takes the unmatched object with the highest IoU ≥ the threshold (the last one on ties). Per class over
/// all images: detections sorted by descending score (stable, image order first), cumulative TP/FP,
/// precision `TP / (TP + FP + 2.2e-16)` made monotone from the right, then sampled at 101 recall points
/// 0, 0.01, …, 1 (the first point whose recall ≥ r; 0 past the end). AP is the mean over the ten IoU
/// thresholds 0.50, 0.55, …, 0.95 and the 101 points.
public enum COCOMeanAveragePrecision {
    /// pycocotools' `iouThrs`: `numpy.linspace(0.5, 0.95, 10)`.
    public static let iouThresholds = linspace(0.5, 0.95, count: 10)
    /// pycocotools' `recThrs`: `numpy.linspace(0, 1, 101)`.
    static let recallThresholds = linspace(0, 1, count: 101)
    /// pycocotools' default `maxDets` for AP.
    public static let maxDetectionsPerImage = 100

    /// Evaluates all images.
    public static func evaluate(_ images: [EvaluationImage]) -> COCOEvaluationResult {
        let classes = Set(images.flatMap { $0.groundTruth.map(\.className) }).sorted()
        let perClass = classes.map { evaluateClass($0, images) }
        // precision[t][r] per class; every class here has ground truth, so no -1 entries.
        func mean(_ pick: (COCOClassResult) -> Double) -> Double? {
            perClass.isEmpty ? nil : perClass.map(pick).reduce(0, +) / Double(perClass.count)
        }
        return COCOEvaluationResult(
            meanAP: mean(\.averagePrecision), ap50: mean(\.ap50), ap75: mean(\.ap75),
            averageRecall: mean(\.averageRecall), classes: perClass)
    }

    private struct Scored {
        var score: Double
        var matched: Bool
    }

    private static func evaluateClass(_ className: String, _ images: [EvaluationImage]) -> COCOClassResult {
        var detections = [[Scored]](repeating: [], count: iouThresholds.count)
        var objectCount = 0
        for image in images {
            let truth = image.groundTruth.filter { $0.className == className }.map(\.box)
            let found = image.detections.enumerated().filter { $0.element.className == className }
                .sorted { a, b in a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset }
                .prefix(maxDetectionsPerImage).map(\.element)
            objectCount += truth.count
            let ious = found.map { d in truth.map { BoundingBoxIoU.coco(d.box, $0) } }
            for (t, threshold) in iouThresholds.enumerated() {
                var taken = [Bool](repeating: false, count: truth.count)
                for (dIndex, detection) in found.enumerated() {
                    var best = min(threshold, 1 - 1e-10)
                    var match = -1
                    for gIndex in truth.indices where !taken[gIndex] {
                        if ious[dIndex][gIndex] < best { continue }
                        best = ious[dIndex][gIndex]
                        match = gIndex
                    }
                    if match >= 0 { taken[match] = true }
                    detections[t].append(Scored(score: detection.score, matched: match >= 0))
                }
            }
        }
        var precisionSums = [Double](repeating: 0, count: iouThresholds.count)
        var recalls = [Double](repeating: 0, count: iouThresholds.count)
        for t in iouThresholds.indices {
            let ordered = detections[t].enumerated()
                .sorted { a, b in a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset }
                .map(\.element)
            var (tp, fp) = (0.0, 0.0)
            var recall: [Double] = []
            var precision: [Double] = []
            for detection in ordered {
                if detection.matched { tp += 1 } else { fp += 1 }
                recall.append(tp / Double(objectCount))
                precision.append(tp / (fp + tp + Double.ulpOfOne))
            }
            recalls[t] = recall.last ?? 0
            for index in stride(from: precision.count - 1, to: 0, by: -1) where precision[index] > precision[index - 1] {
                precision[index - 1] = precision[index]
            }
            for threshold in recallThresholds {
                // numpy.searchsorted(recall, threshold, side="left"); pycocotools stops at the first miss.
                guard let position = recall.firstIndex(where: { $0 >= threshold }) else { break }
                precisionSums[t] += precision[position]
            }
        }
        let points = Double(recallThresholds.count)
        let apPerThreshold = precisionSums.map { $0 / points }
        return COCOClassResult(
            className: className, groundTruthCount: objectCount,
            averagePrecision: apPerThreshold.reduce(0, +) / Double(apPerThreshold.count),
            ap50: apPerThreshold[0], ap75: apPerThreshold[5],
            averageRecall: recalls.reduce(0, +) / Double(recalls.count))
    }

    /// `numpy.linspace(start, stop, count)`: `i × step + start` with the last value set to `stop`.
    private static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        let step = (stop - start) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? stop : Double($0) * step + start }
    }
}

/// COCO-style numbers for one class.
public struct COCOClassResult: Sendable, Codable, Equatable {
    /// The class name.
    public var className: String
    /// Ground-truth objects of this class.
    public var groundTruthCount: Int
    /// AP@[.50:.95].
    public var averagePrecision: Double
    /// AP at IoU 0.50.
    public var ap50: Double
    /// AP at IoU 0.75.
    public var ap75: Double
    /// Recall with at most 100 detections per image, averaged over the ten IoU thresholds.
    public var averageRecall: Double
}

/// The result of ``COCOMeanAveragePrecision/evaluate(_:)``; the means are over the classes with ground
/// truth and are `nil` when there is none.
public struct COCOEvaluationResult: Sendable, Codable, Equatable {
    /// mAP@[.50:.95] (pycocotools' first summary line).
    public var meanAP: Double?
    /// mAP at IoU 0.50.
    public var ap50: Double?
    /// mAP at IoU 0.75.
    public var ap75: Double?
    /// AR@100.
    public var averageRecall: Double?
    /// Per-class numbers, sorted by class name.
    public var classes: [COCOClassResult]
}
