import Foundation
import Testing
import Torch
@testable import FasterRCNN

extension DetectionSuite {
    /// The proposal layer and the output parser on hand-worked inputs.
    @Suite struct ProposalLayerTests {
        /// 32×32 image, 2×2 map, one 16×16 anchor per cell: [0,0,16,16], [0,16,16,32], [16,0,32,16], [16,16,32,32].
        static let grid = AnchorGrid(scales: [16], ratios: [1], height: 2, width: 2)

        /// Image 0, std_scaling 2: anchor 1 gets dx = −2 (÷2 → −1: it moves onto anchor 0 and is suppressed by it);
        /// anchor 2 gets dw = dh = 2·log(1/16) (÷2 → 1 px wide: dropped). Clipping to 31 leaves anchor 3 at
        /// [16,16,31,31]. Scores (0.9, 0.8, 0.7, 0.95) → [anchor 3, anchor 0], then zero padding to 5.
        /// Image 1: zero deltas, scores (0.1, 0.4, 0.3, 0.2) → anchors 1, 2, 3, 0 clipped; pre-NMS top 3 drops anchor 0.
        @Test func decodeClipDropSortSuppressPad() throws {
            var deltas = [Float](repeating: 0, count: 2 * 4 * 4)
            deltas[0 * 4 + 1] = -2  // image 0, channel 0 (dx), cell (0, 1)
            deltas[2 * 4 + 2] = 2 * Float(log(1.0 / 16.0))  // channel 2 (dw), cell (1, 0)
            deltas[3 * 4 + 2] = 2 * Float(log(1.0 / 16.0))  // channel 3 (dh), cell (1, 0)
            let scores = try Tensor([Float(0.9), 0.8, 0.7, 0.95, 0.1, 0.4, 0.3, 0.2], shape: [2, 1, 2, 2])
            let layer = ProposalLayer(
                settings: ProposalSettings(preNMSTopN: 3, postNMSTopN: 5, nmsIoUThreshold: 0.7), stdScaling: 2)
            let proposals = try layer(
                scores: scores, deltas: Tensor(deltas, shape: [2, 4, 2, 2]), anchors: Self.grid, imageHeight: 32,
                imageWidth: 32)
            #expect(proposals.shape == [2, 5, 4])
            let values = try proposals.toArray(Float.self)
            expectClose(Array(values[0..<20]), [16, 16, 31, 31, 0, 0, 16, 16] + [Float](repeating: 0, count: 12), "image 0")
            expectClose(Array(values[20..<40]), [0, 16, 16, 31, 16, 0, 31, 16, 16, 16, 31, 31, 0, 0, 0, 0, 0, 0, 0, 0], "image 1")
        }

        /// C = 2, image 40×40, RoIs [0,0,9,9] and [20,20,39,39]. RoI 0 class 0 has dx = 10 (÷10 → 1: shift by w = 10)
        /// → [0, 10, 10, 20]; other deltas are zero → +1 decode gives [0,0,10,10] and [20,20,40,40] clipped to 39.
        /// Scores (0.7, 0.2 | 0.1, 0.6) with threshold 0.15 drop (RoI 1, class 0); sorted: 0.7, 0.6, 0.2.
        @Test func outputParser() throws {
            let rois = try Tensor([Float(0), 0, 9, 9, 20, 20, 39, 39], shape: [1, 2, 4])
            let probabilities = try Tensor([Float(0.7), 0.2, 0.1, 0.1, 0.6, 0.3], shape: [1, 2, 3])
            var deltas = [Float](repeating: 0, count: 16)
            deltas[0] = 10
            let parser = OutputParser(
                settings: DetectionNMSSettings(maxBoxes: 4, iouThreshold: 0.3, confidenceThreshold: 0.15),
                regressionStd: [10, 10, 5, 5])
            let result = try parser(
                rois: rois, probabilities: probabilities, deltas: Tensor(deltas, shape: [1, 2, 8]), imageHeight: 40,
                imageWidth: 40)
            #expect(try result.counts.toArray(Int64.self) == [3])
            expectClose(try result.scores.toArray(Float.self), [0.7, 0.6, 0.2, 0], "scores")
            #expect(try result.classes.toArray(Int64.self) == [0, 1, 1, 0])
            expectClose(
                try result.boxes.toArray(Float.self), [0, 10, 10, 20, 20, 20, 39, 39, 0, 0, 10, 10, 0, 0, 0, 0], "boxes")
            // At most 2 detections.
            let capped = try OutputParser(
                settings: DetectionNMSSettings(maxBoxes: 2, iouThreshold: 0.3, confidenceThreshold: 0.15),
                regressionStd: [10, 10, 5, 5]
            )(rois: rois, probabilities: probabilities, deltas: Tensor(deltas, shape: [1, 2, 8]), imageHeight: 40, imageWidth: 40)
            #expect(try capped.counts.toArray(Int64.self) == [2])
        }
    }
}
