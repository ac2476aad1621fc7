import FasterRCNN
import Foundation
import Torch

/// Evaluation throughput: one pass over synthetic KITTI images with the spec's validation pipeline (no
/// augmentation), `detect` on each batch, and TAO's mAP over all images at the end; images/s of the whole pass.
/// Each repetition is one pass. The detector has fresh weights, so its detections are those of early training.
enum EvaluateSection {
    static func run(_ job: Job) throws -> Record {
        let data = try SyntheticData(count: job.images, width: job.width, height: job.height, format: "png")
        let classes = data.experiment.classes
        let model = try DetectorFixture.makeModel(arch: job.arch, classCount: classes.objectClassCount)
        let evaluation = data.experiment.evaluation
        let metric = try TAOMeanAveragePrecision(
            iouThresholds: evaluation.iouThresholds, confidenceThreshold: Double(evaluation.nms.confidenceThreshold),
            interpolation: evaluation.useVOC07ElevenPointMetric ? .voc07ElevenPoint : .area)
        let pipeline = data.pipeline(training: false)
        var detectionCount = 0
        let times = try measure(job.repetition) {
            let loader = try BatchLoader(dataset: data.dataset, pipeline: pipeline, batchSize: job.batch, shuffle: false,
                                         seed: 42, epoch: 0, workers: job.workers, prefetch: 2)
            var images: [EvaluationImage] = []
            while let batch = try loader.next() {
                let (tensor, truth) = try batch.detectorInputs()
                images += try evaluationImages(model.detect(tensor).detections, truth: truth, batch: batch, classes: classes)
            }
            detectionCount = images.reduce(0) { $0 + $1.detections.count }
            _ = metric.evaluate(images)
        }
        var record = job.record()
        record.settings["images"] = "\(data.dataset.samples.count)"
        record.settings["detections_per_pass"] = "\(detectionCount)"
        record.spreads["images_per_s"] = Spread(times.map { Double(data.dataset.samples.count) / $0 })
        return record
    }

    /// The detections and ground truth of a batch in the metric's x1y1x2y2 input pixels.
    static func evaluationImages(
        _ detections: Detections, truth: [GroundTruth], batch: Batch, classes: ClassMap
    ) throws -> [EvaluationImage] {
        let boxes = try detections.boxes.toArray(Float.self), scores = try detections.scores.toArray(Float.self)
        let ids = try detections.classes.toArray(Int64.self), counts = try detections.counts.toArray(Int64.self)
        let slots = detections.scores.shape[1]
        func box(_ yx: ArraySlice<Float>) -> BoundingBox {
            let v = Array(yx).map(Double.init)
            return BoundingBox(x1: v[1], y1: v[0], x2: v[3], y2: v[2])
        }
        return (0..<batch.count).map { n in
            let found = (0..<Int(counts[n])).map { k in
                let row = n * slots + k
                return Detection(box: box(boxes[(row * 4)..<(row * 4 + 4)]), className: classes.names[Int(ids[row])],
                                 score: Double(scores[row]))
            }
            let objects = truth[n].classIDs.indices.map { k in
                GroundTruthBox(box: box(truth[n].boxes[(k * 4)..<(k * 4 + 4)]), className: classes.names[truth[n].classIDs[k]])
            }
            return EvaluationImage(width: batch.width, height: batch.height, detections: found, groundTruth: objects)
        }
    }
}
