import Torch

/// A ``FasterRCNNModel`` (a checkpoint read by ``CheckpointModel``) as a ``BatchDetector``: the batch goes to the
/// model's device, and both the detections and the RPN proposals come back.
public struct CheckpointDetector: BatchDetector {
    public let model: FasterRCNNModel
    /// Class names by model id (the spec's classes sorted, background last).
    public let classNames: [String]

    public init(model: FasterRCNNModel, classNames: [String]) {
        self.model = model
        self.classNames = classNames
    }

    public var summary: String { "checkpoint on \(model.store.device)" }

    public var stage: DetectionStage? {
        DetectionStage(proposal: model.configuration.inferenceProposals, nms: model.configuration.detection)
    }

    public func detect(_ pixels: [Float], count: Int, channels: Int, height: Int, width: Int) throws -> BatchDetections {
        let input = try Tensor(pixels, shape: [count, channels, height, width]).to(device: model.store.device)
        let output = try model.detect(input)
        return BatchDetections(detections: try output.detectionsPerImage(classNames: classNames, count: count),
                               proposals: try output.proposalsPerImage(count: count))
    }
}
