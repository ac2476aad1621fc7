import Torch

/// DarkNet 19 and 53: every convolution is followed by batch norm and LeakyReLU(0.1).
/// Layer names: stem `conv1`/`bn1`; stage k (1–5) convolutions `b<k>_conv<j>` / `b<k>_bn<j>`, numbered in order.
/// Stages 0–4 reach stride 16; stage 5 (stride 2 only with pool_size_2x) → avg_pool is the head.
/// Freeze ids: 0 = stem, 1–5 = stages 1–5.
enum DarkNet {
    /// `darknet:19`: stem 3×3 (32) → 2×2 max pool; stages 64 | 128,64,128 | 256,128,256 |
    /// 512,256,512,256,512 | 1024,512,1024,512,1024 (alternating 3×3 and 1×1), 2×2 max pools after stages 1–3
    /// and, with pool_size_2x, at the start of the head.
    static func make19(arch: String, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        let builder = LayerBuilder(path: path, options: options)
        builder.block = 0
        var trunk: [any Module] = [
            try builder.convBN("conv1", "bn1", options.inputChannels, 32, kernel: 3, activation: Activation.leaky),
            Pool.max(2, stride: 2),
        ]
        var head: [any Module] = options.poolSize2x ? [Pool.max(2, stride: 2)] : []
        var channels = 32
        for stage in 1...5 {
            builder.block = stage
            let wide = 32 << stage
            let count = [1, 3, 3, 5, 5][stage - 1]
            var layers: [any Module] = []
            for index in 0..<count {
                let width = index % 2 == 0 ? wide : wide / 2
                layers.append(try builder.convBN(
                    "b\(stage)_conv\(index + 1)", "b\(stage)_bn\(index + 1)", channels, width,
                    kernel: index % 2 == 0 ? 3 : 1, activation: Activation.leaky))
                channels = width
            }
            if stage <= 3 { layers.append(Pool.max(2, stride: 2)) }
            if stage <= 4 { trunk += layers } else { head += layers }
        }
        return try finish(arch: arch, builder: builder, trunk: trunk, head: head, channels: channels)
    }

    /// `darknet:53`: stem 3×3 (32); stage k: a 3×3 stride-2 downsampling conv (64·2^(k−1) channels; with
    /// use_pooling stride 1 followed by a 2×2 max pool) then [1, 2, 8, 8, 4] residual units
    /// (1×1 half width → 3×3 full width, linear sum).
    static func make53(arch: String, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        let builder = LayerBuilder(path: path, options: options)
        builder.block = 0
        var trunk: [any Module] = [
            try builder.convBN("conv1", "bn1", options.inputChannels, 32, kernel: 3, activation: Activation.leaky),
        ]
        var head: [any Module] = []
        var channels = 32
        for (stage, units) in zip(1...5, [1, 2, 8, 8, 4]) {
            builder.block = stage
            let width = 32 << stage
            let downsample = stage < 5 || options.poolSize2x
            let stride = downsample && !options.usePooling ? 2 : 1
            var layers: [any Module] = [
                try builder.convBN("b\(stage)_conv1", "b\(stage)_bn1", channels, width, kernel: 3, stride: stride, activation: Activation.leaky),
            ]
            if downsample && options.usePooling { layers.append(Pool.max(2, stride: 2)) }
            for unit in 0..<units {
                let (first, second) = (2 * unit + 2, 2 * unit + 3)
                let main = Sequential([
                    try builder.convBN("b\(stage)_conv\(first)", "b\(stage)_bn\(first)", width, width / 2, kernel: 1, activation: Activation.leaky),
                    try builder.convBN("b\(stage)_conv\(second)", "b\(stage)_bn\(second)", width / 2, width, kernel: 3, activation: Activation.leaky),
                ])
                layers.append(Residual(main: main, shortcut: nil, activation: nil))
            }
            channels = width
            if stage <= 4 { trunk += layers } else { head += layers }
        }
        return try finish(arch: arch, builder: builder, trunk: trunk, head: head, channels: channels)
    }

    private static func finish(
        arch: String, builder: LayerBuilder, trunk: [any Module], head: [any Module], channels: Int
    ) throws -> TAOBackbone {
        try builder.applyFreezeBlocks(arch: arch)
        return TAOBackbone(
            arch: arch, builder: builder, trunk: Sequential(trunk), featureChannels: channels / 2,
            head: Sequential(head + [Pool.averageFlatten(builder.options.poolSize)]), headOutputSize: channels)
    }
}
