import Torch

/// TAO's RPN: `rpn_conv1` (3×3, 512, ReLU, same padding) → `rpn_out_class` (1×1, A, sigmoid
/// objectness per anchor) and `rpn_out_regress` (1×1, 4A, linear; channel 4a+k is component k of (dx, dy, dw,
/// dh) of anchor a). Initial kernels follow keras-frcnn, from which TAO's model derives: normal(0, 0.05),
/// uniform(±0.05) and zeros; biases start at zero.
public final class RPNHead {
    public let conv: Conv2d
    public let classifier: Conv2d
    public let regressor: Conv2d

    /// Registers `rpn_conv1.*`, `rpn_out_class.*` and `rpn_out_regress.*` under `path`.
    public init(_ path: ParameterPath, inChannels: Int, anchorsPerCell: Int, hiddenChannels: Int = 512) throws {
        conv = try Conv2d(
            path / "rpn_conv1", inChannels: inChannels, outChannels: hiddenChannels, kernelSize: (3, 3),
            padding: (1, 1), weightInitializer: .normal(mean: 0, std: 0.05))
        classifier = try Conv2d(
            path / "rpn_out_class", inChannels: hiddenChannels, outChannels: anchorsPerCell, kernelSize: (1, 1),
            weightInitializer: .uniform(low: -0.05, high: 0.05))
        regressor = try Conv2d(
            path / "rpn_out_regress", inChannels: hiddenChannels, outChannels: 4 * anchorsPerCell, kernelSize: (1, 1),
            weightInitializer: .zeros)
    }

    /// Features [N, C, h, w] → objectness logits [N, A, h, w] (apply a sigmoid for TAO's scores) and deltas
    /// [N, 4A, h, w].
    public func callAsFunction(_ features: Tensor) throws -> (logits: Tensor, deltas: Tensor) {
        let hidden = try conv(features).relu()
        return (try classifier(hidden), try regressor(hidden))
    }
}
