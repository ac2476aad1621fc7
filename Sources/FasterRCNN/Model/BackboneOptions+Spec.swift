import Torch

extension BackboneOptions {
    /// The options a resolved spec asks for: `model_config`'s backbone fields and the input's channel count. The
    /// memory format is a runtime choice, not a spec field; the batch-norm settings are the model's, decided by
    /// ``BatchNormSettings/forTraining(spec:continuing:pretrainedWeights:)`` and kept in its checkpoints.
    public init(experiment: ResolvedExperiment, memoryFormat: MemoryFormat = .contiguous, batchNorm: BatchNormSettings = .tao) {
        let model = experiment.model
        self.init(
            inputChannels: experiment.input.channels, useBias: model.useBias, usePooling: model.usePooling,
            allProjections: model.allProjections, freezeBN: model.freezeBatchNorm, freezeBlocks: Set(model.freezeBlocks),
            dropoutRate: Double(model.dropoutRate), dropConnectRate: Double(model.dropConnectRate),
            activation: BackboneActivation(rawValue: model.activation), poolSize: model.poolSize,
            poolSize2x: model.poolSize2x, memoryFormat: memoryFormat, batchNorm: batchNorm)
    }
}
