import Foundation
import Torch

/// In-training validation as TAO's `ValidationCallback` does it: the model's inference forward (evaluation
/// proposals and NMS) over the validation split, unaugmented and in file order, scored with
/// ``TAOMeanAveragePrecision`` at the spec's IoU thresholds. Boxes are compared in network-input pixels
/// (x1y1x2y2 for the metric, converted from the model's y1x1y2x2).
public struct Validation {
    public let dataset: DetectionDataset
    public let pipeline: InputPipeline
    public let batchSize: Int
    public let metric: TAOMeanAveragePrecision
    public let classes: ClassMap

    /// The validation of `experiment` over `dataset` (its validation split).
    public init(experiment: ResolvedExperiment, dataset: DetectionDataset) throws {
        let evaluation = experiment.evaluation
        self.dataset = dataset
        pipeline = InputPipeline(experiment: experiment, training: false)
        batchSize = evaluation.batchSize
        metric = try TAOMeanAveragePrecision(
            iouThresholds: evaluation.iouThresholds, confidenceThreshold: Double(evaluation.nms.confidenceThreshold),
            interpolation: evaluation.useVOC07ElevenPointMetric ? .voc07ElevenPoint : .area)
        classes = experiment.classes
    }

    /// Runs the model over the split; returns `mAP` (the mean over the thresholds) and `mAP@<IoU>` per threshold
    /// (two decimals, as TAO names them).
    public func run(_ model: FasterRCNNModel) throws -> [String: Double] {
        let loader = try BatchLoader(dataset: dataset, pipeline: pipeline, batchSize: batchSize, shuffle: false, seed: 0,
                                     epoch: 0)
        var images: [EvaluationImage] = []
        while let batch = try loader.next() {
            let input = try Tensor(batch.images, shape: [batch.count, batch.channels, batch.height, batch.width])
                .to(device: model.store.device)
            let output = try model.detect(input).detections
            let boxes = try output.boxes.toArray(Float.self), scores = try output.scores.toArray(Float.self)
            let labels = try output.classes.toArray(Int64.self), counts = try output.counts.toArray(Int64.self)
            let perImage = output.scores.shape[1]
            for image in 0..<batch.count {
                let detections = (0..<Int(counts[image])).map { slot -> Detection in
                    let row = image * perImage + slot
                    return Detection(box: Self.box(boxes, at: row * 4), className: classes.names[Int(labels[row])],
                                     score: Double(scores[row]))
                }
                let truth = (0..<batch.objectCounts[image]).map { slot -> GroundTruthBox in
                    let index = image * batch.maxObjects + slot
                    return GroundTruthBox(box: Self.box(batch.boxes, at: index * 4),
                                          className: classes.names[Int(batch.classIDs[index])],
                                          occlusion: batch.difficult[index] ? 1 : 0)
                }
                images.append(EvaluationImage(width: batch.width, height: batch.height, detections: detections,
                                              groundTruth: truth))
            }
        }
        let result = metric.evaluate(images)
        var scalars = ["mAP": result.meanAP ?? 0]
        for threshold in result.thresholds {
            scalars[String(format: "mAP@%.2f", threshold.iouThreshold)] = threshold.meanAP ?? 0
        }
        return scalars
    }

    /// The y1x1y2x2 values at `offset` as an x1y1x2y2 box.
    private static func box(_ values: [Float], at offset: Int) -> BoundingBox {
        BoundingBox(x1: Double(values[offset + 1]), y1: Double(values[offset]), x2: Double(values[offset + 3]),
                    y2: Double(values[offset + 2]))
    }
}
