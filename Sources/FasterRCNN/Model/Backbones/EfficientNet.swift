import Foundation
import Torch

/// `efficientnet:b0`…`b7`: Keras-applications EfficientNet (TAO's template follows it), layer names `stem_conv`,
/// `stem_bn`, `block<stage><a,b,…>_{expand_conv,expand_bn,dwconv,bn,se_reduce,se_expand,project_conv,project_bn}`,
/// `top_conv`, `top_bn`. Activation swish (default) or relu; squeeze-excite ratio 0.25 (SE convs always have bias);
/// drop-connect rate `drop_connect_rate · b / blocks` on the b-th residual block.
/// Stages 1–5 reach stride 16; stages 6–7 (stage 6 strided only with pool_size_2x) → top_conv (1280·width) →
/// top_bn → activation → avg_pool are the head. Freeze ids: 0 = stem, 1–7 = stages (TAO does not check them).
enum EfficientNet {
    /// (width, depth) coefficients of b0…b7.
    static let coefficients: [(Double, Double)] =
        [(1.0, 1.0), (1.0, 1.1), (1.1, 1.2), (1.2, 1.4), (1.4, 1.8), (1.6, 2.2), (1.8, 2.6), (2.0, 3.1)]
    /// Base stages: (kernel, repeats, input filters, output filters, expansion, stride).
    static let stages: [(Int, Int, Int, Int, Int, Int)] = [
        (3, 1, 32, 16, 1, 1), (3, 2, 16, 24, 6, 2), (5, 2, 24, 40, 6, 2), (3, 3, 40, 80, 6, 2),
        (5, 3, 80, 112, 6, 1), (5, 4, 112, 192, 6, 2), (3, 1, 192, 320, 6, 1),
    ]

    /// Keras' round_filters: scale by width, round to a multiple of 8, never below 90 % of the scaled value.
    static func roundFilters(_ filters: Int, width: Double) -> Int {
        let scaled = Double(filters) * width
        var rounded = Swift.max(8, Int(scaled + 4) / 8 * 8)
        if Double(rounded) < 0.9 * scaled { rounded += 8 }
        return rounded
    }

    static func make(arch: String, variant: Int, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        let (width, depth) = coefficients[variant]
        let builder = LayerBuilder(path: path, options: options)
        let activation = options.activation == .relu ? Activation.relu : Activation.swish
        builder.block = 0
        let stem = roundFilters(32, width: width)
        var trunk: [any Module] = [
            try builder.convBN("stem_conv", "stem_bn", options.inputChannels, stem, kernel: 3, stride: 2, activation: activation),
        ]
        var head: [any Module] = []
        let repeats = stages.map { Int((depth * Double($0.1)).rounded(.up)) }
        let total = repeats.reduce(0, +)
        var counter = 0
        var channels = stem
        var featureChannels = 0
        for (index, (kernel, _, _, filtersOut, expansion, nominalStride)) in stages.enumerated() {
            let stage = index + 1
            builder.block = stage
            let out = roundFilters(filtersOut, width: width)
            for unit in 0..<repeats[index] {
                let stride = unit > 0 || (stage == 6 && !options.poolSize2x) ? 1 : nominalStride
                let block = try mbConv(
                    builder, name: "block\(stage)\(unitLetter(unit))_", inChannels: channels, outChannels: out,
                    kernel: kernel, stride: stride, expansion: expansion, activation: activation,
                    dropRate: options.dropConnectRate * Double(counter) / Double(total))
                if stage <= 5 { trunk.append(block) } else { head.append(block) }
                channels = out
                counter += 1
            }
            if stage == 5 { featureChannels = channels }
        }
        builder.block = nil
        let top = roundFilters(1280, width: width)
        head.append(try builder.convBN("top_conv", "top_bn", channels, top, kernel: 1, activation: activation))
        head.append(Pool.averageFlatten(options.poolSize))
        try builder.applyFreezeBlocks(arch: arch)
        return TAOBackbone(
            arch: arch, builder: builder, trunk: Sequential(trunk), featureChannels: featureChannels,
            head: Sequential(head), headOutputSize: top)
    }

    /// One MBConv block: (expand 1×1) → depthwise k×k → squeeze-excite → project 1×1; with stride 1 and equal
    /// channels, drop-connect and the identity shortcut.
    static func mbConv(
        _ builder: LayerBuilder, name: String, inChannels: Int, outChannels: Int, kernel: Int, stride: Int,
        expansion: Int, activation: Lambda, dropRate: Double
    ) throws -> any Module {
        let expanded = inChannels * expansion
        var main: [any Module] = []
        if expansion != 1 {
            main.append(try builder.convBN("\(name)expand_conv", "\(name)expand_bn", inChannels, expanded, kernel: 1, activation: activation))
        }
        main.append(try builder.convBN(
            "\(name)dwconv", "\(name)bn", expanded, expanded, kernel: kernel, stride: stride, groups: expanded,
            activation: activation))
        let squeezed = Swift.max(1, Int(Double(inChannels) * 0.25))
        main.append(SqueezeExcite(
            reduce: try builder.conv("\(name)se_reduce", expanded, squeezed, kernel: 1, bias: true),
            expand: try builder.conv("\(name)se_expand", squeezed, expanded, kernel: 1, bias: true),
            activation: activation))
        main.append(try builder.convBN("\(name)project_conv", "\(name)project_bn", expanded, outChannels, kernel: 1, activation: nil))
        guard stride == 1 && inChannels == outChannels else { return Sequential(main) }
        if dropRate > 0 { main.append(DropConnect(builder.path.store, rate: dropRate)) }
        return Residual(main: Sequential(main), shortcut: nil, activation: nil)
    }
}

/// x · sigmoid(expand(activation(reduce(mean over H, W of x)))).
final class SqueezeExcite: Module {
    let reduce: Conv2d
    let expand: Conv2d
    let activation: Lambda

    init(reduce: Conv2d, expand: Conv2d, activation: Lambda) {
        self.reduce = reduce
        self.expand = expand
        self.activation = activation
    }

    func callAsFunction(_ input: Tensor) throws -> Tensor {
        let pooled = try input.mean(dims: [2, 3], keepDim: true)
        return try input * expand(activation(reduce(pooled))).sigmoid()
    }
}

/// Stochastic depth: in training, zeroes each sample's residual branch with probability `rate` and scales the
/// kept ones by 1/(1−rate) (Keras' Dropout with noise shape [N, 1, 1, 1]); identity in eval mode.
final class DropConnect: Module {
    let rate: Double
    private let store: ParameterStore

    init(_ store: ParameterStore, rate: Double) {
        self.store = store
        self.rate = rate
    }

    func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard store.isTraining, rate > 0 else { return input }
        let keep = 1 - rate
        let noise = try Tensor.rand([input.shape[0], 1, 1, 1], dtype: input.dtype, device: input.device)
        return try input * ((noise + keep).floor() / keep)
    }
}
