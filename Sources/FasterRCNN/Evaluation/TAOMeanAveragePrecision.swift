/// mAP exactly as TAO FasterRCNN computes it for `evaluate` and in-training validation
/// (`calc_map`, `calc_ap`, `voc_ap` and `compute_map_list` in `faster_rcnn/utils/utils.py`).
///
/// Box convention: `x1y1x2y2` pixels in the network-input image, with the `+1` pixel convention of
/// ``BoundingBoxIoU/taoMatching(_:_:)``. Per image and IoU threshold:
/// 1. Detections are taken in descending score order, truncated to integers and clipped to the image.
///    Equal scores are taken in reverse input order, which is what TAO's `argsort(...)[::-1]` does for up
///    to 16 detections (NumPy's sort is not stable beyond that, so TAO's order for ties is undefined there).
/// 2. Each detection finds the same-class ground truth (coordinates truncated to integers) with the highest
///    IoU (the first one on ties). At IoU ≥ threshold: a difficult object (occlusion ≥ 1) drops the
///    detection; an unmatched object makes it a TP and is marked matched; a matched one makes it an FP.
///    Below the threshold it is an FP.
/// 3. Every unmatched non-difficult object is appended as a positive with score 0 (a miss).
///
/// Per class over all images, the outcomes are sorted by descending score (stable) and walked: a positive
/// scoring below `object_confidence_thres` is an FN, a negative below it is skipped, and each step appends
/// precision = TP / (TP + FP) and recall = TP / npos (npos = non-difficult objects). AP follows
/// ``APInterpolation``. mAP is the mean over the classes seen in the ground truth or the predictions.
///
/// TAO's scores and spec thresholds are float32: pass `Double(Float(x))` for both to reproduce its
/// comparisons bit for bit.
///
/// One case where TAO itself crashes is defined here: a class whose only detections all hit difficult
/// objects and that has no non-difficult object gets AP, precision and recall 0.
public struct TAOMeanAveragePrecision: Sendable {
    /// The IoU thresholds, in order (see ``IoUThresholds/arange(start:end:step:)``).
    public let iouThresholds: [Double]
    /// `object_confidence_thres`.
    public let confidenceThreshold: Double
    /// `use_voc07_11point_metric`.
    public let interpolation: APInterpolation

    /// Creates the metric.
    /// - Throws: ``EvaluationError`` for an empty threshold list, a threshold outside (0, 1], or a
    ///   non-positive confidence threshold.
    public init(iouThresholds: [Double], confidenceThreshold: Double, interpolation: APInterpolation) throws {
        guard !iouThresholds.isEmpty else { throw EvaluationError.noIoUThresholds }
        if let bad = iouThresholds.first(where: { !($0 > 0 && $0 <= 1) }) {
            throw EvaluationError.invalidIoUThreshold(bad)
        }
        guard confidenceThreshold > 0 else { throw EvaluationError.invalidConfidenceThreshold(confidenceThreshold) }
        self.iouThresholds = iouThresholds
        self.confidenceThreshold = confidenceThreshold
        self.interpolation = interpolation
    }

    /// Scores the detections of all images against their ground truth.
    public func evaluate(_ images: [EvaluationImage]) -> TAOEvaluationResult {
        let rpnRecall = RPNRecall.perClass(images)
        let thresholds = iouThresholds.map { iou in
            var outcomes: [String: [Outcome]] = [:]
            for image in images {
                for (className, list) in Self.outcomes(of: image, iouThreshold: iou) {
                    outcomes[className, default: []].append(contentsOf: list)
                }
            }
            let classes = outcomes.keys.sorted().map { classResult($0, outcomes[$0] ?? []) }
            let meanAP = classes.isEmpty
                ? nil : classes.map(\.averagePrecision).reduce(0, +) / Double(classes.count)
            return TAOThresholdResult(iouThreshold: iou, classes: classes, meanAP: meanAP)
        }
        let perThreshold = thresholds.compactMap(\.meanAP)
        let meanAP = perThreshold.count == thresholds.count
            ? perThreshold.reduce(0, +) / Double(perThreshold.count) : nil
        return TAOEvaluationResult(
            interpolation: interpolation, confidenceThreshold: confidenceThreshold,
            thresholds: thresholds, meanAP: meanAP, rpnRecall: rpnRecall)
    }

    /// One entry of TAO's per-class `T`/`P` lists: whether it is a positive (a TP, or a missed object with
    /// score 0) and its score.
    struct Outcome {
        var isPositive: Bool
        var score: Double
    }

    /// TAO's `calc_map` for one image: the outcomes per class; a class is present when it had a detection
    /// (even a dropped one) or a missed non-difficult object.
    static func outcomes(of image: EvaluationImage, iouThreshold: Double) -> [String: [Outcome]] {
        var outcomes: [String: [Outcome]] = [:]
        let truth = image.groundTruth.map { TAOIntegerBoxes.truncated($0.box) }
        var matched = [Bool](repeating: false, count: truth.count)
        let order = image.detections.indices.sorted { a, b in
            let (sa, sb) = (image.detections[a].score, image.detections[b].score)
            return sa != sb ? sa > sb : a > b
        }
        for index in order {
            let detection = image.detections[index]
            let box = TAOIntegerBoxes.truncatedAndClipped(detection.box, width: image.width, height: image.height)
            var list = outcomes[detection.className, default: []]
            var best = (iou: -1.0, index: -1)
            for (gtIndex, object) in image.groundTruth.enumerated() where object.className == detection.className {
                let iou = BoundingBoxIoU.taoMatching(box, truth[gtIndex])
                if iou > best.iou { best = (iou, gtIndex) }
            }
            if best.iou >= iouThreshold {
                if image.groundTruth[best.index].isDifficult {
                    // Dropped: neither a TP nor an FP.
                } else if !matched[best.index] {
                    matched[best.index] = true
                    list.append(Outcome(isPositive: true, score: detection.score))
                } else {
                    list.append(Outcome(isPositive: false, score: detection.score))
                }
            } else {
                list.append(Outcome(isPositive: false, score: detection.score))
            }
            outcomes[detection.className] = list
        }
        for (gtIndex, object) in image.groundTruth.enumerated() where !matched[gtIndex] && !object.isDifficult {
            outcomes[object.className, default: []].append(Outcome(isPositive: true, score: 0))
        }
        return outcomes
    }

    /// TAO's `calc_ap` for one class.
    func classResult(_ className: String, _ outcomes: [Outcome]) -> TAOClassResult {
        let sorted = outcomes.enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
        }.map(\.element)
        let positives = outcomes.filter(\.isPositive).count
        var (tp, fp, fn) = (0, 0, 0)
        var precisions: [Double] = []
        var recalls: [Double] = []
        for outcome in sorted {
            let confident = outcome.score >= confidenceThreshold
            switch (outcome.isPositive, confident) {
            case (true, true): tp += 1
            case (true, false): fn += 1
            case (false, true): fp += 1
            case (false, false): break
            }
            precisions.append(tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp))
            recalls.append(positives > 0 ? Double(tp) / Double(positives) : 0)
        }
        let (ap, curve) = VOCAveragePrecision.compute(
            recall: recalls, precision: precisions, interpolation: interpolation)
        return TAOClassResult(
            className: className, averagePrecision: ap,
            precision: precisions.last ?? 0, recall: recalls.last ?? 0,
            truePositives: tp, falsePositives: fp, falseNegatives: fn,
            groundTruthCount: positives, curve: curve)
    }
}
