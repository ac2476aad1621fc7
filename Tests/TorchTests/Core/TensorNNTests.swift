import Foundation
import Testing
@testable import Torch

extension TorchSuite {
    /// Forward values of the layer ops against hand-computed numbers.
    @Suite struct TensorNNTests {
        @Test func convolutionAndLinear() throws {
            let image = try Tensor.arange(1, 10, dtype: .float32).reshape([1, 1, 3, 3])
            let kernel = try Tensor([1, 0, 0, -1] as [Float], shape: [1, 1, 2, 2])
            // Each output is x[i][j] - x[i+1][j+1] = -4, plus bias 0.5.
            let out = try image.conv2d(weight: kernel, bias: Tensor([0.5] as [Float]))
            #expect(try out.toArray(Float.self) == [-3.5, -3.5, -3.5, -3.5])
            let padded = try image.conv2d(weight: Tensor.ones([1, 1, 3, 3]), stride: (2, 2), padding: (1, 1))
            #expect(try padded.toArray(Float.self) == [12, 16, 24, 28])
            let dilated = try image.conv2d(weight: Tensor.ones([1, 1, 2, 2]), dilation: (2, 2))
            #expect(try dilated.toArray(Float.self) == [20])
            // Keras 'same', 3×3 stride 2 on a 4×4 input: pad 0 top/left and 1 bottom/right; value = 4y + x.
            let square = try Tensor.arange(0, 16, dtype: .float32).reshape([1, 1, 4, 4])
            let same = try square.padded(left: 0, right: 1, top: 0, bottom: 1)
                .conv2d(weight: Tensor.ones([1, 1, 3, 3]), stride: (2, 2))
            #expect(try same.toArray(Float.self) == [45, 39, 66, 50])
            let x = try Tensor([1, 2] as [Float], shape: [1, 2])
            let y = try x.linear(weight: Tensor([1, 1, 2, -1] as [Float], shape: [2, 2]), bias: Tensor([0, 1] as [Float]))
            #expect(try y.toArray(Float.self) == [3, 1])
        }

        @Test func activations() throws {
            let x = try Tensor([-2, 0.5, 7] as [Float])
            #expect(try x.relu().toArray(Float.self) == [0, 0.5, 7])
            #expect(try x.relu6().toArray(Float.self) == [0, 0.5, 6])
            #expect(try x.leakyRelu(slope: 0.1).toArray(Float.self) == [-0.2, 0.5, 7])
            #expect(try abs(x.sigmoid().toArray(Float.self)[1] - Float(1 / (1 + exp(-0.5)))) < 1e-7)
            #expect(try abs(x.silu().toArray(Float.self)[0] - Float(-2 / (1 + exp(2.0)))) < 1e-7)
            let softmax = try Tensor([0, Foundation.log(3)] as [Double]).softmax(dim: 0).toArray(Double.self)
            #expect(abs(softmax[0] - 0.25) < 1e-12 && abs(softmax[1] - 0.75) < 1e-12)
            let logSoftmax = try Tensor([0, Foundation.log(3)] as [Double]).logSoftmax(dim: 0).toArray(Double.self)
            #expect(abs(logSoftmax[0] - Foundation.log(0.25)) < 1e-12)
            let ones = try Tensor.ones([1000])
            #expect(try ones.dropout(p: 0.5, training: false).toArray(Float.self) == [Float](repeating: 1, count: 1000))
            let dropped = try ones.dropout(p: 0.5, training: true).toArray(Float.self)
            #expect(Set(dropped) == [0, 2])
        }

        @Test func pooling() throws {
            let x = try Tensor.arange(0, 16, dtype: .float32).reshape([1, 1, 4, 4])
            #expect(try x.maxPool2d(kernel: (2, 2)).toArray(Float.self) == [5, 7, 13, 15])
            #expect(try x.avgPool2d(kernel: (2, 2)).toArray(Float.self) == [2.5, 4.5, 10.5, 12.5])
            #expect(try x.maxPool2d(kernel: (3, 3), stride: (2, 2), ceilMode: true).shape == [1, 1, 2, 2])
            #expect(try x.adaptiveAvgPool2d(outputSize: (1, 1)).toArray(Float.self) == [7.5])
            #expect(try x.avgPool2d(kernel: (2, 2), padding: (1, 1), countIncludePad: false).toArray(Float.self)[0] == 0)
        }

        /// Crop-and-resize with grid sampling: the centres of a 2×2 output over a box cover its bilinear samples.
        @Test func gridSampleCropsBilinearly() throws {
            let feature = try Tensor.arange(0, 16, dtype: .float32).reshape([1, 1, 4, 4])  // value = 4y + x
            // With alignCorners, x_norm = -1 + 2x/3. Sample at pixel (x, y) = (0.5, 1.0) and (2.0, 2.5).
            let points: [Float] = [-1 + 1.0 / 3, -1 + 2.0 / 3, -1 + 4.0 / 3, -1 + 5.0 / 3]
            let grid = try Tensor(points, shape: [1, 1, 2, 2])
            let sampled = try feature.gridSample(grid, alignCorners: true).toArray(Float.self)
            #expect(abs(sampled[0] - 4.5) < 1e-5 && abs(sampled[1] - 12) < 1e-5)
            let outside = try feature.gridSample(Tensor([3, 3] as [Float], shape: [1, 1, 1, 2])).toArray(Float.self)
            #expect(outside == [0])
            #expect(throws: TorchError.self) { try feature.gridSample(Tensor.zeros([1, 1, 1, 3])) }
        }

        @Test func losses() throws {
            let logits = try Tensor([0, 2] as [Double])
            let target = try Tensor([1, 0] as [Double])
            // BCE: -log σ(0) = log 2 and -log(1 - σ(2)) = log(1 + e²).
            let bce = try logits.binaryCrossEntropyWithLogits(target: target, reduction: .none).toArray(Double.self)
            #expect(abs(bce[0] - Foundation.log(2)) < 1e-12 && abs(bce[1] - Foundation.log(1 + exp(2))) < 1e-12)
            let weighted = try logits.binaryCrossEntropyWithLogits(
                target: target, positiveWeight: Tensor([3, 3] as [Double]), reduction: .sum)
            #expect(try abs(weighted.item() - (3 * Foundation.log(2) + Foundation.log(1 + exp(2)))) < 1e-12)
            let scores = try Tensor([0, 0, Foundation.log(2), 0] as [Double], shape: [2, 2])
            let ce = try scores.crossEntropy(target: Tensor([0, 1] as [Int64]), reduction: .none).toArray(Double.self)
            #expect(abs(ce[0] - Foundation.log(2)) < 1e-12 && abs(ce[1] - Foundation.log(3)) < 1e-12)
            let ignored = try scores.crossEntropy(target: Tensor([0, -1] as [Int64]), ignoreIndex: -1).item()
            #expect(abs(ignored - Foundation.log(2)) < 1e-12, "ignored targets are left out of the mean")
            let smooth = try Tensor([0, 0.5, 3] as [Double]).smoothL1(target: Tensor.zeros([3], dtype: .float64), reduction: .none)
            #expect(try smooth.toArray(Double.self) == [0, 0.125, 2.5])
            #expect(try Tensor([1, 3] as [Double]).meanSquaredError(target: Tensor([0, 0] as [Double])).item() == 5)
            #expect(throws: TorchError.self) { try scores.crossEntropy(target: Tensor([0, 5] as [Int64])) }
        }
    }
}
