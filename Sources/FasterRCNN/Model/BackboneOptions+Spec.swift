import Torch

extension BackboneOptions {
    /// The options a spec's `model_config` asks for (pool_size 0 reads as 7, TAO's usual value; the memory
    /// format is a runtime choice, not a spec field; the batch-norm settings are the model's, decided by
    /// ``BatchNormSettings/forTraining(spec:continuing:pretrainedWeights:)`` and kept in its checkpoints).
    /// Throws for an unknown activation or image type.
    public init(modelConfig config: Frcnn_Spec_ModelConfig, memoryFormat: MemoryFormat = .contiguous,
                batchNorm: BatchNormSettings = .tao) throws {
        let channels: Int
        switch config.inputImageConfig.imageType {
        case .rgb: channels = 3
        case .grayScale: channels = 1
        case .UNRECOGNIZED(let value):
            throw BackboneError.invalidOption(
                arch: config.arch, field: "input_image_config.image_type", message: "unknown image type \(value)")
        }
        let activation: BackboneActivation?
        switch config.activation.activationType {
        case "": activation = nil
        case let name:
            guard let known = BackboneActivation(rawValue: name) else {
                throw BackboneError.invalidOption(
                    arch: config.arch, field: "activation.activation_type", message: "'\(name)' is not relu or swish")
            }
            activation = known
        }
        self.init(
            inputChannels: channels, useBias: config.useBias, usePooling: config.usePooling,
            allProjections: config.allProjections, freezeBN: config.freezeBn,
            freezeBlocks: Set(config.freezeBlocks.map { Int($0) }), dropoutRate: Double(config.dropoutRate),
            dropConnectRate: Double(config.dropConnectRate), activation: activation,
            poolSize: config.roiPoolingConfig.poolSize == 0 ? 7 : Int(config.roiPoolingConfig.poolSize),
            poolSize2x: config.roiPoolingConfig.poolSize2X, memoryFormat: memoryFormat,
            batchNorm: batchNorm)
    }
}
