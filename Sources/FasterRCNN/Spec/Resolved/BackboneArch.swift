/// A backbone named by `model_config.arch` ("family:layers", or the Keras-applications names
/// `resnet101` and `vgg16`), with the facts that depend on it.
public struct BackboneArch: Sendable, Hashable {
    public enum Family: String, Sendable, CaseIterable {
        case resnet, vgg, googlenet
        case mobilenetV1 = "mobilenet_v1"
        case mobilenetV2 = "mobilenet_v2"
        case darknet, efficientnet

        /// The family as TAO's messages name it.
        public var displayName: String {
            switch self {
            case .resnet: return "ResNet"
            case .vgg: return "VGG"
            case .googlenet: return "GoogLeNet"
            case .mobilenetV1: return "MobileNet V1"
            case .mobilenetV2: return "MobileNet V2"
            case .darknet: return "DarkNet"
            case .efficientnet: return "EfficientNet"
            }
        }
    }

    /// Every `arch` value TAO accepts.
    public static let validArchs = [
        "resnet:10", "resnet:18", "resnet:34", "resnet:50", "resnet:101", "resnet101",
        "vgg:16", "vgg:19", "vgg16", "googlenet", "mobilenet_v1", "mobilenet_v2", "darknet:19", "darknet:53",
    ] + (0...7).map { "efficientnet:b\($0)" }

    /// `arch` as written.
    public let arch: String
    public let family: Family
    /// Depth for ResNet, VGG and DarkNet (18, 16, 53, ...); nil for the others.
    public let layers: Int?
    /// EfficientNet variant, "b0" ... "b7"; nil for the others.
    public let variant: String?
    /// `resnet101` or `vgg16`: the Keras-applications layouts (no ':' in the name), not NVIDIA's templates.
    public let isKerasApplicationsLayout: Bool

    /// Parses `arch`; nil unless it is one of `validArchs`.
    public init?(arch: String) {
        guard Self.validArchs.contains(arch) else { return nil }
        self.arch = arch
        isKerasApplicationsLayout = arch == "resnet101" || arch == "vgg16"
        let parts = arch.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts[0] {
        case "resnet101": (family, layers) = (.resnet, 101)
        case "vgg16": (family, layers) = (.vgg, 16)
        default:
            guard let family = Family(rawValue: parts[0]) else { return nil }
            self.family = family
            layers = parts.count > 1 ? Int(parts[1]) : nil
        }
        variant = family == .efficientnet ? parts.last : nil
    }

    /// Block ids `freeze_blocks` may name; nil where TAO does not check them (EfficientNet).
    public var freezableBlocks: ClosedRange<Int>? {
        switch family {
        case .resnet: return 0...3
        case .vgg: return 1...5
        case .googlenet: return 0...7
        case .mobilenetV1: return 0...11
        case .mobilenetV2: return 0...13
        case .darknet: return 0...5
        case .efficientnet: return nil
        }
    }

    /// Checkpoint file stem as TAO's train writes it: `frcnn_` + arch with ':' replaced by '_'
    /// (`frcnn_resnet_18`), followed by `.epoch_<N>.<ext>`.
    public var checkpointStem: String {
        "frcnn_" + arch.replacingOccurrences(of: ":", with: "_")
    }
}
