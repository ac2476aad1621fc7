import Torch

/// NVIDIA's TAO ResNet templates (`resnet:10/18/34/50/101`, built from CNNBlock units).
///
/// conv1 7×7/2 (64) → bn_conv1 → ReLU (→ 3×3/2 max pool with use_pooling), then stages 1–3 to stride 16
/// (block_1a has stride 2 unless use_pooling; block_2a and block_3a stride 2); stage 4 is the RCNN head
/// (block_4a stride 2 only with pool_size_2x) followed by avg_pool over pool_size and flatten.
/// Units: basic (3×3, 3×3) for 10/18/34, bottleneck (1×1, 3×3, 1×1 with 4× expansion) for 50/101. The first unit
/// of each stage has a projection shortcut; with all_projections every unit does.
/// Freeze ids: 0 = conv1/bn_conv1, 1–3 = stages 1–3.
enum ResNet {
    static let repeats: [Int: [Int]] = [10: [1, 1, 1, 1], 18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 6, 3], 101: [3, 4, 23, 3]]

    static func make(arch: String, depth: Int, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        guard let repeats = repeats[depth] else { throw BackboneError.unknownArch(arch) }
        let builder = LayerBuilder(path: path, options: options)
        let bottleneck = depth >= 50
        builder.block = 0
        var trunk: [any Module] = [
            try builder.convBN("conv1", "bn_conv1", options.inputChannels, 64, kernel: 7, stride: 2, activation: Activation.relu),
        ]
        if options.usePooling { trunk.append(Pool.max(3, stride: 2)) }
        var head: [any Module] = []
        var channels = 64
        var featureChannels = 0
        for stage in 1...4 {
            builder.block = stage <= 3 ? stage : nil
            let width = 64 << (stage - 1)
            let filters = bottleneck ? [width, width, 4 * width] : [width, width]
            let kernels = bottleneck ? [1, 3, 1] : [3, 3]
            let firstStride = switch stage {
            case 1: options.usePooling ? 1 : 2
            case 4: options.poolSize2x ? 2 : 1
            default: 2
            }
            for index in 0..<repeats[stage - 1] {
                let unit = try builder.residualUnit(
                    .nvidia("block_\(stage)\(unitLetter(index))"), inChannels: channels, kernels: kernels,
                    filters: filters, stride: index == 0 ? firstStride : 1, project: index == 0 || options.allProjections)
                if stage <= 3 { trunk.append(unit) } else { head.append(unit) }
                channels = filters.last!
            }
            if stage == 3 { featureChannels = channels }
        }
        head.append(Pool.averageFlatten(options.poolSize))
        try builder.applyFreezeBlocks(arch: arch)
        return TAOBackbone(
            arch: arch, builder: builder, trunk: Sequential(trunk), featureChannels: featureChannels,
            head: Sequential(head), headOutputSize: channels)
    }
}
