import Torch

/// `googlenet`: Inception v1 with batch norm; every convolution is followed by
/// `<name>_bn` and ReLU.
///
/// Stem: conv1 7×7/2 (64) → 3×3/2 max pool → conv2_reduce 1×1 (64) → conv2 3×3 (192) → 3×3/2 max pool;
/// inception_3a, 3b → 3×3/2 max pool → inception_4a…4e (stride 16). Head: (3×3/2 max pool with pool_size_2x)
/// → inception_5a, 5b → avg_pool. An Inception module `inception_<id>` concatenates `_1x1`,
/// `_3x3_reduce`→`_3x3`, `_5x5_reduce`→`_5x5` (a real 5×5) and 3×3/1 max pool→`_pool_proj`.
/// Freeze ids: 0 = stem, 1–7 = inception 3a, 3b, 4a, 4b, 4c, 4d, 4e.
enum GoogLeNet {
    /// (id, 1×1, 3×3 reduce, 3×3, 5×5 reduce, 5×5, pool projection).
    static let modules: [(String, Int, Int, Int, Int, Int, Int)] = [
        ("3a", 64, 96, 128, 16, 32, 32), ("3b", 128, 128, 192, 32, 96, 64),
        ("4a", 192, 96, 208, 16, 48, 64), ("4b", 160, 112, 224, 24, 64, 64), ("4c", 128, 128, 256, 24, 64, 64),
        ("4d", 112, 144, 288, 32, 64, 64), ("4e", 256, 160, 320, 32, 128, 128),
        ("5a", 256, 160, 320, 32, 128, 128), ("5b", 384, 192, 384, 48, 128, 128),
    ]

    static func make(arch: String, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        let builder = LayerBuilder(path: path, options: options)
        func unit(_ name: String, _ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1) throws -> Sequential {
            try builder.convBN(name, "\(name)_bn", inChannels, outChannels, kernel: kernel, stride: stride, activation: Activation.relu)
        }
        builder.block = 0
        var trunk: [any Module] = [
            try unit("conv1", options.inputChannels, 64, kernel: 7, stride: 2), Pool.max(3, stride: 2),
            try unit("conv2_reduce", 64, 64, kernel: 1), try unit("conv2", 64, 192, kernel: 3), Pool.max(3, stride: 2),
        ]
        var head: [any Module] = []
        var channels = 192
        var featureChannels = 0
        for (index, (id, c1, r3, c3, r5, c5, cp)) in modules.enumerated() {
            builder.block = index < 7 ? index + 1 : nil
            if id == "4a" { trunk.append(Pool.max(3, stride: 2)) }
            if id == "5a" && options.poolSize2x { head.append(Pool.max(3, stride: 2)) }
            let name = "inception_\(id)"
            let inception = Branches([
                try unit("\(name)_1x1", channels, c1, kernel: 1),
                Sequential([try unit("\(name)_3x3_reduce", channels, r3, kernel: 1), try unit("\(name)_3x3", r3, c3, kernel: 3)]),
                Sequential([try unit("\(name)_5x5_reduce", channels, r5, kernel: 1), try unit("\(name)_5x5", r5, c5, kernel: 5)]),
                Sequential([Pool.max(3, stride: 1), try unit("\(name)_pool_proj", channels, cp, kernel: 1)]),
            ])
            if index < 7 { trunk.append(inception) } else { head.append(inception) }
            channels = c1 + c3 + c5 + cp
            if id == "4e" { featureChannels = channels }
        }
        head.append(Pool.averageFlatten(options.poolSize))
        try builder.applyFreezeBlocks(arch: arch)
        return TAOBackbone(
            arch: arch, builder: builder, trunk: Sequential(trunk), featureChannels: featureChannels,
            head: Sequential(head), headOutputSize: channels)
    }
}
