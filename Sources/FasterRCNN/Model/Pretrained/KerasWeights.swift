import Torch

/// Keras weights in this tool's names and layouts: `<layer>.<weight|bias|running_mean|running_var>`, ready for
/// ``PretrainedWeights/load(_:into:naming:)`` with ``PretrainedWeights/Naming/native``.
///
/// Layout transforms (Keras 2 and 3 files store kernels channels-last even for TAO's channels-first models):
/// - Conv2D `kernel` (kh, kw, in, out) → (out, in, kh, kw), i.e. HWIO → OIHW.
/// - DepthwiseConv2D `depthwise_kernel` (kh, kw, in, multiplier) → (in·multiplier, 1, kh, kw): output channel
///   `c·multiplier + m` reads input channel `c`, as a grouped convolution with `groups = in` does.
/// - Dense `kernel` (in, out) → (out, in). A Dense after Flatten reads the features in the order of the model's
///   own data format: channel-major for TAO's channels-first models, which is this tool's order.
/// - BatchNormalization gamma, beta, moving_mean, moving_variance → weight, bias, running_mean, running_var.
enum KerasWeights {
    /// The converted tensors of every backbone layer the file has (by its own name or a known alias).
    static func tensors(from file: KerasWeightFile, for backbone: TAOBackbone) throws -> [String: Tensor] {
        let store = backbone.path.store
        var tensors: [String: Tensor] = [:]
        for layer in backbone.layers {
            guard let weights = aliases(of: layer.name, arch: backbone.arch).lazy.compactMap({ file.layers[$0] }).first
            else { continue }
            let prefix = backbone.path.name(of: layer.name) + "."
            let targets = store.all.filter { $0.name.hasPrefix(prefix) }
            let suffixes = targets.map { String($0.name.dropFirst(prefix.count)) }
            let shapes = Dictionary(uniqueKeysWithValues: zip(suffixes, targets.map(\.tensor.shape)))
            for (suffix, weight) in pairs(suffixes: suffixes, weights: weights, layout: file.layout) {
                guard let shape = shapes[suffix] else { continue }
                let (dims, values) = try file.values(of: weight)
                tensors[layer.name + "." + suffix] = try ourLayout(Tensor(values, shape: dims), target: shape)
            }
        }
        return tensors
    }

    /// The file's layer names that may hold `layer`: its own name, and for NVIDIA's VGG template the Keras
    /// Applications VGG name of the same convolution (`block_3b_conv_1` ← `block3_conv2`), so that a stock Keras
    /// VGG16/19 file initialises `vgg:16`/`vgg:19`'s convolutions (their batch norms have no counterpart).
    static func aliases(of layer: String, arch: String) -> [String] {
        guard arch == "vgg:16" || arch == "vgg:19", layer.hasPrefix("block_"), layer.hasSuffix("_conv_1") else { return [layer] }
        let unit = Array(layer.dropFirst(6).dropLast(7))  // "3b"
        guard unit.count == 2, let block = unit.first, block.isNumber, let letter = unit.last?.asciiValue,
            letter >= 97 else { return [layer] }
        return [layer, "block\(block)_conv\(Int(letter) - 96)"]
    }

    /// Which of the file's weights fills which of our tensors. Keras 2 names its weights; Keras 3 numbers them in
    /// the layer's order, which is ours (kernel, bias; gamma, beta, moving mean, moving variance). A batch norm
    /// without all four (Keras' `center` or `scale` off) is left unmatched rather than guessed.
    static func pairs(suffixes: [String], weights: [KerasWeightFile.Weight], layout: KerasWeightFile.Layout)
        -> [(String, KerasWeightFile.Weight)]
    {
        guard layout == .keras3 else {
            let names = ["kernel": "weight", "depthwise_kernel": "weight", "bias": "bias", "gamma": "weight",
                         "beta": "bias", "moving_mean": "running_mean", "moving_variance": "running_var"]
            return weights.compactMap { weight in names[weight.name].map { ($0, weight) } }
        }
        if suffixes.contains("running_mean") && weights.count != 4 { return [] }
        return Array(zip(suffixes, weights))
    }

    /// `tensor` from Keras' layout to ours, given our tensor's shape `target` (see the type's documentation).
    static func ourLayout(_ tensor: Tensor, target: [Int]) throws -> Tensor {
        switch tensor.rank {
        case 4 where target.count == 4 && target[1] == 1:
            let (kh, kw, input, multiplier) = (tensor.shape[0], tensor.shape[1], tensor.shape[2], tensor.shape[3])
            return try tensor.permute([2, 3, 0, 1]).contiguous().reshape([input * multiplier, 1, kh, kw])
        case 4: return try tensor.permute([3, 2, 0, 1]).contiguous()
        case 2: return try tensor.transpose(0, 1).contiguous()
        default: return tensor
        }
    }
}
