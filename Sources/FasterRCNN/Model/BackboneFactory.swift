import Torch

/// Builds TAO backbones from the `model_config.arch` string.
public enum BackboneFactory {
    /// Every `arch` value TAO accepts.
    public static var architectures: [String] { BackboneArchitecture.validArchs }

    /// Builds the backbone for `arch` with its parameters under `path` (e.g. `store.root / "backbone"`). When the
    /// store holds stored shapes (``ParameterStore/shapes``, a pruned model), the layers take them and the
    /// backbone's channel counts are measured.
    public static func make(arch: String, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        let backbone = try build(arch: arch, options: options, path: path)
        if !path.store.shapes.isEmpty { try backbone.measureChannels() }
        return backbone
    }

    private static func build(arch: String, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        guard let parsed = BackboneArchitecture(arch: arch) else { throw BackboneError.unknownArch(arch) }
        try validate(arch: arch, options: options)
        switch parsed.family {
        case .resnet where parsed.isKerasApplicationsLayout:
            return try KerasResNet101.make(arch: arch, options: options, path: path)
        case .resnet:
            return try ResNet.make(arch: arch, depth: parsed.layers ?? 0, options: options, path: path)
        case .vgg:
            return try VGG.make(arch: arch, options: options, path: path)
        case .googlenet:
            return try GoogLeNet.make(arch: arch, options: options, path: path)
        case .mobilenetV1:
            return try MobileNet.makeV1(arch: arch, options: options, path: path)
        case .mobilenetV2:
            return try MobileNet.makeV2(arch: arch, options: options, path: path)
        case .darknet where parsed.layers == 19:
            return try DarkNet.make19(arch: arch, options: options, path: path)
        case .darknet:
            return try DarkNet.make53(arch: arch, options: options, path: path)
        case .efficientnet:
            guard let variant = parsed.variant.flatMap({ Int($0.dropFirst()) }) else { throw BackboneError.unknownArch(arch) }
            return try EfficientNet.make(arch: arch, variant: variant, options: options, path: path)
        }
    }

    private static func validate(arch: String, options: BackboneOptions) throws {
        guard [1, 3].contains(options.inputChannels) else {
            throw BackboneError.invalidOption(
                arch: arch, field: "input_image_config.image_type",
                message: "input channels must be 3 (RGB) or 1 (GRAY_SCALE), not \(options.inputChannels)")
        }
        guard options.poolSize > 0 else {
            throw BackboneError.invalidOption(arch: arch, field: "roi_pooling_config.pool_size", message: "must be > 0")
        }
        guard options.dropoutRate >= 0, options.dropoutRate < 1 else {
            throw BackboneError.invalidOption(arch: arch, field: "dropout_rate", message: "must be in [0, 1)")
        }
        guard options.dropConnectRate >= 0, options.dropConnectRate < 1 else {
            throw BackboneError.invalidOption(arch: arch, field: "drop_connect_rate", message: "must be in [0, 1)")
        }
    }
}
