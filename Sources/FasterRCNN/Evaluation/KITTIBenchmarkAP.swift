/// The KITTI object benchmark's 2D AP (`AP|R40`), ported from the devkit's `evaluate_object.cpp`
/// (`cleanData`, `computeStatistics`, `getThresholds`, `eval_class`), reported next to TAO's mAP when the
/// labels carry truncation and occlusion.
///
/// Box convention: `x1y1x2y2` in **original-image** pixels (the difficulty heights are defined there), IoU
/// without the `+1` convention (`imageBoxOverlap`). Difficulties: Easy needs height > 40 px, occlusion ≤ 0,
/// truncation ≤ 0.15; Moderate > 25 px, ≤ 1, ≤ 0.3; Hard > 25 px, ≤ 2, ≤ 0.5. A detection matches at
/// IoU > 0.7 for `car` and > 0.5 for every other class (KITTI's values for car, pedestrian and cyclist).
///
/// Also as in the devkit: objects of the class that fail the difficulty, and objects of the neighbouring
/// class (`van` for `car`, `person_sitting` for `pedestrian`; names compared case-insensitively) may absorb
/// a detection without counting as TP or FN; detections lower than the minimum height (integer-truncated,
/// of any class) are ignored; detections covering a `DontCare` region (intersection over detection area
/// > the class IoU) are not FPs. TAO's data loader drops `van`, `person_sitting` and `dontcare` unless the
/// class mapping keeps them, so those rules only act on what the caller passes in.
///
/// Precision is sampled at up to 41 score thresholds chosen for evenly spaced recall, made monotone, and
/// AP is the mean of samples 1…40 (the 40-point metric; sample 0 is skipped). A class with no object at a
/// difficulty has AP `nil` (the devkit would print 0).
public enum KITTIBenchmarkAP {
    /// The three benchmark difficulties.
    public enum Difficulty: Int, CaseIterable, Sendable {
        case easy, moderate, hard

        var minimumHeight: Double { [40, 25, 25][rawValue] }
        var maximumOcclusion: Int { [0, 1, 2][rawValue] }
        var maximumTruncation: Double { [0.15, 0.3, 0.5][rawValue] }
    }

    /// The IoU a detection must exceed to match an object of `className`: 0.7 for car, 0.5 otherwise.
    public static func minimumOverlap(for className: String) -> Double {
        className.lowercased() == "car" ? 0.7 : 0.5
    }

    /// Evaluates every class seen in the ground truth or the detections, except `dontcare`.
    public static func evaluate(_ images: [EvaluationImage]) -> KITTIEvaluationResult {
        let names = images.flatMap { $0.groundTruth.map(\.className) + $0.detections.map(\.className) }
        let classes = Set(names).filter { $0.lowercased() != "dontcare" }.sorted()
        let perClass = classes.map { className in
            let results = Difficulty.allCases.map { evaluate(className, $0, images) }
            return KITTIClassResult(
                className: className,
                easy: results[0].ap, moderate: results[1].ap, hard: results[2].ap,
                groundTruthCounts: results.map(\.objects))
        }
        func mean(_ pick: (KITTIClassResult) -> Double?) -> Double? {
            let values = perClass.compactMap(pick)
            return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
        }
        return KITTIEvaluationResult(
            classes: perClass, meanEasy: mean(\.easy), meanModerate: mean(\.moderate), meanHard: mean(\.hard))
    }

    static let samplePoints = 41

    /// `eval_class` for one class and difficulty: AP|R40 and the number of counted objects.
    static func evaluate(
        _ className: String, _ difficulty: Difficulty, _ images: [EvaluationImage]
    ) -> (ap: Double?, objects: Int) {
        let frames = images.map { KITTIFrame(image: $0, className: className, difficulty: difficulty) }
        let objects = frames.map(\.countedObjects).reduce(0, +)
        guard objects > 0 else { return (nil, 0) }
        let overlap = minimumOverlap(for: className)
        let scores = frames.flatMap { $0.statistics(minimumOverlap: overlap, scoreThreshold: nil).truePositiveScores }
        let thresholds = KITTIFrame.thresholds(scores: scores, objectCount: objects, samplePoints: samplePoints)
        var precision = [Double](repeating: 0, count: samplePoints)
        for (index, threshold) in thresholds.prefix(samplePoints).enumerated() {
            var (tp, fp) = (0, 0)
            for frame in frames {
                let statistics = frame.statistics(minimumOverlap: overlap, scoreThreshold: threshold)
                tp += statistics.truePositives
                fp += statistics.falsePositives
            }
            precision[index] = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
        }
        for index in 0..<min(thresholds.count, samplePoints) {
            precision[index] = precision[index...].max() ?? 0
        }
        return (precision[1...].reduce(0, +) / Double(samplePoints - 1), objects)
    }
}

/// KITTI AP|R40 for one class; `nil` where the class has no object at that difficulty.
public struct KITTIClassResult: Sendable, Codable, Equatable {
    /// The class name.
    public var className: String
    /// AP at Easy.
    public var easy: Double?
    /// AP at Moderate.
    public var moderate: Double?
    /// AP at Hard.
    public var hard: Double?
    /// Objects counted at Easy, Moderate and Hard.
    public var groundTruthCounts: [Int]
}

/// The result of ``KITTIBenchmarkAP/evaluate(_:)``; means are over the classes with a value.
public struct KITTIEvaluationResult: Sendable, Codable, Equatable {
    /// Per-class APs, sorted by class name.
    public var classes: [KITTIClassResult]
    /// Mean Easy AP.
    public var meanEasy: Double?
    /// Mean Moderate AP.
    public var meanModerate: Double?
    /// Mean Hard AP.
    public var meanHard: Double?
}
