import Foundation

/// Runs a model over the validation split and scores it: the one implementation behind `frcnn evaluate` and
/// in-training validation (TAO runs the same code for both).
///
/// The split is read unaugmented, in file order, in batches of `evaluation_config.batch_size` (1 for `size_min`,
/// whose images differ in size); a checkpoint's ``FasterRCNNModel/detect(_:)`` uses the settings it was built with
/// (``CheckpointModel/Purpose/evaluation``: `evaluation_config`'s proposal and NMS values), an ONNX file
/// (``ONNXDetector``) its own, and gives no RPN proposals (no RPN recall then).
///
/// Box conventions: TAO's mAP, RPN recall and the COCO-style numbers compare `x1y1x2y2` boxes in network-input
/// pixels, with ground truth as the data loader leaves it (mapped, rounded, clipped, filtered); the KITTI benchmark
/// compares in original-image pixels, with the ground truth as labelled and the detections mapped back through the
/// inverse of the loader's resize.
///
/// ```swift
/// let runner = try ValidationRunner.load(experiment: spec.resolved, specPath: spec.file)
/// let report = try runner.run(model)           // EvaluationReport: TAO, COCO-style, KITTI
/// let scalars = report.validationScalars        // ["mAP": …, "mAP@0.50": …] for TensorBoard / status.json
/// ```
public struct ValidationRunner: Sendable {
    /// The validation split.
    public let dataset: DetectionDataset
    /// Unaugmented preprocessing of the split's images.
    public let pipeline: InputPipeline
    /// Images per forward pass (`evaluation_config.batch_size`; 1 with a dynamic input size).
    public let batchSize: Int
    /// TAO's metric at the spec's IoU thresholds, interpolation and `object_confidence_thres`.
    public let metric: TAOMeanAveragePrecision
    /// `evaluation_config`'s proposal and NMS settings, which a checkpoint's model must have been built with.
    public let stage: DetectionStage

    /// The validation of `experiment` over `dataset` (its validation split, already read).
    /// - Throws: ``EvaluationError`` when the spec's IoU thresholds or confidence threshold are invalid.
    public init(experiment: ResolvedExperiment, dataset: DetectionDataset) throws {
        let evaluation = experiment.evaluation
        self.dataset = dataset
        stage = evaluation.stage
        pipeline = InputPipeline(experiment: experiment, training: false)
        if case .shortSide = experiment.input.size { batchSize = 1 } else { batchSize = evaluation.batchSize }
        metric = try TAOMeanAveragePrecision(
            iouThresholds: evaluation.iouThresholds, confidenceThreshold: Double(evaluation.nms.confidenceThreshold),
            interpolation: evaluation.useVOC07ElevenPointMetric ? .voc07ElevenPoint : .area)
    }

    /// Reads the validation split of `experiment` (errors name the spec or the TFRecord file) and prepares its
    /// validation; `specPath` names the spec in errors.
    public static func load(experiment: ResolvedExperiment, specPath: String) throws -> ValidationRunner {
        let split = try DetectionDataset.load(experiment.dataset, classes: experiment.classes, split: .validation,
                                              specPath: specPath)
        return try ValidationRunner(experiment: experiment, dataset: split)
    }

    /// Whether the split's labels carry KITTI truncation or occlusion values (any object with a non-zero one), which
    /// is when the KITTI benchmark numbers are computed. A split converted from COCO has neither.
    public var hasKITTIAttributes: Bool {
        dataset.samples.contains { $0.objects.contains { $0.truncation != 0 || $0.occlusion != 0 } }
    }

    /// Runs a checkpoint's `model` over the split and computes every metric.
    public func run(_ model: FasterRCNNModel, progress: ((Int) -> Void)? = nil) throws -> EvaluationReport {
        try run(CheckpointDetector(model: model, classNames: dataset.classes.names) as any BatchDetector, progress: progress)
    }

    /// Runs `detector` over the split and computes every metric. `progress` is called after each batch with the
    /// number of images it held.
    /// - Throws: ``EvaluationError/otherDetectionStage(_:)`` when `detector` was built with other proposal or NMS
    ///   settings than `evaluation_config`'s.
    public func run(_ detector: any BatchDetector, progress: ((Int) -> Void)? = nil) throws -> EvaluationReport {
        if let used = detector.stage, used != stage { throw EvaluationError.otherDetectionStage(used) }
        let loader = try BatchLoader(dataset: dataset, pipeline: pipeline, batchSize: batchSize, shuffle: false,
                                     seed: 0, epoch: 0)
        let names = dataset.classes.names
        var networkImages: [EvaluationImage] = [], originalImages: [EvaluationImage] = []
        var position = 0
        while let batch = try loader.next() {
            let output = try detector.detect(batch.images, count: batch.count, channels: batch.channels,
                                             height: batch.height, width: batch.width)
            let detections = output.detections
            for image in 0..<batch.count {
                let truth = (0..<batch.objectCounts[image]).map { slot -> GroundTruthBox in
                    let index = image * batch.maxObjects + slot
                    return GroundTruthBox(box: BoundingBox(yxyx: batch.boxes, at: index * 4),
                                          className: names[Int(batch.classIDs[index])],
                                          occlusion: batch.difficult[index] ? 1 : 0)
                }
                networkImages.append(EvaluationImage(width: batch.width, height: batch.height,
                                                     detections: detections[image], groundTruth: truth,
                                                     proposals: output.proposals?[image]))
                let sample = dataset.samples[loader.order[position]]
                originalImages.append(Self.originalImage(sample, size: batch.originalSizes[image],
                                                         transform: batch.transforms[image],
                                                         detections: detections[image], classNames: names))
                position += 1
            }
            progress?(batch.count)
        }
        return EvaluationReport(tao: metric.evaluate(networkImages), coco: COCOMeanAveragePrecision.evaluate(networkImages),
                                kitti: hasKITTIAttributes ? KITTIBenchmarkAP.evaluate(originalImages) : nil)
    }

    /// One image in original-image pixels for the KITTI benchmark: the labelled objects (with truncation and
    /// occlusion) and the detections mapped back through the inverse of the input transform.
    static func originalImage(_ sample: DetectionSample, size: (width: Int, height: Int), transform: AffineTransform,
                              detections: [Detection], classNames: [String]) -> EvaluationImage {
        let back = transform.inverted
        let mapped = detections.map { detection -> Detection in
            let box = back.apply(box: BoundingBox(x1: detection.box.x1, y1: detection.box.y1, x2: detection.box.x2,
                                          y2: detection.box.y2))
            return Detection(box: BoundingBox(x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2),
                             className: detection.className, score: detection.score)
        }
        let truth = sample.objects.map { object in
            GroundTruthBox(box: BoundingBox(x1: object.box.x1, y1: object.box.y1, x2: object.box.x2, y2: object.box.y2),
                           className: classNames[object.classID], truncation: object.truncation,
                           occlusion: object.occlusion)
        }
        return EvaluationImage(width: size.width, height: size.height, detections: mapped, groundTruth: truth)
    }
}

extension EvaluationReport {
    /// The scalars in-training validation reports, named as TAO logs them: `mAP` (the mean over the IoU thresholds;
    /// 0 when undefined) and `mAP@<IoU with 2 decimals>` per threshold.
    public var validationScalars: [String: Double] {
        var scalars = ["mAP": tao.meanAP ?? 0]
        for threshold in tao.thresholds {
            scalars[String(format: "mAP@%.2f", threshold.iouThreshold)] = threshold.meanAP ?? 0
        }
        return scalars
    }
}
