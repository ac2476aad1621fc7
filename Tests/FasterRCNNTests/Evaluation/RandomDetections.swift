@testable import FasterRCNN

/// Randomized validation data for the oracle comparisons: three classes, some difficult objects, jittered
/// true detections, duplicates, wrong-class and background false positives, boxes reaching past the image
/// border, and an image without detections. Scores are distinct. `clutter` bounds the number of extra
/// random false positives per image.
enum RandomDetections {
    static let classes = ["car", "cyclist", "pedestrian"]

    static func images(seed: UInt64, count: Int = 40, clutter: Int = 3) -> [EvaluationImage] {
        var random = SeededGenerator(state: seed)
        var usedScores = Set<Double>()
        func score() -> Double {
            while true {
                let value = (Double.random(in: 0.01..<1, using: &random) * 1e6).rounded() / 1e6
                if usedScores.insert(value).inserted { return value }
            }
        }
        func randomBox() -> BoundingBox {
            let x1 = Double.random(in: 0..<170, using: &random), y1 = Double.random(in: 0..<120, using: &random)
            return BoundingBox(
                x1: x1, y1: y1,
                x2: x1 + Double.random(in: 6..<60, using: &random), y2: y1 + Double.random(in: 6..<50, using: &random))
        }
        func jitter(_ box: BoundingBox, _ amount: Double) -> BoundingBox {
            BoundingBox(
                x1: box.x1 + Double.random(in: -amount...amount, using: &random),
                y1: box.y1 + Double.random(in: -amount...amount, using: &random),
                x2: box.x2 + Double.random(in: -amount...amount, using: &random),
                y2: box.y2 + Double.random(in: -amount...amount, using: &random))
        }
        return (0..<count).map { index in
            let truth = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                GroundTruthBox(
                    box: randomBox(), className: classes.randomElement(using: &random)!,
                    truncation: Double.random(in: 0..<0.6, using: &random),
                    occlusion: Int.random(in: 0..<8, using: &random) < 6 ? 0 : Int.random(in: 1...2, using: &random))
            }
            var detections: [Detection] = []
            if index != 3 {
                for object in truth where Double.random(in: 0..<1, using: &random) < 0.8 {
                    detections.append(Detection(box: jitter(object.box, 5), className: object.className, score: score()))
                    if Double.random(in: 0..<1, using: &random) < 0.2 {
                        detections.append(Detection(box: jitter(object.box, 3), className: object.className, score: score()))
                    }
                    if Double.random(in: 0..<1, using: &random) < 0.1 {
                        let other = classes.filter { $0 != object.className }.randomElement(using: &random)!
                        detections.append(Detection(box: jitter(object.box, 2), className: other, score: score()))
                    }
                }
                for _ in 0..<Int.random(in: 0...clutter, using: &random) {
                    detections.append(Detection(box: randomBox(), className: classes.randomElement(using: &random)!, score: score()))
                }
            }
            return EvaluationImage(width: 200, height: 150, detections: detections, groundTruth: truth)
        }
    }

    /// The images as JSON for the Python oracles.
    static func json(_ images: [EvaluationImage]) -> [[String: Any]] {
        images.map { image in
            [
                "width": image.width, "height": image.height,
                "detections": image.detections.map {
                    ["box": [$0.box.x1, $0.box.y1, $0.box.x2, $0.box.y2], "class": $0.className, "score": $0.score]
                },
                "ground_truth": image.groundTruth.map {
                    ["box": [$0.box.x1, $0.box.y1, $0.box.x2, $0.box.y2], "class": $0.className, "difficult": $0.isDifficult]
                },
            ]
        }
    }
}
