import FasterRCNN
import Foundation
import Torch

/// Whether training waits on data: training steps fed by `BatchLoader` (synthetic KITTI at the spec's
/// 1248×384, with augmentation, `workers` loader threads), timing the wait inside `next()` apart from the
/// step's compute. Each repetition is one step; a wait share near 0 means the loader keeps up.
enum DataWaitSection {
    static func run(_ job: Job) throws -> Record {
        let steps = job.repetition.warmup + job.repetition.repeats
        let data = try SyntheticData(count: steps * job.batch, width: job.width, height: job.height, format: "png")
        let model = try DetectorFixture.makeModel(arch: job.arch, classCount: data.experiment.classes.objectClassCount)
        model.store.isTraining = true
        let optimizer = try SGD(model.store.trainableParameters, learningRate: 1e-3, momentum: 0.9)
        let loader = try BatchLoader(dataset: data.dataset, pipeline: data.pipeline(training: true), batchSize: job.batch,
                                     shuffle: true, seed: 42, epoch: 0, workers: job.workers, prefetch: 2)
        let clock = ContinuousClock()
        var waits: [Double] = [], computes: [Double] = []
        for _ in 0..<steps {
            let start = clock.now
            guard let batch = try loader.next() else { break }
            let fetched = clock.now
            let (images, truth) = try batch.detectorInputs()
            let losses = try model.trainingLosses(images: images, groundTruth: truth)
            try losses.total().backward()
            try optimizer.step()
            try optimizer.zeroGrad()
            waits.append(seconds(fetched - start))
            computes.append(seconds(clock.now - fetched))
        }
        let (wait, compute) = (Array(waits.dropFirst(job.repetition.warmup)), Array(computes.dropFirst(job.repetition.warmup)))
        var record = job.record()
        record.settings["workers"] = "\(job.workers)"
        record.spreads["wait_ms"] = Spread(wait).scaled(1000)
        record.spreads["compute_ms"] = Spread(compute).scaled(1000)
        record.values["wait_share"] = wait.reduce(0, +) / (wait.reduce(0, +) + compute.reduce(0, +))
        record.values["images_per_s"] = Double(wait.count * job.batch) / (wait.reduce(0, +) + compute.reduce(0, +))
        return record
    }
}

extension Batch {
    /// The images as a [N, C, H, W] tensor and each image's real objects (y1x1y2x2 input pixels) as ground truth.
    func detectorInputs() throws -> (images: Tensor, truth: [GroundTruth]) {
        let images = try Tensor(self.images, shape: [count, channels, height, width])
        let truth = (0..<count).map { n in
            let slots = (n * maxObjects)..<(n * maxObjects + objectCounts[n])
            return GroundTruth(boxes: Array(boxes[(slots.lowerBound * 4)..<(slots.upperBound * 4)]),
                               classIDs: slots.map { Int(classIDs[$0]) })
        }
        return (images, truth)
    }
}
