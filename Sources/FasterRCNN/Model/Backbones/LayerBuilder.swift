import Torch

/// Creates a backbone's layers under one ``ParameterPath`` with TAO's conventions (batch-norm settings,
/// `use_bias`, `freeze_bn`) and records every layer's name and freeze id, so that `freeze_blocks` and
/// pretrained-weight loading can address layers by name.
final class LayerBuilder {
    let path: ParameterPath
    let options: BackboneOptions
    /// The freeze id given to the layers created from now on (nil: not freezable).
    var block: Int?
    private(set) var layers: [BackboneLayer] = []
    /// Every batch norm with its freeze id, to put frozen blocks' batch norms in inference mode.
    private var norms: [(norm: BatchNorm2d, block: Int?)] = []

    init(path: ParameterPath, options: BackboneOptions) {
        self.path = path
        self.options = options
    }

    /// A convolution with "same" padding (kernel/2 on each side); bias follows `use_bias` unless given.
    func conv(
        _ name: String, _ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1, groups: Int = 1,
        bias: Bool? = nil
    ) throws -> Conv2d {
        record(name)
        return try Conv2d(
            path / name, inChannels: inChannels, outChannels: outChannels, kernelSize: (kernel, kernel),
            stride: (stride, stride), padding: (kernel / 2, kernel / 2), groups: groups, bias: bias ?? options.useBias)
    }

    /// A batch norm with the options' momentum and epsilon (`eps`, the layer's Keras value, when the options keep
    /// Keras' per-layer values), frozen with `freeze_bn`.
    func batchNorm(_ name: String, _ channels: Int, eps: Double = 1e-3) throws -> BatchNorm2d {
        record(name)
        let settings = options.batchNorm
        let norm = try BatchNorm2d(path / name, channels: channels, momentum: settings.updateRate,
                                   eps: settings.epsilon ?? eps, frozen: options.freezeBN)
        norms.append((norm, block))
        return norm
    }

    /// A fully connected layer (always with bias, like Keras' Dense).
    func dense(_ name: String, _ inFeatures: Int, _ outFeatures: Int) throws -> Linear {
        record(name)
        return try Linear(path / name, inFeatures: inFeatures, outFeatures: outFeatures)
    }

    /// conv → batch norm → activation, the unit most templates repeat.
    func convBN(
        _ convName: String, _ bnName: String, _ inChannels: Int, _ outChannels: Int, kernel: Int, stride: Int = 1,
        groups: Int = 1, eps: Double = 1e-3, activation: Lambda?
    ) throws -> Sequential {
        let conv = try conv(convName, inChannels, outChannels, kernel: kernel, stride: stride, groups: groups)
        let norm = try batchNorm(bnName, outChannels, eps: eps)
        return Sequential([conv, norm] + (activation.map { [$0] } ?? []))
    }

    private func record(_ name: String) {
        layers.append(BackboneLayer(name: name, block: block))
    }

    /// Freezes every layer whose block id is in `freeze_blocks` (which also puts its batch norms in inference
    /// mode), after checking the ids against the set TAO allows for `arch` (``BackboneArchitecture/freezableBlocks``;
    /// not checked for EfficientNet, as in TAO).
    func applyFreezeBlocks(arch: String) throws {
        if let allowed = BackboneArchitecture(arch: arch)?.freezableBlocks,
            let bad = options.freezeBlocks.sorted().first(where: { !allowed.contains($0) }) {
            throw BackboneError.invalidFreezeBlock(arch: arch, id: bad, allowed: allowed)
        }
        for layer in layers where layer.block.map(options.freezeBlocks.contains) == true {
            try path.store.freeze(prefix: path.name(of: layer.name))
        }
        for (norm, block) in norms where block.map(options.freezeBlocks.contains) == true {
            try norm.setFrozen(true)  // inference mode: running statistics used, never updated
        }
    }
}

/// One named layer of a backbone and the `freeze_blocks` id it belongs to (nil: not freezable).
public struct BackboneLayer: Sendable, Equatable {
    /// The layer name (TAO/Keras style), the prefix of its parameter names under the backbone's path.
    public let name: String
    public let block: Int?
}

/// Activations as modules.
enum Activation {
    static var relu: Lambda { Lambda { try $0.relu() } }
    static var leaky: Lambda { Lambda { try $0.leakyRelu(slope: 0.1) } }
    static var swish: Lambda { Lambda { try $0.silu() } }
}
