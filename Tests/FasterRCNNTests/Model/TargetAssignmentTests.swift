import Foundation
import Testing
import Torch
@testable import FasterRCNN

extension DetectionSuite {
    /// RPN anchor targets and RCNN proposal targets against hand-worked cases.
    @Suite struct TargetAssignmentTests {
        /// A 64×64 image, 4×4 map, one 32×32 anchor per cell: anchor (i, j) = [16i−8, 16j−8, 16i+24, 16j+24].
        /// Only anchors 5, 6, 9, 10 ((1,1), (1,2), (2,1), (2,2)) lie inside [0, 63]².
        static func assigner(miniBatch: Int = 256) -> RPNTargetAssigner {
            var configuration = DetectorConfiguration(classCount: 1)
            configuration.anchorScales = [32]
            configuration.anchorRatios = [1]
            configuration.rpnMiniBatch = miniBatch
            return RPNTargetAssigner(
                anchors: AnchorGrid(configuration, height: 4, width: 4), imageHeight: 64, imageWidth: 64,
                configuration: configuration)
        }

        /// GT [8, 8, 39, 39]: anchor 5 [8, 8, 40, 40] has IoU 1024/1089 = 0.94 → positive; anchors 6 and 9 have
        /// 512/1601 = 0.32 → neither; anchor 10 has 256/1857 = 0.14 → negative; outside anchors are never sampled.
        /// Anchor 5's deltas: dy = dx = (24 − 24.5)/33, dw = dh = log(32/33).
        @Test func thresholdsAndDeltas() {
            var generator = DetectionRandom(seed: 1)
            let targets = Self.assigner().assign(boxes: [8, 8, 39, 39], using: &generator)
            var labels = [Float](repeating: 0, count: 16)
            labels[5] = 1
            var weights = labels
            weights[10] = 1
            #expect(targets.labels == labels)
            #expect(targets.weights == weights)
            let d = Float(-0.5 / 33.0)
            let s = Float(log(32.0 / 33.0))
            expectClose(Array(targets.deltas[20..<24]), [d, d, s, s], tolerance: 1e-6, "anchor 5")
            #expect(targets.deltas.enumerated().allSatisfy { $0.offset / 4 == 5 || $0.element == 0 })
        }

        /// GT [10, 10, 20, 20] reaches IoU 121/1089 only with anchor 5: below 0.3, yet forced positive.
        /// A second unmatched GT [12, 12, 22, 22] has the same best anchor: the last GT gives the deltas.
        @Test func forcedPositiveLastBoxWins() {
            var generator = DetectionRandom(seed: 1)
            let single = Self.assigner().assign(boxes: [10, 10, 20, 20], using: &generator)
            #expect(single.labels.indices.filter { single.labels[$0] == 1 } == [5])
            #expect(single.weights.indices.filter { single.weights[$0] == 1 } == [5, 6, 9, 10])
            let both = Self.assigner().assign(boxes: [10, 10, 20, 20, 12, 12, 22, 22], using: &generator)
            #expect(both.labels.indices.filter { both.labels[$0] == 1 } == [5])
            let expected = BoxCoding.encode([12, 12, 22, 22], relativeTo: [8, 8, 40, 40])
            expectClose(Array(both.deltas[20..<24]), expected, tolerance: 1e-6, "anchor 5")
        }

        /// Three GT boxes equal to three anchors give 3 positives; rpn_mini_batch 4 keeps 2 of them at random and
        /// 2 of the many negatives.
        @Test func samplingCaps() {
            var configuration = DetectorConfiguration(classCount: 1)
            configuration.anchorScales = [32]
            configuration.anchorRatios = [1]
            configuration.rpnMiniBatch = 4
            // 128×128 image, 8×8 map: 36 inside anchors ((i, j) in 1...6).
            let assigner = RPNTargetAssigner(
                anchors: AnchorGrid(configuration, height: 8, width: 8), imageHeight: 128, imageWidth: 128,
                configuration: configuration)
            // Three GTs equal to anchors (1,1), (3,3), (5,5) (boxes [16i−8, 16j−8, 16i+24, 16j+24]).
            let boxes: [Float] = [8, 8, 40, 40, 40, 40, 72, 72, 72, 72, 104, 104]
            for seed in 0..<5 {
                var generator = DetectionRandom(seed: UInt64(seed))
                let targets = assigner.assign(boxes: boxes, using: &generator)
                #expect(targets.positiveCount == 2, "seed \(seed)")
                #expect(targets.negativeCount == 2, "seed \(seed)")
                let positives = targets.labels.indices.filter { targets.labels[$0] == 1 }
                #expect(Set(positives).isSubset(of: [9, 27, 45]), "seed \(seed)")
                // Deltas only for sampled positives (here zero: each GT equals its anchor).
                #expect(targets.deltas.allSatisfy { $0 == 0 })
            }
        }

        // MARK: Proposal targets

        static func sampler(gtAsRoI: Bool = false) -> ProposalTargetSampler {
            var configuration = DetectorConfiguration(classCount: 2)
            configuration.roiMiniBatch = 8
            configuration.gtAsRoI = gtAsRoI
            return ProposalTargetSampler(configuration: configuration)
        }

        static let truth = GroundTruth(boxes: [0, 0, 9, 9], classIDs: [1])

        /// Proposals P0 = GT (IoU 1), P1 [0,0,9,19] (IoU 100/200 = 0.5 → positive), P2 far (IoU 0 → negative),
        /// then zero padding (dropped). ⌊8/4⌋ = 2 positives; 6 negatives drawn with replacement from P2.
        /// P1's targets: dx = (5 − 10)/20, dw = log(10/20) → × (10, 10, 5, 5) = (−2.5, 0, −3.4657, 0).
        @Test func samplesPositivesThenNegatives() {
            var generator = DetectionRandom(seed: 3)
            let proposals: [Float] = [0, 0, 9, 9, 0, 0, 9, 19, 50, 50, 60, 60, 0, 0, 0, 0]
            let result = Self.sampler().sample(proposals: proposals, groundTruth: Self.truth, using: &generator)
            #expect(result.positiveCount == 2)
            #expect(result.negativeCount == 6)
            let firstTwo = Set([Array(result.rois[0..<4]), Array(result.rois[4..<8])])
            #expect(firstTwo == Set([[0, 0, 9, 9], [0, 0, 9, 19]]))
            for row in 2..<8 {
                #expect(Array(result.rois[(4 * row)..<(4 * row + 4)]) == [50, 50, 60, 60])
                #expect(Array(result.classTargets[(3 * row)..<(3 * row + 3)]) == [0, 0, 1])
                #expect(result.regressionTargets[(16 * row)..<(16 * row + 16)].allSatisfy { $0 == 0 })
            }
            for row in 0..<2 {
                #expect(Array(result.classTargets[(3 * row)..<(3 * row + 3)]) == [0, 1, 0])
                let slots = Array(result.regressionTargets[(16 * row)..<(16 * row + 16)])
                #expect(slots[0..<8].allSatisfy { $0 == 0 }, "class 0 slot")
                #expect(Array(slots[8..<12]) == [1, 1, 1, 1], "class 1 mask")
                let expected: [Float] = result.rois[(4 * row + 3)] == 19 ? [-2.5, 0, 5 * Float(log(0.5)), 0] : [0, 0, 0, 0]
                expectClose(Array(slots[12..<16]), expected, tolerance: 1e-5, "row \(row) deltas")
            }
        }

        /// Only positives: the batch is drawn from them with replacement. No ground truth: nothing is sampled.
        /// gt_as_roi: the GT box itself becomes a positive RoI.
        @Test func degenerateCases() {
            var generator = DetectionRandom(seed: 5)
            let onlyPositive = Self.sampler().sample(
                proposals: [0, 0, 9, 9, 0, 0, 9, 19], groundTruth: Self.truth, using: &generator)
            #expect(onlyPositive.positiveCount == 8)
            #expect(onlyPositive.negativeCount == 0)
            let noTruth = Self.sampler().sample(
                proposals: [0, 0, 9, 9], groundTruth: GroundTruth(boxes: [], classIDs: []), using: &generator)
            #expect(noTruth.positiveCount + noTruth.negativeCount == 0)
            #expect(noTruth.classTargets.allSatisfy { $0 == 0 } && noTruth.rois.allSatisfy { $0 == 0 })
            let fromTruth = Self.sampler(gtAsRoI: true).sample(
                proposals: [Float](repeating: 0, count: 8), groundTruth: Self.truth, using: &generator)
            #expect(fromTruth.positiveCount == 8)
            #expect(Array(fromTruth.rois[0..<4]) == [0, 0, 9, 9])
        }
    }
}
