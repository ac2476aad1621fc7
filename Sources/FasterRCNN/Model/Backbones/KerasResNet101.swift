import Torch

/// `resnet101`: the Keras-applications ResNet101 (v1) that TAO also accepts, with Keras layer names and
/// batch-norm epsilon 1.001e-5.
///
/// conv1_conv 7×7/2 (64) → conv1_bn → ReLU → 3×3/2 max pool, stacks conv2 (3 units), conv3 (4), conv4 (23) of
/// bottleneck units (first unit of each stack with a `_0_conv` projection shortcut; conv3/conv4 stride 2)
/// to stride 16; stack conv5 (3 units, stride 2 only with pool_size_2x) → avg_pool → flatten is the head.
/// Freeze ids: 0 = conv1, 1–3 = stacks conv2–conv4.
enum KerasResNet101 {
    static let eps = 1.001e-5

    static func make(arch: String, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        let builder = LayerBuilder(path: path, options: options)
        builder.block = 0
        var trunk: [any Module] = [
            try builder.convBN(
                "conv1_conv", "conv1_bn", options.inputChannels, 64, kernel: 7, stride: 2, eps: eps,
                activation: Activation.relu),
            Pool.max(3, stride: 2),
        ]
        var head: [any Module] = []
        var channels = 64
        for (stack, units) in zip(2...5, [3, 4, 23, 3]) {
            builder.block = stack <= 4 ? stack - 1 : nil
            let width = 64 << (stack - 2)
            let firstStride = switch stack {
            case 2: 1
            case 5: options.poolSize2x ? 2 : 1
            default: 2
            }
            for index in 0..<units {
                let unit = try builder.residualUnit(
                    .keras("conv\(stack)_block\(index + 1)"), inChannels: channels, kernels: [1, 3, 1],
                    filters: [width, width, 4 * width], stride: index == 0 ? firstStride : 1,
                    project: index == 0 || options.allProjections, eps: eps)
                if stack <= 4 { trunk.append(unit) } else { head.append(unit) }
                channels = 4 * width
            }
        }
        head.append(Pool.averageFlatten(options.poolSize))
        try builder.applyFreezeBlocks(arch: arch)
        return TAOBackbone(
            arch: arch, builder: builder, trunk: Sequential(trunk), featureChannels: 1024, head: Sequential(head),
            headOutputSize: channels)
    }
}
