import Torch

/// MobileNet V1 and V2, with the layer names of NVIDIA's TAO templates (which follow
/// Keras applications, batch norms lower-case `_bn`). Activations are ReLU, as TAO's templates build them
/// (`activation_type='relu'`; the Keras applications and torchvision use ReLU6); depthwise convolutions are 3×3.
enum MobileNet {
    /// `mobilenet_v1`: conv1 3×3/2 (32) → conv1_bn, then depthwise-separable blocks i = 1…13
    /// (`conv_dw_i` → `conv_dw_i_bn` → `conv_pw_i` → `conv_pw_i_bn`; strides 2 at blocks 2, 4, 6, 12).
    /// Blocks 1–11 reach stride 16; blocks 12 (stride 2 only with pool_size_2x) and 13 (1024) → avg_pool are the
    /// head. Freeze ids: 0 = conv1, 1–11 = blocks 1–11.
    static func makeV1(arch: String, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        let builder = LayerBuilder(path: path, options: options)
        let filters = [64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024]
        builder.block = 0
        var trunk: [any Module] = [
            try builder.convBN("conv1", "conv1_bn", options.inputChannels, 32, kernel: 3, stride: 2, activation: Activation.relu),
        ]
        var head: [any Module] = []
        var channels = 32
        for (index, width) in filters.enumerated() {
            let id = index + 1
            builder.block = id <= 11 ? id : nil
            let stride = [2, 4, 6].contains(id) || (id == 12 && options.poolSize2x) ? 2 : 1
            let unit = Sequential([
                try builder.convBN(
                    "conv_dw_\(id)", "conv_dw_\(id)_bn", channels, channels, kernel: 3, stride: stride, groups: channels,
                    activation: Activation.relu),
                try builder.convBN("conv_pw_\(id)", "conv_pw_\(id)_bn", channels, width, kernel: 1, activation: Activation.relu),
            ])
            if id <= 11 { trunk.append(unit) } else { head.append(unit) }
            channels = width
        }
        head.append(Pool.averageFlatten(options.poolSize))
        try builder.applyFreezeBlocks(arch: arch)
        return TAOBackbone(
            arch: arch, builder: builder, trunk: Sequential(trunk), featureChannels: 512, head: Sequential(head),
            headOutputSize: channels)
    }

    /// Inverted-residual settings of MobileNetV2 blocks 0…16: (output channels, stride, expansion).
    static let v2Blocks: [(Int, Int, Int)] =
        [(16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6), (32, 1, 6)]
        + [(64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6), (96, 1, 6), (96, 1, 6), (96, 1, 6)]
        + [(160, 2, 6), (160, 1, 6), (160, 1, 6), (320, 1, 6)]

    /// `mobilenet_v2`: conv1 3×3/2 (32) → bn_conv1 → ReLU, inverted-residual blocks 0–12 to stride 16
    /// (block 0 is `expanded_conv_depthwise`/`expanded_conv_project` without expansion; block k has
    /// `block_k_expand`, `block_k_depthwise`, `block_k_project`, each with `_bn`); the head is blocks 13–16
    /// (block 13 strided only with pool_size_2x) → conv_1 1×1 (1280) → conv_1_bn → ReLU → avg_pool.
    /// A block adds its input when stride 1 and channels match; with all_projections that input first goes
    /// through `block_k_projected_inputs`, a 1×1 convolution without batch norm, as in TAO's template. The
    /// other blocks have no shortcut either way. Freeze ids: 0 = conv1 and block 0, 1–13 = blocks.
    static func makeV2(arch: String, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        let builder = LayerBuilder(path: path, options: options)
        builder.block = 0
        var trunk: [any Module] = [
            try builder.convBN("conv1", "bn_conv1", options.inputChannels, 32, kernel: 3, stride: 2, activation: Activation.relu),
        ]
        var head: [any Module] = []
        var channels = 32
        for (id, (width, nominalStride, expansion)) in v2Blocks.enumerated() {
            builder.block = id <= 13 ? id : nil
            let stride = id == 13 && !options.poolSize2x ? 1 : nominalStride
            let name = id == 0 ? "expanded_conv" : "block_\(id)"
            var main: [any Module] = []
            let expanded = channels * expansion
            if expansion != 1 {
                main.append(try builder.convBN(
                    "\(name)_expand", "\(name)_expand_bn", channels, expanded, kernel: 1, activation: Activation.relu))
            }
            main.append(try builder.convBN(
                "\(name)_depthwise", "\(name)_depthwise_bn", expanded, expanded, kernel: 3, stride: stride,
                groups: expanded, activation: Activation.relu))
            main.append(try builder.convBN("\(name)_project", "\(name)_project_bn", expanded, width, kernel: 1, activation: nil))
            let unit: any Module = if stride == 1 && channels == width {
                Residual(main: Sequential(main),
                         shortcut: options.allProjections ? try builder.conv("\(name)_projected_inputs", channels, width, kernel: 1) : nil,
                         activation: nil)
            } else {
                Sequential(main)
            }
            if id <= 12 { trunk.append(unit) } else { head.append(unit) }
            channels = width
        }
        builder.block = nil
        head.append(try builder.convBN("conv_1", "conv_1_bn", channels, 1280, kernel: 1, activation: Activation.relu))
        head.append(Pool.averageFlatten(options.poolSize))
        try builder.applyFreezeBlocks(arch: arch)
        return TAOBackbone(
            arch: arch, builder: builder, trunk: Sequential(trunk), featureChannels: 96, head: Sequential(head),
            headOutputSize: 1280)
    }
}
