import Testing

@testable import FasterRCNN

/// A hand-worked KITTI AP|R40 example (original-image pixels, no `+1`).
@Suite struct KITTIBenchmarkAPTests {
    /// Ground truth: cars g1…g4 at x 0/100/200/300, y 100…150 (height 50, visible); car g5 at x 400
    /// with occlusion 1; a van at x 500; a DontCare region (600,100,700,200).
    /// Detections (car): d1…d4 exactly on g1…g4 (0.9, 0.8, 0.7, 0.6), a background FP (0.85), d5 on g5
    /// (0.95), one on the van (0.75), one inside DontCare (0.65), and a 10-px-high one (0.99).
    static let image = EvaluationImage(
        width: 1000, height: 400,
        detections: [
            Detection(box: box(0, 100, 50, 150), className: "car", score: 0.9),
            Detection(box: box(0, 300, 50, 350), className: "car", score: 0.85),
            Detection(box: box(100, 100, 150, 150), className: "car", score: 0.8),
            Detection(box: box(200, 100, 250, 150), className: "car", score: 0.7),
            Detection(box: box(300, 100, 350, 150), className: "car", score: 0.6),
            Detection(box: box(400, 100, 450, 150), className: "car", score: 0.95),
            Detection(box: box(500, 100, 550, 150), className: "car", score: 0.75),
            Detection(box: box(610, 110, 660, 160), className: "car", score: 0.65),
            Detection(box: box(800, 100, 850, 110), className: "car", score: 0.99),
        ],
        groundTruth: [
            GroundTruthBox(box: box(0, 100, 50, 150), className: "car"),
            GroundTruthBox(box: box(100, 100, 150, 150), className: "car"),
            GroundTruthBox(box: box(200, 100, 250, 150), className: "car"),
            GroundTruthBox(box: box(300, 100, 350, 150), className: "car"),
            GroundTruthBox(box: box(400, 100, 450, 150), className: "car", occlusion: 1),
            GroundTruthBox(box: box(500, 100, 550, 150), className: "van"),
        ],
        dontCareRegions: [box(600, 100, 700, 200)])

    /// Easy: g5 (occluded) and the van are ignored but absorb d5 and the van detection; the small detection
    /// is ignored; the DontCare detection is not an FP. n_gt = 4, TP scores 0.9, 0.8, 0.7, 0.6 → thresholds
    /// at all four (recall steps of 1/4 are each closer to the next 1/40 step than skipping).
    ///   precision at 0.9: 1/1; 0.8: 2/3 (the 0.85 FP); 0.7: 3/4; 0.6: 4/5 (DontCare FP removed).
    ///   monotone: [1, 0.8, 0.8, 0.8, 0 …] → AP|R40 = (0.8 × 3) / 40 = 0.06 (slot 0 is skipped).
    /// Moderate (and Hard): g5 counts, n_gt = 5, thresholds 0.95, 0.9, 0.8, 0.7, 0.6:
    ///   precision 1, 1, 3/4, 4/5, 5/6 → monotone [1, 1, 5/6, 5/6, 5/6] → (1 + 3 × 5/6) / 40 = 0.0875.
    @Test func handWorkedCar() {
        let result = KITTIBenchmarkAP.evaluate([Self.image])
        let car = result.classes.first { $0.className == "car" }
        #expect(car?.groundTruthCounts == [4, 5, 5])
        #expect(abs((car?.easy ?? -1) - 0.06) < 1e-12)
        #expect(abs((car?.moderate ?? -1) - 0.0875) < 1e-12)
        #expect(abs((car?.hard ?? -1) - 0.0875) < 1e-12)
    }

    /// "van" is evaluated as a class of its own: one object and no van detection → no TP score, no
    /// threshold, AP 0. A class with no object at a difficulty has no AP at all.
    @Test func classesWithoutMatchesOrObjects() {
        let result = KITTIBenchmarkAP.evaluate([Self.image])
        let van = result.classes.first { $0.className == "van" }
        #expect(van?.easy == 0)
        let noObjects = KITTIBenchmarkAP.evaluate([
            EvaluationImage(width: 100, height: 100, detections: [Detection(box: box(0, 0, 50, 50), className: "cyclist", score: 0.5)], groundTruth: []),
        ])
        #expect(noObjects.classes.first?.easy == nil)
        #expect(noObjects.meanModerate == nil)
    }

    /// Scaling to original pixels changes the difficulty: at half size every car is 25 px high, which is
    /// not > 25, so no object counts at any difficulty; scaled back up by 2 the result is unchanged.
    @Test func difficultyHeightsAreInTheGivenPixels() {
        let half = Self.image.scaled(x: 0.5, y: 0.5)
        #expect((half.width, half.height) == (500, 200))
        #expect(half.groundTruth[0].box == box(0, 50, 25, 75))
        #expect(half.dontCareRegions == [box(300, 50, 350, 100)])
        #expect(KITTIBenchmarkAP.evaluate([half]).classes.first { $0.className == "car" }?.groundTruthCounts == [0, 0, 0])
        #expect(KITTIBenchmarkAP.evaluate([half.scaled(x: 2, y: 2)]) == KITTIBenchmarkAP.evaluate([Self.image]))
    }

    @Test func overlapThresholds() {
        #expect(KITTIBenchmarkAP.minimumOverlap(for: "Car") == 0.7)
        #expect(KITTIBenchmarkAP.minimumOverlap(for: "pedestrian") == 0.5)
        #expect(KITTIBenchmarkAP.minimumOverlap(for: "cyclist") == 0.5)
    }
}
