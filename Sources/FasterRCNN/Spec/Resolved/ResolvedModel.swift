/// The network input, with 0-means-default rules applied.
public struct ResolvedInput: Sendable, Hashable {
    public enum Size: Sendable, Hashable {
        /// Static input of `height` x `width` (images are stretched to it).
        case fixed(height: Int, width: Int)
        /// Dynamic input: the short side is resized to `minSide`, keeping the aspect ratio.
        case shortSide(minSide: Int)
    }

    /// 3 for RGB, 1 for GRAY_SCALE.
    public let channels: Int
    /// "bgr", "rgb" or "l": the channel order the network sees.
    public let channelOrder: String
    /// Per-channel means in the network's channel order (for "bgr": b, g, r).
    public let channelMeans: [Float]
    /// Divisor applied after mean subtraction.
    public let scalingFactor: Float
    public let size: Size
    /// Ground truth is padded to this many boxes per image.
    public let maxObjectsPerImage: Int

    init(_ input: Frcnn_Spec_InputImageConfig) {
        channels = input.imageType == .grayScale ? 1 : 3
        channelOrder = input.imageChannelOrder
        let keys = channels == 1 ? ["l"] : channelOrder == "bgr" ? ["b", "g", "r"] : ["r", "g", "b"]
        channelMeans = keys.map { input.imageChannelMean[$0] ?? 0 }
        scalingFactor = input.imageScalingFactor
        switch input.imageSizeConfig {
        case .sizeMin(let size): self.size = .shortSide(minSide: Int(size.min))
        case .sizeHeightWidth(let size): self.size = .fixed(height: Int(size.height), width: Int(size.width))
        case nil: self.size = .fixed(height: 0, width: 0)
        }
        maxObjectsPerImage = Int(input.maxObjectsNumPerImage)
    }
}

/// Network structure settings.
public struct ResolvedModel: Sendable, Hashable {
    public let backbone: BackboneArchitecture
    /// Anchor sides in input pixels (outer loop of the anchor index).
    public let anchorScales: [Float]
    /// Anchor width/height ratios (inner loop of the anchor index).
    public let anchorRatios: [Float]
    /// Always 16.
    public let rpnStride: Int
    /// RoIs sampled per image to train the RCNN head.
    public let roiMiniBatch: Int
    public let freezeBatchNorm: Bool
    /// Backbone blocks kept frozen.
    public let freezeBlocks: [Int]
    public let useBias: Bool
    /// CropAndResize output side (the crop is twice this when `poolSize2x`).
    public let poolSize: Int
    public let poolSize2x: Bool
    public let allProjections: Bool
    public let usePooling: Bool
    public let dropoutRate: Float
    public let dropConnectRate: Float
    /// EfficientNet activation: "relu" or "swish" (an empty spec value means swish); "relu" elsewhere.
    public let activation: String
    public let activationParameters: [String: Float]
    /// `batch_norm` (frcnn's extension); nil when the spec leaves the choice to the pretrained file.
    public let batchNorm: BatchNormSettings?

    /// Anchors per feature-map cell: scales x ratios.
    public var anchorsPerCell: Int { anchorScales.count * anchorRatios.count }

    init(_ model: Frcnn_Spec_ModelConfig, backbone: BackboneArchitecture) {
        self.backbone = backbone
        anchorScales = model.anchorBoxConfig.scale
        anchorRatios = model.anchorBoxConfig.ratio
        rpnStride = Int(model.rpnStride)
        roiMiniBatch = Int(model.roiMiniBatch)
        freezeBatchNorm = model.freezeBn
        freezeBlocks = model.freezeBlocks.map { Int($0) }
        useBias = model.useBias
        poolSize = Int(model.roiPoolingConfig.poolSize)
        poolSize2x = model.roiPoolingConfig.poolSize2X
        allProjections = model.allProjections
        usePooling = model.usePooling
        dropoutRate = model.dropoutRate
        dropConnectRate = model.dropConnectRate
        let type = model.activation.activationType
        activation = backbone.family == .efficientnet ? (type.isEmpty ? "swish" : type) : "relu"
        activationParameters = model.activation.activationParameters
        batchNorm = BatchNormSettings(model)
    }
}
