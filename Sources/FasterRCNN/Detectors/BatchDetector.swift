/// The result of one forward pass over a batch, in the form `evaluate` and `inference` consume.
public struct BatchDetections: Sendable {
    /// Per image: the detections in descending score order, boxes `x1y1x2y2` in network-input pixels, classes named
    /// by the spec's class list.
    public var detections: [[Detection]]
    /// Per image: the RPN proposals (`x1y1x2y2` network-input pixels) for RPN recall; nil when the detector does not
    /// expose them (an exported ONNX file has only the final detections).
    public var proposals: [[BoundingBox]]?

    public init(detections: [[Detection]], proposals: [[BoundingBox]]?) {
        self.detections = detections
        self.proposals = proposals
    }
}

/// What `frcnn evaluate` and `frcnn inference` run over preprocessed images: a checkpoint's model through libtorch
/// (``CheckpointDetector``) or an exported ONNX file through ONNX Runtime (``ONNXDetector``).
public protocol BatchDetector {
    /// One line for the log: what runs and where (for example "checkpoint on cpu").
    var summary: String { get }

    /// The proposal and NMS settings the detector was built with; nil when they are not the spec's to choose (an
    /// exported file carries its own).
    var stage: DetectionStage? { get }

    /// Detects objects in `count` images of `pixels`, laid out `[count, channels, height, width]` after the spec's
    /// preprocessing (channel order, means, scaling factor, input size).
    /// - Throws: an error naming the model file when it cannot take this input.
    func detect(_ pixels: [Float], count: Int, channels: Int, height: Int, width: Int) throws -> BatchDetections
}
