import Torch

/// The VGG backbones and their fc head.
///
/// `vgg:16` / `vgg:19` follow NVIDIA's VGG template: CNNBlock units `block_<i><a,b,…>_conv_1` → `_bn_1` → ReLU
/// with 2, 2, 3|4, 3|4, 3|4 units of 64, 128, 256, 512, 512 channels; blocks 2–5 downsample with a stride-2 first
/// conv, or with use_pooling a 2×2 max pool after blocks 1–4. `vgg16` is the classic Keras VGG16 (`block1_conv1`…
/// `block5_conv3`, no batch norm, always with bias, 2×2 max pools after blocks 1–4). Both end at stride 16 after
/// block 5. Head: (2×2 max pool with pool_size_2x) → flatten → fc1 4096 ReLU → dropout → fc2 4096 ReLU → dropout.
/// Freeze ids: 1–5 = blocks 1–5.
enum VGG {
    static let widths = [64, 128, 256, 512, 512]

    static func make(arch: String, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        let builder = LayerBuilder(path: path, options: options)
        let classic = arch == "vgg16"
        let repeats = arch == "vgg:19" ? [2, 2, 4, 4, 4] : [2, 2, 3, 3, 3]
        var trunk: [any Module] = []
        var channels = options.inputChannels
        for (index, (units, width)) in zip(repeats, widths).enumerated() {
            let block = index + 1
            builder.block = block
            let pooled = classic || options.usePooling
            for unit in 0..<units {
                let stride = !pooled && block > 1 && unit == 0 ? 2 : 1
                if classic {
                    trunk.append(try builder.conv("block\(block)_conv\(unit + 1)", channels, width, kernel: 3, bias: true))
                    trunk.append(Activation.relu)
                } else {
                    let name = "block_\(block)\(unitLetter(unit))"
                    trunk.append(try builder.convBN(
                        "\(name)_conv_1", "\(name)_bn_1", channels, width, kernel: 3, stride: stride,
                        activation: Activation.relu))
                }
                channels = width
            }
            if pooled && block < 5 { trunk.append(Pool.max(2, stride: 2)) }
        }
        builder.block = nil
        let side = options.poolSize
        var head: [any Module] = options.poolSize2x ? [Pool.max(2, stride: 2)] : []
        head.append(Lambda { try $0.flatten(from: 1) })
        var inFeatures = channels * side * side
        for name in ["fc1", "fc2"] {
            head.append(try builder.dense(name, inFeatures, 4096))
            head.append(Activation.relu)
            if options.dropoutRate > 0 { head.append(try Dropout(path.store, p: options.dropoutRate)) }
            inFeatures = 4096
        }
        try builder.applyFreezeBlocks(arch: arch)
        return TAOBackbone(
            arch: arch, builder: builder, trunk: Sequential(trunk), featureChannels: channels, head: Sequential(head),
            headOutputSize: 4096)
    }
}
