import Torch

/// The layer names of one residual unit: conv/BN names of its i-th convolution (1-based) and of its shortcut.
struct ResidualNames {
    let conv: (Int) -> String
    let bn: (Int) -> String
    let shortcutConv: String
    let shortcutBN: String

    /// NVIDIA CNNBlock names: `block_1a_conv_1`, `block_1a_bn_1`, …, `block_1a_conv_shortcut`, `block_1a_bn_shortcut`.
    static func nvidia(_ block: String) -> ResidualNames {
        ResidualNames(
            conv: { "\(block)_conv_\($0)" }, bn: { "\(block)_bn_\($0)" },
            shortcutConv: "\(block)_conv_shortcut", shortcutBN: "\(block)_bn_shortcut")
    }

    /// Keras-applications ResNet names: `conv2_block1_1_conv`, `conv2_block1_1_bn`, shortcut `conv2_block1_0_conv`.
    static func keras(_ block: String) -> ResidualNames {
        ResidualNames(
            conv: { "\(block)_\($0)_conv" }, bn: { "\(block)_\($0)_bn" },
            shortcutConv: "\(block)_0_conv", shortcutBN: "\(block)_0_bn")
    }
}

/// Lowercase letter of the i-th (0-based) unit of a stage: a, b, c, …
func unitLetter(_ index: Int) -> String {
    String(UnicodeScalar(UInt8(97 + index)))
}

extension LayerBuilder {
    /// A ResNet v1 unit: convolutions with the given kernels and filters, each followed by batch norm and ReLU
    /// (no ReLU after the last), the stride on the first convolution (NVIDIA's CNNBlock and Keras' ResNet both
    /// stride the first, 1×1 in bottlenecks); the shortcut is a 1×1 strided projection + BN when `project`,
    /// else the identity; ReLU after the sum.
    func residualUnit(
        _ names: ResidualNames, inChannels: Int, kernels: [Int], filters: [Int], stride: Int, project: Bool,
        eps: Double = 1e-3
    ) throws -> Residual {
        var main: [any Module] = []
        var channels = inChannels
        for (index, (kernel, width)) in zip(kernels, filters).enumerated() {
            let last = index == kernels.count - 1
            main.append(try convBN(
                names.conv(index + 1), names.bn(index + 1), channels, width, kernel: kernel,
                stride: index == 0 ? stride : 1, eps: eps, activation: last ? nil : Activation.relu))
            channels = width
        }
        let shortcut = project
            ? try convBN(names.shortcutConv, names.shortcutBN, inChannels, channels, kernel: 1, stride: stride, eps: eps, activation: nil)
            : nil
        return Residual(main: Sequential(main), shortcut: shortcut, activation: Activation.relu)
    }
}
