import Testing
@testable import Torch

extension TorchSuite {
    /// Finite-difference checks (float64) of the layer, pooling, sampling and loss ops.
    @Suite struct NNGradientTests {
        @Test func convolution() throws {
            try expectGradientsMatch("conv2d", [.spread([1, 2, 5, 5]), .spread([4, 1, 3, 3]), .spread([4])]) {
                try $0[0].conv2d(weight: $0[1], bias: $0[2], stride: (2, 1), padding: (1, 1), dilation: (1, 2), groups: 2)
            }
            try expectGradientsMatch("padded", [.spread([1, 1, 2, 3])]) {
                try $0[0].padded(left: 0, right: 1, top: 2, bottom: 1, value: 0.5)
            }
            try expectGradientsMatch("conv2d channels last", [.spread([2, 3, 4, 4]), .spread([2, 3, 1, 1])]) {
                try $0[0].contiguous(format: .channelsLast).conv2d(weight: $0[1])
            }
        }

        @Test func batchNorm() throws {
            let input = CheckInput.spread([3, 2, 2, 2])
            try expectGradientsMatch("batchNorm training", [input, .spread([2], offset: 1), .spread([2])], tolerance: 1e-5) {
                try $0[0].batchNorm(
                    weight: $0[1], bias: $0[2], runningMean: Tensor.zeros([2], dtype: .float64),
                    runningVar: Tensor.ones([2], dtype: .float64), training: true, momentum: 0.1, eps: 1e-3)
            }
            let mean = try Tensor([0.2, -0.1] as [Double])
            let variance = try Tensor([0.5, 2] as [Double])
            try expectGradientsMatch("batchNorm eval", [input, .spread([2], offset: 1), .spread([2])]) {
                try $0[0].batchNorm(
                    weight: $0[1], bias: $0[2], runningMean: mean, runningVar: variance, training: false, momentum: 0.1,
                    eps: 1e-3)
            }
        }

        @Test func activations() throws {
            let x = CheckInput.spread([2, 5])
            try expectGradientsMatch("softmax", [x]) { try $0[0].softmax(dim: 1) }
            try expectGradientsMatch("logSoftmax", [x]) { try $0[0].logSoftmax(dim: 0) }
        }

        /// Dropout's gradient from one draw, checked by hand: every kept element passes 1/(1−p) of the gradient and
        /// carries x/(1−p), every dropped one carries and passes 0. (A finite-difference check would redraw the
        /// mask at every evaluation; reseeding the shared generator first races with tests running in parallel.)
        @Test func dropoutGradient() throws {
            let x = try Tensor((1...40).map { Double($0) / 10 }, shape: [4, 10])
            try x.setRequiresGrad()
            let y = try x.dropout(p: 0.3, training: true)
            try y.sum().backward()
            let (input, output, gradient) = (try x.toArray(Double.self), try y.toArray(Double.self), try x.grad!.toArray(Double.self))
            let scale = 1 / 0.7
            for index in input.indices {
                if output[index] == 0 {
                    #expect(gradient[index] == 0, "element \(index)")
                } else {
                    #expect(abs(gradient[index] - scale) < 1e-12 && abs(output[index] - input[index] * scale) < 1e-12, "element \(index)")
                }
            }
            let kept = output.filter { $0 != 0 }.count
            #expect(kept > 0 && kept < input.count, "40 draws at p = 0.3 keep some and drop some")
        }

        @Test func pooling() throws {
            let x = CheckInput.spread([1, 2, 5, 5])
            try expectGradientsMatch("maxPool2d", [x]) { try $0[0].maxPool2d(kernel: (2, 2)) }
            try expectGradientsMatch("maxPool2d padded ceil", [x]) {
                try $0[0].maxPool2d(kernel: (3, 3), stride: (2, 2), padding: (1, 1), ceilMode: true)
            }
            try expectGradientsMatch("avgPool2d", [x]) {
                try $0[0].avgPool2d(kernel: (2, 3), stride: (2, 1), padding: (1, 1), ceilMode: true, countIncludePad: false)
            }
            try expectGradientsMatch("adaptiveAvgPool2d", [x]) { try $0[0].adaptiveAvgPool2d(outputSize: (2, 3)) }
        }

        @Test func gridSample() throws {
            let grid = CheckInput.spread([1, 2, 3, 2], scale: 0.9)
            try expectGradientsMatch("gridSample bilinear", [.spread([1, 2, 3, 4]), grid]) {
                try $0[0].gridSample($0[1])
            }
            try expectGradientsMatch("gridSample aligned border", [.spread([1, 2, 3, 4]), .spread([1, 2, 3, 2], scale: 1.2)]) {
                try $0[0].gridSample($0[1], padding: .border, alignCorners: true)
            }
        }

        @Test func losses() throws {
            let logits = CheckInput.spread([4, 3], scale: 2)
            let probabilities = try Tensor([0, 1, 0.3, 1, 0, 0.8, 0, 0, 1, 0.5, 1, 0] as [Double], shape: [4, 3])
            let weight = try Tensor([1, 2, 0.5] as [Double])
            try expectGradientsMatch("bceWithLogits", [logits]) {
                try $0[0].binaryCrossEntropyWithLogits(target: probabilities, weight: weight, positiveWeight: weight * 2)
            }
            let labels = try Tensor([0, 2, 1, 2] as [Int64])
            try expectGradientsMatch("crossEntropy ignoreIndex", [logits]) {
                try $0[0].crossEntropy(target: labels, weight: weight, ignoreIndex: 1)
            }
            try expectGradientsMatch("crossEntropy smoothing sum", [logits]) {
                try $0[0].crossEntropy(target: labels, reduction: .sum, labelSmoothing: 0.1)
            }
            let target = CheckInput.spread([4, 3], offset: 0.05, scale: 1.5)
            try expectGradientsMatch("smoothL1", [logits, target]) {
                try $0[0].smoothL1(target: $0[1], reduction: .none, beta: 0.5)
            }
            try expectGradientsMatch("meanSquaredError", [logits, target]) { try $0[0].meanSquaredError(target: $0[1]) }
        }
    }
}
