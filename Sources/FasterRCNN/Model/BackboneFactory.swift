import Torch

/// Builds TAO backbones from the `model_config.arch` string.
public enum BackboneFactory {
    /// Every `arch` value TAO accepts (reference §1.2).
    public static let architectures: [String] =
        ["resnet:10", "resnet:18", "resnet:34", "resnet:50", "resnet:101", "resnet101", "vgg:16", "vgg:19", "vgg16",
         "googlenet", "mobilenet_v1", "mobilenet_v2", "darknet:19", "darknet:53"]
        + (0...7).map { "efficientnet:b\($0)" }

    /// Builds the backbone for `arch` with its parameters under `path` (e.g. `store.root / "backbone"`).
    public static func make(arch: String, options: BackboneOptions, path: ParameterPath) throws -> TAOBackbone {
        try validate(arch: arch, options: options)
        let parts = arch.split(separator: ":", maxSplits: 1).map(String.init)
        let family = parts[0]
        let variant = parts.count > 1 ? parts[1] : ""
        switch (family, variant) {
        case ("resnet", let depth):
            return try ResNet.make(arch: arch, depth: Int(depth)!, options: options, path: path)
        case ("resnet101", _):
            return try KerasResNet101.make(arch: arch, options: options, path: path)
        case ("vgg", _), ("vgg16", _):
            return try VGG.make(arch: arch, options: options, path: path)
        case ("googlenet", _):
            return try GoogLeNet.make(arch: arch, options: options, path: path)
        case ("mobilenet_v1", _):
            return try MobileNet.makeV1(arch: arch, options: options, path: path)
        case ("mobilenet_v2", _):
            return try MobileNet.makeV2(arch: arch, options: options, path: path)
        case ("darknet", "19"):
            return try DarkNet.make19(arch: arch, options: options, path: path)
        case ("darknet", _):
            return try DarkNet.make53(arch: arch, options: options, path: path)
        case ("efficientnet", let variant):
            return try EfficientNet.make(arch: arch, variant: Int(variant.dropFirst())!, options: options, path: path)
        default:
            throw BackboneError.unknownArch(arch)
        }
    }

    private static func validate(arch: String, options: BackboneOptions) throws {
        guard architectures.contains(arch) else { throw BackboneError.unknownArch(arch) }
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
