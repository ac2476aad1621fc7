import Foundation

/// Counts the floating-point operations of the convolutions and matrix products (``Tensor/conv2d(weight:bias:stride:padding:dilation:groups:)``,
/// ``Tensor/linear(weight:bias:)``, ``Tensor/matmul(_:)``) that run inside ``counting(_:)`` on the current task.
///
/// One multiply-accumulate counts as 2 FLOPs; biases, activations, normalization and every other operation are
/// not counted. Only forward calls are seen: autograd's backward runs inside libtorch.
/// - conv2d: 2 · N · C_out · H_out · W_out · (C_in / groups) · k_h · k_w
/// - linear: 2 · rows · in · out
/// - matmul: 2 · (batch) · M · K · N
public final class FLOPCounter: @unchecked Sendable {
    @TaskLocal static var active: FLOPCounter?

    private let lock = NSLock()
    private var convolutionFLOPs = 0
    private var matrixFLOPs = 0

    private init() {}

    /// FLOPs of the convolutions seen.
    public var convolution: Int { lock.withLock { convolutionFLOPs } }
    /// FLOPs of the linear layers and matrix products seen.
    public var matrixMultiply: Int { lock.withLock { matrixFLOPs } }
    /// Both together.
    public var total: Int { convolution + matrixMultiply }

    /// Runs `body` and returns its result with the counter of the operations it ran.
    public static func counting<T>(_ body: () throws -> T) throws -> (result: T, flops: FLOPCounter) {
        let counter = FLOPCounter()
        let result = try $active.withValue(counter) { try body() }
        return (result, counter)
    }

    /// Records a conv2d from its weight [out, in/groups, kh, kw] and output [N, out, h, w] shapes.
    static func recordConvolution(weight: Tensor, output: Tensor) {
        guard let counter = active else { return }
        let (kernel, result) = (weight.shape, output.shape)
        guard kernel.count == 4, result.count == 4 else { return }
        let flops = 2 * result.reduce(1, *) * kernel[1] * kernel[2] * kernel[3]
        counter.lock.withLock { counter.convolutionFLOPs += flops }
    }

    /// Records a matrix product whose output has `outputElements` elements, each a sum over `inner` products.
    static func recordMatrixProduct(outputElements: Int, inner: Int) {
        guard let counter = active else { return }
        counter.lock.withLock { counter.matrixFLOPs += 2 * outputElements * inner }
    }

    /// Whether a counter is listening (so that callers skip reading shapes otherwise).
    static var isActive: Bool { active != nil }
}
