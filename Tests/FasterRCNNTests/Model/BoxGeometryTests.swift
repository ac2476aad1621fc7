import Foundation
import Testing
import Torch
@testable import FasterRCNN

extension DetectionSuite {
    /// Anchors, IoU and box coding against hand-computed values.
    @Suite struct BoxGeometryTests {
        /// Scale 64, ratios (1, 0.5, 2) on a 2×3 map: order (a, i, j), ratio = w/h, centres 16(j+0.5).
        @Test func anchorsMatchHandValues() {
            let grid = AnchorGrid(scales: [64], ratios: [1, 0.5, 2], height: 2, width: 3)
            #expect(grid.count == 18)
            #expect(grid.anchorsPerCell == 3)
            // a = 0 (square 64), cell (0, 0), centre (8, 8).
            expectClose(Array(grid.boxes[0..<4]), [-24, -24, 40, 40], "anchor 0")
            // a = 1 (ratio 0.5: w = 64·√0.5 = 45.2548, h = 64/√0.5 = 90.5097), cell (1, 2), centre (y 24, x 40).
            let k = 1 * 6 + 1 * 3 + 2
            expectClose(Array(grid.boxes[(4 * k)..<(4 * k + 4)]), [-21.254834, 17.372583, 69.254834, 62.627417], "anchor 11")
            // a = 2 (ratio 2: wide), cell (0, 1), centre (8, 24).
            let m = 2 * 6 + 0 * 3 + 1
            expectClose(Array(grid.boxes[(4 * m)..<(4 * m + 4)]), [-14.627417, -21.254834, 30.627417, 69.254834], "anchor 13")
        }

        /// Two scales × two ratios: scale is the outer loop of the anchor index.
        @Test func scaleIsTheOuterLoop() {
            let grid = AnchorGrid(scales: [16, 32], ratios: [1, 4], height: 1, width: 1)
            expectClose(grid.boxes, [0, 0, 16, 16, 4, -8, 12, 24, -8, -8, 24, 24, 0, -24, 16, 40], "anchors")
        }

        /// An anchor is inside only when x1, y1 ≥ 0 and x2 ≤ W−1, y2 ≤ H−1.
        @Test func insideMaskUsesInclusiveBorder() {
            // 16×16 anchors centred at 8: [0, 0, 16, 16] needs an image of at least 17×17.
            let grid = AnchorGrid(scales: [16], ratios: [1], height: 2, width: 2)
            #expect(grid.insideMask(imageHeight: 33, imageWidth: 33) == [true, true, true, true])
            #expect(grid.insideMask(imageHeight: 33, imageWidth: 32) == [true, false, true, false])
            #expect(grid.insideMask(imageHeight: 32, imageWidth: 16) == [false, false, false, false])
            #expect(grid.insideMask(imageHeight: 17, imageWidth: 33) == [true, true, false, false])
        }

        @Test func iouInclusiveAndContinuous() {
            let a: [Float] = [0, 0, 9, 9]
            let b: [Float] = [5, 5, 14, 14, 20, 20, 30, 30, 0, 0, 9, 9]
            // +1: intersection 5·5 = 25, areas 100 → 25/175.
            expectClose(BoxOverlap.inclusive.matrix(a, b), [25.0 / 175.0, 0, 1], "inclusive")
            // Continuous: intersection 4·4 = 16, areas 81 → 16/146.
            expectClose(BoxOverlap.continuous.matrix(a, b), [16.0 / 146.0, 0, 1], "continuous")
        }

        /// Encode with +1 widths: anchor [0,0,15,15] (16², centre 8,8), box [4,2,35,17] (h 32, w 16, centre y 20, x 10).
        @Test func encodeUsesInclusiveWidths() {
            let deltas = BoxCoding.encode([4, 2, 35, 17], relativeTo: [0, 0, 15, 15])
            expectClose(deltas, [0.125, 0.75, 0, Float(log(2.0))], "deltas")
        }

        /// RCNN decode (+1): the same deltas on [0,0,15,15] give centre (20, 10), size 32×16 → [4, 2, 36, 18]
        /// (TAO's decode adds w/2 to the centre, so x2 is one more than the encoded box's).
        @Test func inclusiveDecode() throws {
            let deltas = try Tensor([Float(0.125), 0.75, 0, Float(log(2.0))], shape: [1, 4])
            let boxes = try BoxCoding.decode(deltas, relativeTo: Tensor([Float(0), 0, 15, 15], shape: [1, 4]), inclusive: true)
            expectClose(try boxes.toArray(Float.self), [4, 2, 36, 18], "decoded")
        }

        /// Proposal decode (no +1): anchor [0,0,16,16] (16², centre 8,8), deltas (0.5, −0.25, log 2, 0)
        /// → centre (y 4, x 16), size h 16, w 32 → [−4, 0, 12, 32].
        @Test func plainDecode() throws {
            let deltas = try Tensor([Float(0.5), -0.25, Float(log(2.0)), 0], shape: [1, 4])
            let boxes = try BoxCoding.decode(deltas, relativeTo: Tensor([Float(0), 0, 16, 16], shape: [1, 4]), inclusive: false)
            expectClose(try boxes.toArray(Float.self), [-4, 0, 12, 32], "decoded")
        }

        /// dw and dh are clamped to log(1000/16) so a huge delta scales by 62.5 instead of overflowing.
        @Test func decodeClampsLogScale() throws {
            let deltas = try Tensor([Float(0), 0, 100, 100], shape: [1, 4])
            let boxes = try BoxCoding.decode(deltas, relativeTo: Tensor([Float(0), 0, 16, 16], shape: [1, 4]), inclusive: false)
            expectClose(try boxes.toArray(Float.self), [8 - 500, 8 - 500, 8 + 500, 8 + 500], tolerance: 1e-2, "clamped")
        }

        @Test func clipToImage() throws {
            let boxes = try Tensor([Float(-5), 3, 70, 200], shape: [1, 4])
            expectClose(try BoxCoding.clip(boxes, imageHeight: 64, imageWidth: 128).toArray(Float.self), [0, 3, 63, 127], "clipped")
        }
    }
}
