/// One detection produced by the model: a box (`x1y1x2y2` pixels, see ``BoundingBox``), the class name and
/// the confidence score.
public struct Detection: Sendable, Hashable {
    /// The detected box.
    public var box: BoundingBox
    /// The class name, as in the spec's target classes (TAO keys every metric by class name).
    public var className: String
    /// The confidence in [0, 1].
    public var score: Double

    /// Creates a detection.
    public init(box: BoundingBox, className: String, score: Double) {
        self.box = box
        self.className = className
        self.score = score
    }
}

/// One ground-truth object with the KITTI attributes the metrics read.
public struct GroundTruthBox: Sendable, Hashable {
    /// The object box (`x1y1x2y2` pixels, see ``BoundingBox``).
    public var box: BoundingBox
    /// The class name, as in the spec's target classes.
    public var className: String
    /// KITTI field 2, truncation in [0, 1]. Read by ``KITTIBenchmarkAP`` only.
    public var truncation: Double
    /// KITTI field 3, occlusion 0 (visible), 1 (partly), 2 (largely), 3 (unknown).
    public var occlusion: Int

    /// Creates a ground-truth object; truncation and occlusion default to a fully visible object.
    public init(box: BoundingBox, className: String, truncation: Double = 0, occlusion: Int = 0) {
        self.box = box
        self.className = className
        self.truncation = truncation
        self.occlusion = occlusion
    }

    /// TAO's "difficult" flag: occlusion ≥ 1. ``TAOMeanAveragePrecision`` neither rewards nor punishes
    /// detections of difficult objects, and does not count them as misses.
    public var isDifficult: Bool { occlusion >= 1 }
}

/// Everything the metrics need from one validation image.
public struct EvaluationImage: Sendable {
    /// Image width in pixels (detections are clipped to it by ``TAOMeanAveragePrecision``).
    public var width: Int
    /// Image height in pixels.
    public var height: Int
    /// The model's final detections.
    public var detections: [Detection]
    /// The ground-truth objects.
    public var groundTruth: [GroundTruthBox]
    /// The RPN proposals (RoIs) in the same coordinates as the ground truth, for ``RPNRecall``; `nil` when
    /// the model does not expose them (TAO omits the RPN_recall column for TensorRT engines).
    public var proposals: [BoundingBox]?
    /// KITTI `DontCare` regions, read by ``KITTIBenchmarkAP`` only. TAO's data loader drops `dontcare`
    /// objects, so this is empty unless the caller reads them from the raw label files.
    public var dontCareRegions: [BoundingBox]

    /// Creates an evaluation image.
    public init(
        width: Int, height: Int, detections: [Detection], groundTruth: [GroundTruthBox],
        proposals: [BoundingBox]? = nil, dontCareRegions: [BoundingBox] = []
    ) {
        self.width = width
        self.height = height
        self.detections = detections
        self.groundTruth = groundTruth
        self.proposals = proposals
        self.dontCareRegions = dontCareRegions
    }

    /// The image with every box (detections, ground truth, proposals, DontCare regions) multiplied by `x`
    /// and `y`, and its size scaled and rounded to match: for example network-input pixels to the
    /// original-image pixels that ``KITTIBenchmarkAP`` needs (`x = 1 / ratio_w`, `y = 1 / ratio_h`).
    public func scaled(x: Double, y: Double) -> EvaluationImage {
        EvaluationImage(
            width: Int((Double(width) * x).rounded()), height: Int((Double(height) * y).rounded()),
            detections: detections.map { Detection(box: $0.box.scaled(x: x, y: y), className: $0.className, score: $0.score) },
            groundTruth: groundTruth.map {
                GroundTruthBox(box: $0.box.scaled(x: x, y: y), className: $0.className, truncation: $0.truncation, occlusion: $0.occlusion)
            },
            proposals: proposals?.map { $0.scaled(x: x, y: y) },
            dontCareRegions: dontCareRegions.map { $0.scaled(x: x, y: y) })
    }
}
