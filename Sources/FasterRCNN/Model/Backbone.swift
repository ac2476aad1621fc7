import Torch

/// A TAO backbone split at stride 16: ``features(_:)`` runs on the whole image, ``head(_:)`` on each RoI crop
/// (the stage that would go to stride 32, TAO's `TimeDistributed` RCNN head).
///
/// Parameters live in the ``ParameterStore`` the backbone was built in, under the path given to
/// ``BackboneFactory/make(arch:options:path:)``; train/eval mode is the store's ``ParameterStore/isTraining``.
/// Frozen blocks (`freeze_blocks`) are frozen parameters of that store; frozen batch norm (`freeze_bn`, and every
/// batch norm inside a frozen block) always uses and never updates its running statistics.
public protocol Backbone: AnyObject {
    /// Channels of the stride-16 feature map.
    var featureChannels: Int { get }
    /// Length of the per-RoI vector after the head's average pooling (or fc layers) and flattening.
    var headOutputSize: Int { get }
    /// The stride-16 feature map: [N, Cin, H, W] → [N, featureChannels, H/16, W/16] (rounded as the
    /// convolutions round; H and W multiples of 16 give exactly H/16 and W/16).
    func features(_ images: Tensor) throws -> Tensor
    /// The RCNN head on RoI crops: [R, featureChannels, p, p] → [R, headOutputSize], where p is `pool_size`,
    /// or 2·`pool_size` with `pool_size_2x` (the head's first block then downsamples by 2).
    func head(_ crops: Tensor) throws -> Tensor
}

/// The activation of the EfficientNet family (`model_config.activation.activation_type`).
public enum BackboneActivation: String, Sendable {
    case relu
    case swish
}

/// The `model_config` fields that shape a backbone.
public struct BackboneOptions: Sendable {
    /// Input channels: 3 for RGB, 1 for GRAY_SCALE (`input_image_config.image_type`).
    public var inputChannels: Int
    /// Convolutions get a bias term (`use_bias`); when false the following batch norm's beta is the only bias.
    public var useBias: Bool
    /// Downsample with max pooling instead of strided convolutions (`use_pooling`).
    public var usePooling: Bool
    /// Every residual shortcut gets a 1×1 projection (`all_projections`; ResNet and MobileNetV2).
    public var allProjections: Bool
    /// Every batch norm runs in inference mode and its gamma/beta are frozen (`freeze_bn`).
    public var freezeBN: Bool
    /// Block ids whose layers are frozen (`freeze_blocks`; the ids of each family are in docs/backbones.md).
    public var freezeBlocks: Set<Int>
    /// Dropout after the VGG fc layers (`dropout_rate`).
    public var dropoutRate: Double
    /// EfficientNet stochastic depth rate (`drop_connect_rate`), scaled linearly over the blocks.
    public var dropConnectRate: Double
    /// EfficientNet activation (`activation.activation_type`; nil, like the empty string, means swish).
    public var activation: BackboneActivation?
    /// `roi_pooling_config.pool_size`: the crop side the head's average pooling covers.
    public var poolSize: Int
    /// `roi_pooling_config.pool_size_2x`: crops are 2·poolSize and the head's first block has stride 2.
    public var poolSize2x: Bool
    /// Memory format that ``Backbone/features(_:)`` and ``Backbone/head(_:)`` convert their input to
    /// (channels-last is faster for convolutions on CPU and with cuDNN on GPU; the dtype is the store's).
    public var memoryFormat: MemoryFormat
    /// Momentum and epsilon of every batch norm (``BatchNormSettings``; TAO's unless a spec or file says otherwise).
    public var batchNorm: BatchNormSettings

    public init(
        inputChannels: Int = 3, useBias: Bool = false, usePooling: Bool = false, allProjections: Bool = false,
        freezeBN: Bool = false, freezeBlocks: Set<Int> = [], dropoutRate: Double = 0, dropConnectRate: Double = 0,
        activation: BackboneActivation? = nil, poolSize: Int = 7, poolSize2x: Bool = false,
        memoryFormat: MemoryFormat = .contiguous, batchNorm: BatchNormSettings = .tao
    ) {
        self.inputChannels = inputChannels
        self.useBias = useBias
        self.usePooling = usePooling
        self.allProjections = allProjections
        self.freezeBN = freezeBN
        self.freezeBlocks = freezeBlocks
        self.dropoutRate = dropoutRate
        self.dropConnectRate = dropConnectRate
        self.activation = activation
        self.poolSize = poolSize
        self.poolSize2x = poolSize2x
        self.memoryFormat = memoryFormat
        self.batchNorm = batchNorm
    }

    /// The crop side the head expects: poolSize, or 2·poolSize with ``poolSize2x``.
    public var cropSize: Int { poolSize2x ? 2 * poolSize : poolSize }
}
