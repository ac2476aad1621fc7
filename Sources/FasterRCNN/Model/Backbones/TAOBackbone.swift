import Torch

/// The backbone every TAO family builds: a stride-16 trunk and a per-RoI head, with the named layers
/// (``layers``) that `freeze_blocks` and pretrained-weight loading address.
public final class TAOBackbone: Backbone {
    /// The `arch` string it was built for, e.g. `resnet:18`.
    public let arch: String
    public private(set) var featureChannels: Int
    public private(set) var headOutputSize: Int
    /// Every layer with parameters, in creation order; parameter names are `path.<layer>.<weight|bias|…>`.
    public let layers: [BackboneLayer]
    /// Where the parameters live.
    public let path: ParameterPath
    /// The options it was built with.
    public let options: BackboneOptions
    /// The layers to stride 16 (``features(_:)``).
    let trunk: any Module
    /// The per-RoI head (``head(_:)``).
    let top: any Module

    init(
        arch: String, builder: LayerBuilder, trunk: any Module, featureChannels: Int, head: any Module,
        headOutputSize: Int
    ) {
        self.arch = arch
        self.layers = builder.layers
        self.path = builder.path
        self.options = builder.options
        self.trunk = trunk
        self.top = head
        self.featureChannels = featureChannels
        self.headOutputSize = headOutputSize
    }

    public func features(_ images: Tensor) throws -> Tensor {
        guard images.rank == 4, images.shape[1] == options.inputChannels else {
            throw BackboneError.badInput(arch: arch, what: "images", shape: images.shape, expected: "[N, \(options.inputChannels), H, W]")
        }
        return try trunk(images.contiguous(format: options.memoryFormat))
    }

    public func head(_ crops: Tensor) throws -> Tensor {
        let side = options.cropSize
        guard crops.rank == 4, crops.shape[1] == featureChannels, crops.shape[2] == side, crops.shape[3] == side else {
            throw BackboneError.badInput(
                arch: arch, what: "RoI crops", shape: crops.shape, expected: "[R, \(featureChannels), \(side), \(side)]")
        }
        return try top(crops.contiguous(format: options.memoryFormat))
    }

    /// Sets ``featureChannels`` and ``headOutputSize`` from what the layers give on a small blank image, for a
    /// backbone whose tensors took their shapes from the store (``ParameterStore/shapes``: a pruned model).
    func measureChannels() throws {
        let store = path.store
        let wasTraining = store.isTraining
        store.isTraining = false
        defer { store.isTraining = wasTraining }
        try noGrad {
            let image = try Tensor.zeros([1, options.inputChannels, 64, 64], dtype: store.dtype, device: store.device)
            featureChannels = try trunk(image.contiguous(format: options.memoryFormat)).shape[1]
            let side = options.cropSize
            let crop = try Tensor.zeros([1, featureChannels, side, side], dtype: store.dtype, device: store.device)
            headOutputSize = try top(crop.contiguous(format: options.memoryFormat)).shape[1]
        }
    }

    /// The store's parameters (frozen or not) that belong to this backbone, in creation order.
    public var parameters: [ParameterStore.Entry] {
        let prefix = path.name.isEmpty ? "" : path.name + "."
        return path.store.parameters.filter { $0.name.hasPrefix(prefix) }
    }

    /// The number of parameter elements (weights, biases, batch-norm gamma/beta; not running statistics).
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.tensor.count } }
}

/// Errors building or running a backbone.
public enum BackboneError: Error, CustomStringConvertible, Equatable {
    case unknownArch(String)
    case invalidFreezeBlock(arch: String, id: Int, allowed: ClosedRange<Int>)
    case invalidOption(arch: String, field: String, message: String)
    case badInput(arch: String, what: String, shape: [Int], expected: String)

    public var description: String {
        switch self {
        case .unknownArch(let arch):
            "model_config.arch: unsupported architecture '\(arch)'; expected one of \(BackboneFactory.architectures.joined(separator: ", "))"
        case .invalidFreezeBlock(let arch, let id, let allowed):
            "model_config.freeze_blocks: block \(id) is not a block of \(arch) (allowed \(allowed.lowerBound)...\(allowed.upperBound))"
        case .invalidOption(let arch, let field, let message):
            "model_config.\(field): \(message) (arch \(arch))"
        case .badInput(let arch, let what, let shape, let expected):
            "\(arch) backbone: \(what) have shape \(shape), expected \(expected)"
        }
    }
}
