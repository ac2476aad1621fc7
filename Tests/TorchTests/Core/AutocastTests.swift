import Testing
@testable import Torch

extension TorchSuite {
    /// libtorch's autocast through the shim: inside a region convolutions and linear layers compute in bfloat16 on
    /// the CPU, parameters and their gradients stay float32, and the state is restored on leaving, also after an error
    /// and from nested regions.
    @Suite struct AutocastTests {
        @Test func lowerPrecisionInsideParametersStayFloat32() throws {
            let input = try Tensor.randn([2, 3, 8, 8])
            let weight = try Tensor.randn([4, 3, 3, 3])
            let dense = try Tensor.randn([5, 4])
            try weight.setRequiresGrad()
            try dense.setRequiresGrad()
            #expect(!Runtime.isAutocastEnabled())
            let (features, logits) = try Runtime.withAutocast(.bfloat16) {
                #expect(Runtime.isAutocastEnabled())
                let features = try input.conv2d(weight: weight, padding: (1, 1))
                let logits = try features.mean(dims: [2, 3]).linear(weight: dense)
                return (features, logits)
            }
            #expect(!Runtime.isAutocastEnabled())
            #expect(features.dtype == .bfloat16 && logits.dtype == .bfloat16)
            #expect(weight.dtype == .float32 && dense.dtype == .float32)
            try logits.to(dtype: .float32).sum().backward()
            #expect(weight.grad?.dtype == .float32 && dense.grad?.dtype == .float32)
            // Outside a region the same computation is float32 and close to the bfloat16 one.
            let reference = try input.conv2d(weight: weight, padding: (1, 1))
            #expect(reference.dtype == .float32)
            let difference = try (reference - features.to(dtype: .float32)).abs().max().item()
            #expect(difference < 0.1 * (try reference.abs().max().item()))
        }

        @Test func nestedRegionsAndErrorsRestoreTheState() throws {
            struct Expected: Error {}
            #expect(throws: Expected.self) {
                try Runtime.withAutocast(.bfloat16) {
                    try Runtime.withAutocast(.bfloat16) { #expect(Runtime.isAutocastEnabled()) }
                    #expect(Runtime.isAutocastEnabled())
                    throw Expected()
                }
            }
            #expect(!Runtime.isAutocastEnabled())
            #expect(try Tensor.randn([1, 2]).linear(weight: Tensor.randn([3, 2])).dtype == .float32)
        }
    }
}
