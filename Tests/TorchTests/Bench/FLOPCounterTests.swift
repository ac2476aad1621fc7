import Testing
@testable import Torch

extension TorchSuite {
    /// FLOP counts of conv2d, linear and matmul against hand-computed values (2 FLOPs per multiply-accumulate).
    @Suite struct FLOPCounterTests {
        @Test func convolutionCountsOutputElementsTimesKernelVolume() throws {
            let input = try Tensor.randn([2, 3, 10, 12])
            let weight = try Tensor.randn([4, 3, 3, 3])
            let (output, flops) = try FLOPCounter.counting { try input.conv2d(weight: weight, padding: (1, 1)) }
            #expect(output.shape == [2, 4, 10, 12])
            // 2 · (2·4·10·12 outputs) · (3·3·3 products each)
            #expect(flops.convolution == 51_840)
            #expect(flops.matrixMultiply == 0)
        }

        @Test func groupedStridedConvolutionCountsInputChannelsPerGroup() throws {
            let input = try Tensor.randn([1, 4, 8, 8])
            let weight = try Tensor.randn([6, 2, 3, 3])
            let flops = try FLOPCounter.counting {
                _ = try input.conv2d(weight: weight, stride: (2, 2), padding: (1, 1), groups: 2)
            }.flops
            // Output [1, 6, 4, 4]: 2 · 96 · (2·3·3).
            #expect(flops.convolution == 3_456)
        }

        @Test func linearAndMatmulCountRowsTimesInnerTimesColumns() throws {
            let x = try Tensor.randn([5, 7]), w = try Tensor.randn([3, 7])
            let a = try Tensor.randn([2, 3, 4]), b = try Tensor.randn([2, 4, 5])
            let flops = try FLOPCounter.counting {
                _ = try x.linear(weight: w, bias: Tensor.zeros([3]))
                _ = try a.matmul(b)
            }.flops
            // linear 2·5·7·3 = 210; batched matmul 2·(2·3·5)·4 = 240.
            #expect(flops.matrixMultiply == 450)
            #expect(flops.convolution == 0)
            #expect(flops.total == 450)
        }

        @Test func onlyOperationsInsideTheBlockAreCounted() throws {
            let a = try Tensor.randn([8, 8])
            _ = try a.matmul(a)
            let flops = try FLOPCounter.counting { _ = try a.matmul(a) }.flops
            _ = try a.matmul(a)
            #expect(flops.total == 2 * 8 * 8 * 8)
            #expect(!FLOPCounter.isActive)
        }
    }
}
