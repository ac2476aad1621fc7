import Testing
@testable import Torch

extension TorchSuite {
    /// What ``OperationTrace`` records: operations in order with their attributes, inputs and output; outputs of
    /// untraced operations marked; nothing recorded outside ``OperationTrace/recording(_:)``.
    @Suite struct OperationTraceTests {
        @Test func recordsOperationsInOrderWithTheirInputs() throws {
            let input = try Tensor.randn([1, 3, 8, 8])
            let weight = try Tensor.randn([4, 3, 3, 3])
            let (output, trace) = try OperationTrace.recording {
                try (input.conv2d(weight: weight, stride: (2, 2), padding: (1, 1)).relu() * 0.5).reshape([1, -1])
            }
            let steps = trace.steps
            #expect(steps.map(\.operation) == [
                .conv2d(stride: [2, 2], padding: [1, 1], dilation: [1, 1], groups: 1), .function(.relu),
                .scalarArithmetic(.multiply, 0.5), .reshape([1, -1]),
            ])
            #expect(steps[0].inputs.count == 2 && steps[0].inputs[0] === input && steps[0].inputs[1] === weight)
            #expect(steps[1].inputs[0] === steps[0].output && steps[3].output === output)
            #expect(!trace.madeByUntracedOperation(output))
        }

        @Test func marksTheOutputsOfUntracedOperations() throws {
            let input = try Tensor.randn([2, 3])
            let (sums, trace) = try OperationTrace.recording { try input.cumsum(dim: 1) }
            #expect(trace.steps.isEmpty && trace.madeByUntracedOperation(sums) && !trace.madeByUntracedOperation(input))
            let (_, training) = try OperationTrace.recording {
                try Tensor.randn([2, 3, 4, 4]).batchNorm(weight: Tensor.ones([3]), bias: Tensor.zeros([3]), runningMean: Tensor.zeros([3]),
                                                      runningVar: Tensor.ones([3]), training: true, momentum: 0.1, eps: 1e-5)
            }
            #expect(training.steps.map(\.operation) == [.unsupported("batch norm in training mode")])
        }

        @Test func recordsNothingOutsideARecording() throws {
            let (_, trace) = try OperationTrace.recording { try Tensor.randn([2]).relu() }
            _ = try Tensor.randn([2]).relu()
            #expect(trace.steps.count == 1 && !OperationTrace.isActive)
        }
    }
}
