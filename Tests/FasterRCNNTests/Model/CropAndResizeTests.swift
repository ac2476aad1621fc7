import Foundation
import Testing
import Torch
@testable import FasterRCNN

extension DetectionSuite {
    /// CropAndResize against TF's sampling formula.
    @Suite struct CropAndResizeTests {
        /// Feature map value 3y + x on a 3×3 map, image 33×33 (normalisation by 32). The RoI [8, 8, 24, 24] → [0.25,
        /// 0.75] → feature rows 0.5, 1.0, 1.5 for a 3×3 crop; bilinear sampling of a linear map is exact:
        /// 3(0.5 + 0.5i) + (0.5 + 0.5j). The full RoI [0,0,32,32] with a 2×2 crop samples the corners (0, 2, 6, 8);
        /// a 1×1 crop samples the centre (4).
        @Test func tfFormulaHandCase() throws {
            let features = try Tensor((0..<9).map(Float.init), shape: [1, 1, 3, 3])
            let inner = try CropAndResize(cropSize: 3)(
                features: features, rois: Tensor([Float(8), 8, 24, 24], shape: [1, 1, 4]), imageHeight: 33, imageWidth: 33)
            var expected: [Float] = []
            for i in 0..<3 {
                for j in 0..<3 {
                    let row: Float = 0.5 + 0.5 * Float(i)
                    let column: Float = 0.5 + 0.5 * Float(j)
                    expected.append(3 * row + column)
                }
            }
            expectClose(try inner.toArray(Float.self), expected, tolerance: 1e-5, "inner")
            let full = try CropAndResize(cropSize: 2)(
                features: features, rois: Tensor([Float(0), 0, 32, 32], shape: [1, 1, 4]), imageHeight: 33, imageWidth: 33)
            expectClose(try full.toArray(Float.self), [0, 2, 6, 8], "corners")
            let centre = try CropAndResize(cropSize: 1)(
                features: features, rois: Tensor([Float(8), 8, 24, 24], shape: [1, 1, 4]), imageHeight: 33, imageWidth: 33)
            expectClose(try centre.toArray(Float.self), [4], "centre")
        }

        /// Random features and RoIs (2 images × 3 RoIs, 2 channels, 4×4 crops) equal a direct bilinear evaluation of
        /// y = ny1·(Hf−1) + i·(ny2−ny1)·(Hf−1)/(p−1) (x likewise).
        @Test func equalsDirectBilinear() throws {
            Runtime.manualSeed(11)
            let (batch, channels, fh, fw, p, imageH, imageW) = (2, 2, 5, 7, 4, 80, 112)
            let features = try Tensor.randn([batch, channels, fh, fw])
            var generator = DetectionRandom(seed: 2)
            var rois: [Float] = []
            for _ in 0..<(batch * 3) {
                let y1 = Float.random(in: 0..<60, using: &generator), x1 = Float.random(in: 0..<90, using: &generator)
                rois += [y1, x1, Float.random(in: y1..<79, using: &generator), Float.random(in: x1..<111, using: &generator)]
            }
            let crops = try CropAndResize(cropSize: p)(
                features: features, rois: Tensor(rois, shape: [batch, 3, 4]), imageHeight: imageH, imageWidth: imageW)
            #expect(crops.shape == [batch * 3, channels, p, p])
            let values = try features.toArray(Float.self)
            func at(_ n: Int, _ c: Int, _ y: Int, _ x: Int) -> Float { values[((n * channels + c) * fh + y) * fw + x] }
            var expected: [Float] = []
            for r in 0..<(batch * 3) {
                let n = r / 3
                let box = rois[(4 * r)..<(4 * r + 4)].map { $0 }
                let (ny1, nx1, ny2, nx2) = (box[0] / Float(imageH - 1), box[1] / Float(imageW - 1),
                                            box[2] / Float(imageH - 1), box[3] / Float(imageW - 1))
                for c in 0..<channels {
                    for i in 0..<p {
                        for j in 0..<p {
                            let y = ny1 * Float(fh - 1) + Float(i) * (ny2 - ny1) * Float(fh - 1) / Float(p - 1)
                            let x = nx1 * Float(fw - 1) + Float(j) * (nx2 - nx1) * Float(fw - 1) / Float(p - 1)
                            let (y0, x0) = (Int(y.rounded(.down)), Int(x.rounded(.down)))
                            let (y1, x1) = (min(y0 + 1, fh - 1), min(x0 + 1, fw - 1))
                            let (dy, dx) = (y - Float(y0), x - Float(x0))
                            let top = at(n, c, y0, x0) * (1 - dx) + at(n, c, y0, x1) * dx
                            let bottom = at(n, c, y1, x0) * (1 - dx) + at(n, c, y1, x1) * dx
                            expected.append(top * (1 - dy) + bottom * dy)
                        }
                    }
                }
            }
            expectClose(try crops.toArray(Float.self), expected, tolerance: 1e-4, "crops")
        }

        /// Gradients reach the feature map, not the boxes.
        @Test func gradientsFlowToFeaturesOnly() throws {
            let features = try Tensor.randn([1, 2, 4, 4])
            try features.setRequiresGrad()
            let rois = try Tensor([Float(2), 3, 40, 50], shape: [1, 1, 4])
            try rois.setRequiresGrad()
            let crops = try CropAndResize(cropSize: 2)(features: features, rois: rois, imageHeight: 64, imageWidth: 64)
            try crops.sum().backward()
            #expect(features.grad != nil)
            #expect(abs(try features.grad!.sum().item() - 8) < 1e-4, "each of the 8 samples spreads weight 1")
            #expect(rois.grad == nil)
        }
    }
}
