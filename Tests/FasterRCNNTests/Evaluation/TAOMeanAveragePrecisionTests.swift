import Foundation
import Testing

@testable import FasterRCNN

/// Hand-worked examples of TAO's mAP (`calc_map`, `calc_ap`, `voc_ap`).
@Suite struct TAOMeanAveragePrecisionTests {
    /// Image A (100×100):
    ///   ground truth: car1 (10,10,29,29), car2 (50,50,69,69), car3 (70,10,89,29) difficult (occlusion 1).
    ///   detections:   0.9 car on car1 → TP; 0.8 car (11,11,30,30) duplicate of car1, IoU 361/439 = 0.82
    ///                 → FP; 0.7 car on car3 → dropped (difficult); 0.6 car (0,80,9,89) → FP;
    ///                 0.3 car on car2 → TP but under object_confidence_thres 0.5 → counted as FN;
    ///                 0.95 pedestrian (40,40,59,59), no pedestrian ground truth → FP.
    ///   proposals:    (10,10,29,29) covers car1, (70,10,89,29) covers car3.
    /// Image B (100×100): car4 (20,20,39,39) and a difficult cyclist, no detections: car4 is a miss
    ///   (T=1, score 0); the cyclist is difficult and undetected, so the class never appears. No proposal.
    static let images = [
        EvaluationImage(
            width: 100, height: 100,
            detections: [
                Detection(box: box(10, 10, 29, 29), className: "car", score: 0.9),
                Detection(box: box(11, 11, 30, 30), className: "car", score: 0.8),
                Detection(box: box(70, 10, 89, 29), className: "car", score: 0.7),
                Detection(box: box(0, 80, 9, 89), className: "car", score: 0.6),
                Detection(box: box(50, 50, 69, 69), className: "car", score: 0.3),
                Detection(box: box(40, 40, 59, 59), className: "pedestrian", score: 0.95),
            ],
            groundTruth: [
                GroundTruthBox(box: box(10, 10, 29, 29), className: "car"),
                GroundTruthBox(box: box(50, 50, 69, 69), className: "car"),
                GroundTruthBox(box: box(70, 10, 89, 29), className: "car", occlusion: 1),
            ],
            proposals: [box(10, 10, 29, 29), box(70, 10, 89, 29)]),
        EvaluationImage(
            width: 100, height: 100, detections: [],
            groundTruth: [
                GroundTruthBox(box: box(20, 20, 39, 39), className: "car"),
                GroundTruthBox(box: box(60, 60, 79, 79), className: "cyclist", occlusion: 2),
            ],
            proposals: []),
    ]

    /// car, sorted by score: 0.9 T, 0.8 F, 0.6 F, 0.3 T (FN), 0 T (FN); npos = 3.
    ///   precision 1, 1/2, 1/3, 1/3, 1/3; recall 1/3 throughout → TP 1, FP 2, FN 2.
    ///   area: recall [0, ⅓…⅓, 1] with envelope [1, 1, ½, ⅓, ⅓, ⅓, 0] → AP = ⅓ × 1 + ⅔ × 0 = 1/3.
    /// pedestrian: one FP, npos 0 → precision 0, recall 0, AP 0.
    /// mAP = (1/3 + 0) / 2 = 1/6.
    @Test func areaMetricHandWorked() throws {
        let metric = try TAOMeanAveragePrecision(iouThresholds: [0.5], confidenceThreshold: 0.5, interpolation: .area)
        let result = metric.evaluate(Self.images)
        let classes = try #require(result.thresholds.first).classes
        #expect(classes.map(\.className) == ["car", "pedestrian"])
        let car = classes[0]
        #expect(abs(car.averagePrecision - 1.0 / 3) < 1e-12)
        #expect(abs(car.precision - 1.0 / 3) < 1e-12)
        #expect(abs(car.recall - 1.0 / 3) < 1e-12)
        #expect((car.truePositives, car.falsePositives, car.falseNegatives, car.groundTruthCount) == (1, 2, 2, 3))
        let pedestrian = classes[1]
        #expect((pedestrian.averagePrecision, pedestrian.precision, pedestrian.recall) == (0, 0, 0))
        #expect((pedestrian.truePositives, pedestrian.falsePositives, pedestrian.groundTruthCount) == (0, 1, 0))
        #expect(abs((result.meanAP ?? -1) - 1.0 / 6) < 1e-12)
        // RPN recall: car1 and car3 (difficult objects count too) covered, car2 and car4 not → 2/4;
        // the cyclist has no covering proposal → 0.
        #expect(result.rpnRecall == ["car": 0.5, "cyclist": 0])
    }

    /// 11-point: car's precision is 1 wherever recall ≥ t for t ∈ {0, 0.1, 0.2, 0.30000000000000004}
    /// (all below 1/3) and no point reaches t ≥ 0.4 → AP = 4/11; mAP = 2/11.
    @Test func elevenPointMetricHandWorked() throws {
        let metric = try TAOMeanAveragePrecision(iouThresholds: [0.5], confidenceThreshold: 0.5, interpolation: .voc07ElevenPoint)
        let result = metric.evaluate(Self.images)
        let car = try #require(result.thresholds.first?.classes.first)
        #expect(abs(car.averagePrecision - 4.0 / 11) < 1e-12)
        #expect(abs((result.meanAP ?? -1) - 2.0 / 11) < 1e-12)
    }

    /// The `+1` convention, integer truncation and clipping: ground truth (0,0,9,9) has area 100.
    /// - (0.9, 0.2, 9.99, 9.7) truncates to (0,0,9,9): IoU 100/(100 + 1e-6) ≥ 0.95 → TP.
    /// - (−5, −5, 9.5, 12) on a 10×10 image clips to (0,0,9,9) → TP on the second object.
    /// - (0,0,9,4) against (0,0,9,9): intersection 10×5 = 50, union 100 → 50/(100 + 1e-6) < 0.5 → FP
    ///   (without the `+1` it would be 36/81).
    @Test func plusOneTruncationAndClipping() throws {
        let image = EvaluationImage(
            width: 10, height: 10,
            detections: [
                Detection(box: box(0.9, 0.2, 9.99, 9.7), className: "a", score: 0.9),
                Detection(box: box(-5, -5, 9.5, 12), className: "b", score: 0.8),
                Detection(box: box(0, 0, 9, 4), className: "c", score: 0.7),
            ],
            groundTruth: [
                GroundTruthBox(box: box(0, 0, 9, 9), className: "a"),
                GroundTruthBox(box: box(0, 0, 9, 9), className: "b"),
                GroundTruthBox(box: box(0, 0, 9, 9), className: "c"),
            ])
        let strict = try TAOMeanAveragePrecision(iouThresholds: [0.95], confidenceThreshold: 0.5, interpolation: .area)
        let rows = try #require(strict.evaluate([image]).thresholds.first).classes
        #expect(rows.map(\.truePositives) == [1, 1, 0])
        let half = try TAOMeanAveragePrecision(iouThresholds: [0.5], confidenceThreshold: 0.5, interpolation: .area)
        let c = try #require(half.evaluate([image]).thresholds.first?.classes.last)
        #expect((c.truePositives, c.falsePositives, c.falseNegatives) == (0, 1, 1))
        #expect(BoundingBoxIoU.taoMatching(box(0, 0, 9, 4), box(0, 0, 9, 9)) < 0.5)
    }

    /// Equal scores are matched in reverse input order, as TAO's `argsort(probs)[::-1]` does for short lists.
    /// One car (0,0,99,99); both detections score 0.8: d0 = (0,0,99,89), IoU 9000/10000 = 0.9, and
    /// d1 = (0,0,99,59), IoU 0.6. At IoU 0.7, d1 goes first → FP, then d0 → TP: T = [0, 1], precision
    /// [0, 1/2], recall [0, 1] → area AP = 1 × 1/2 = 0.5. In input order it would be [1, 0] → AP 1.
    @Test func equalScoresGoInReverseInputOrder() throws {
        let image = EvaluationImage(
            width: 200, height: 200,
            detections: [
                Detection(box: box(0, 0, 99, 89), className: "car", score: 0.8),
                Detection(box: box(0, 0, 99, 59), className: "car", score: 0.8),
            ],
            groundTruth: [GroundTruthBox(box: box(0, 0, 99, 99), className: "car")])
        let metric = try TAOMeanAveragePrecision(iouThresholds: [0.7], confidenceThreshold: 0.5, interpolation: .area)
        let car = try #require(metric.evaluate([image]).thresholds.first?.classes.first)
        #expect(abs(car.averagePrecision - 0.5) < 1e-12)
        #expect(car.curve.precision == [0.5, 0.5, 0.5, 0])
    }

    /// Several thresholds: at 0.85 the duplicate (IoU 0.82) is still an FP and nothing else changes, so both
    /// thresholds give AP 1/3 for car; the overall mAP is the mean of the per-threshold mAPs.
    @Test func thresholdRangeAveragesPerThresholdMAP() throws {
        let metric = try TAOMeanAveragePrecision(iouThresholds: [0.5, 0.85], confidenceThreshold: 0.5, interpolation: .area)
        let result = metric.evaluate(Self.images)
        #expect(result.thresholds.map(\.iouThreshold) == [0.5, 0.85])
        #expect(result.thresholds.allSatisfy { abs(($0.meanAP ?? -1) - 1.0 / 6) < 1e-12 })
        #expect(abs((result.meanAP ?? -1) - 1.0 / 6) < 1e-12)
    }

    @Test func emptyEvaluationHasNoMeanAndRejectsBadConfiguration() throws {
        let metric = try TAOMeanAveragePrecision(iouThresholds: [0.5], confidenceThreshold: 0.1, interpolation: .area)
        let result = metric.evaluate([EvaluationImage(width: 10, height: 10, detections: [], groundTruth: [])])
        #expect(result.meanAP == nil)
        #expect(result.rpnRecall == nil)
        #expect(TAOEvaluationTable.render(result).hasSuffix("mAP@0.5 = nan                 \n"))
        #expect(throws: EvaluationError.invalidConfidenceThreshold(0)) {
            try TAOMeanAveragePrecision(iouThresholds: [0.5], confidenceThreshold: 0, interpolation: .area)
        }
        #expect(throws: EvaluationError.noIoUThresholds) {
            try TAOMeanAveragePrecision(iouThresholds: [], confidenceThreshold: 0.5, interpolation: .area)
        }
        #expect(throws: EvaluationError.invalidIoURange(start: 0.5, end: 0.4, step: 0.05)) {
            try IoUThresholds.arange(start: 0.5, end: 0.4, step: 0.05)
        }
    }

    /// TAO's printed table for the hand-worked example, character for character (Python's `{:<20}` and
    /// `{:<20.4f}` pad with trailing spaces).
    @Test func printedTableMatchesTAO() throws {
        let metric = try TAOMeanAveragePrecision(iouThresholds: [0.5], confidenceThreshold: 0.5, interpolation: .area)
        let equals = String(repeating: "=", count: 90)
        let dashes = String(repeating: "-", count: 90)
        let expected = """
            \(equals)
            Class               AP                  precision           recall              RPN_recall          
            \(dashes)
            car                 0.3333              0.3333              0.3333              0.5000              
            \(dashes)
            pedestrian          0.0000              0.0000              0.0000              
            \(dashes)
            mAP@0.5 = 0.1667              

            """
        #expect(TAOEvaluationTable.render(metric.evaluate(Self.images)) == expected)
    }

    /// With a range, each block is labelled by its threshold as Python prints it and a final
    /// `mAP@[first:last]` line follows; without proposals the RPN_recall column disappears.
    @Test func printedRangeLabels() throws {
        let thresholds = try IoUThresholds.arange(start: 0.5, end: 1.0, step: 0.05)
        let metric = try TAOMeanAveragePrecision(iouThresholds: thresholds, confidenceThreshold: 0.5, interpolation: .area)
        let images = Self.images.map { image in
            var copy = image
            copy.proposals = nil
            return copy
        }
        let table = TAOEvaluationTable.render(metric.evaluate(images))
        #expect(table.contains("mAP@0.6000000000000001 = "))
        #expect(table.contains("\nmAP@[0.5:0.9500000000000004] = "))
        #expect(!table.contains("RPN_recall"))
        #expect(table.contains("Class               AP                  precision           recall              \n"))
    }
}
