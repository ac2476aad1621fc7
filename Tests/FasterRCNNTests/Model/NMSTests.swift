import Foundation
import Testing
import Torch
@testable import FasterRCNN

extension DetectionSuite {
    /// Greedy NMS against hand-worked cases and a brute-force reference.
    @Suite struct NMSTests {
        // A and B overlap with continuous IoU 81/119 ≈ 0.681; C is apart.
        static let boxes: [Float] = [0, 0, 10, 10, 1, 1, 11, 11, 20, 20, 30, 30]
        static let scores: [Float] = [0.9, 0.8, 0.7]

        @Test func suppressesAboveThreshold() {
            #expect(NonMaxSuppression.select(boxes: Self.boxes, scores: Self.scores, iouThreshold: 0.5, maxOutput: 10) == [0, 2])
            // 0.681 is not greater than 0.7: nothing suppressed.
            #expect(NonMaxSuppression.select(boxes: Self.boxes, scores: Self.scores, iouThreshold: 0.7, maxOutput: 10) == [0, 1, 2])
            // IoU exactly at the threshold (50/100) is kept: TF suppresses only when greater.
            let halves: [Float] = [0, 0, 10, 10, 0, 0, 10, 5]
            #expect(NonMaxSuppression.select(boxes: halves, scores: [0.9, 0.8], iouThreshold: 0.5, maxOutput: 10) == [0, 1])
            #expect(NonMaxSuppression.select(boxes: halves, scores: [0.9, 0.8], iouThreshold: 0.49, maxOutput: 10) == [0])
        }

        @Test func visitsByDescendingScoreAndStopsAtMax() {
            let scores: [Float] = [0.2, 0.8, 0.7]
            #expect(NonMaxSuppression.select(boxes: Self.boxes, scores: scores, iouThreshold: 0.5, maxOutput: 10) == [1, 2])
            #expect(NonMaxSuppression.select(boxes: Self.boxes, scores: scores, iouThreshold: 0.5, maxOutput: 1) == [1])
            // Ties keep input order.
            #expect(NonMaxSuppression.select(boxes: Self.boxes, scores: [0.5, 0.5, 0.5], iouThreshold: 0.9, maxOutput: 10) == [0, 1, 2])
        }

        @Test func groupsScoreThresholdAndPerGroupCap() {
            // Different groups never suppress each other.
            #expect(NonMaxSuppression.select(
                boxes: Self.boxes, scores: Self.scores, groups: [0, 1, 0], iouThreshold: 0.5, maxOutput: 10) == [0, 1, 2])
            // One box per group.
            #expect(NonMaxSuppression.select(
                boxes: Self.boxes, scores: Self.scores, groups: [0, 1, 0], iouThreshold: 0.5, maxOutput: 10,
                maxPerGroup: 1) == [0, 1])
            // Scores must be greater than the threshold.
            #expect(NonMaxSuppression.select(
                boxes: Self.boxes, scores: Self.scores, iouThreshold: 0.5, maxOutput: 10, scoreThreshold: 0.8) == [0])
        }

        /// Random boxes: the same result as suppressing every lower-scored overlap of each kept box in turn.
        @Test func matchesBruteForce() {
            var generator = DetectionRandom(seed: 7)
            for trial in 0..<5 {
                let count = 300
                var boxes: [Float] = []
                for _ in 0..<count {
                    let y = Float.random(in: 0..<200, using: &generator)
                    let x = Float.random(in: 0..<200, using: &generator)
                    boxes += [y, x, y + Float.random(in: 1..<60, using: &generator), x + Float.random(in: 1..<60, using: &generator)]
                }
                let scores = (0..<count).map { _ in Float.random(in: 0..<1, using: &generator) }
                let groups = (0..<count).map { _ in Int.random(in: 0..<3, using: &generator) }
                let fast = NonMaxSuppression.select(
                    boxes: boxes, scores: scores, groups: groups, iouThreshold: 0.4, maxOutput: 1000)
                #expect(fast == Self.bruteForce(boxes: boxes, scores: scores, groups: groups, threshold: 0.4), "trial \(trial)")
            }
        }

        /// Same selection through tensors.
        @Test func tensorEntryPoint() throws {
            let kept = try NonMaxSuppression.select(
                boxes: Tensor(Self.boxes, shape: [3, 4]), scores: Tensor(Self.scores), iouThreshold: 0.5, maxOutput: 10)
            #expect(try kept.toArray(Int64.self) == [0, 2])
        }

        static func bruteForce(boxes: [Float], scores: [Float], groups: [Int], threshold: Float) -> [Int] {
            var alive = Array(repeating: true, count: scores.count)
            let order = scores.indices.sorted { scores[$0] > scores[$1] }
            var kept: [Int] = []
            let iou = BoxOverlap.continuous.matrix(boxes, boxes)
            for i in order where alive[i] {
                kept.append(i)
                for j in order where alive[j] && j != i && groups[j] == groups[i] && iou[i * scores.count + j] > threshold {
                    alive[j] = false
                }
            }
            return kept
        }
    }
}
