/// The running-statistics update rate and epsilon of every backbone batch norm.
///
/// TAO builds its backbones with Keras' values (momentum 0.99, epsilon 1e-3). A file trained by PyTorch (for
/// example torchvision's ImageNet weights) was trained with momentum 0.9 and epsilon 1e-5; fine-tuning it with
/// Keras' values leaves the running statistics far behind the batch statistics of a new input scale and changes
/// the normalisation of every channel with a small variance, which costs most of the accuracy (measured in
/// docs/migrating-from-tao.md). So the default follows the file the backbone starts from.
public struct BatchNormSettings: Sendable, Hashable, CustomStringConvertible {
    /// The fraction of the running statistics kept at each training step (Keras' convention; PyTorch's
    /// `momentum` is one minus this).
    public var momentum: Double
    /// Added to the variance before the square root; nil means each layer's Keras value, as TAO builds it
    /// (1e-3; 1.001e-5 in `resnet101`).
    public var epsilon: Double?

    public init(momentum: Double, epsilon: Double?) {
        self.momentum = momentum
        self.epsilon = epsilon
    }

    /// TAO's (Keras') values.
    public static let tao = BatchNormSettings(momentum: 0.99, epsilon: nil)
    /// PyTorch's values (`torch.nn.BatchNorm2d` defaults), which torchvision's pretrained files were trained with.
    public static let pytorch = BatchNormSettings(momentum: 0.9, epsilon: 1e-5)

    /// `model_config.batch_norm` (0 in a field means TAO's value); nil when the spec has no such section. The
    /// spec's float32 values are read as the decimals written (0.9, not 0.8999999761581421).
    init?(_ config: Frcnn_Spec_ModelConfig) {
        guard config.hasBatchNorm else { return nil }
        let section = config.batchNorm
        func decimal(_ value: Float) -> Double { Double("\(value)") ?? Double(value) }
        momentum = section.momentum == 0 ? Self.tao.momentum : decimal(section.momentum)
        epsilon = section.epsilon == 0 ? Self.tao.epsilon : decimal(section.epsilon)
    }

    /// The settings a training run uses, with the reason in words: the spec's `model_config.batch_norm` when it
    /// has one, else those of the model the run continues (a resumed checkpoint or a pruned model), else
    /// PyTorch's when `pretrainedWeights` is a PyTorch file (``PretrainedFileFormat``), else TAO's.
    public static func forTraining(spec: BatchNormSettings?, continuing: BatchNormSettings?,
                                   pretrainedWeights: String?) -> (settings: BatchNormSettings, reason: String) {
        if let spec { return (spec, "model_config.batch_norm") }
        if let continuing { return (continuing, "the model this run continues") }
        if let pretrainedWeights, PretrainedFileFormat(path: pretrainedWeights) == .pytorch {
            return (.pytorch, "PyTorch's, as the PyTorch pretrained file was trained with")
        }
        return (.tao, "TAO's")
    }

    /// The momentum in libtorch's convention (the weight of the new batch statistics).
    public var updateRate: Double { 1 - momentum }

    /// "momentum 0.99, epsilon Keras per layer", as `validate` and the training log print it.
    public var description: String {
        "momentum \(momentum), epsilon " + (epsilon.map { "\($0)" } ?? "Keras per layer (1e-3; resnet101 1.001e-5)")
    }

    /// The form stored in checkpoints: "0.9 1e-05" or "0.99 keras".
    var checkpointText: String { "\(momentum) " + (epsilon.map { "\($0)" } ?? "keras") }

    /// Reads ``checkpointText``; nil when malformed.
    init?(checkpointText text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 2, let momentum = Double(parts[0]) else { return nil }
        if parts[1] == "keras" {
            self.init(momentum: momentum, epsilon: nil)
        } else if let epsilon = Double(parts[1]) {
            self.init(momentum: momentum, epsilon: epsilon)
        } else {
            return nil
        }
    }
}
