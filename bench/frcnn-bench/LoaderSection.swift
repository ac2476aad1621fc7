import FasterRCNN
import Foundation

/// Data-loader throughput: synthetic KITTI images at 1248×384 decoded, augmented (the ResNet-18 KITTI spec's
/// augmentation) and batched by `BatchLoader` with `workers` threads, beside `computeThreads` busy threads
/// standing in for libtorch's compute threads. Each repetition is one epoch over the images.
enum LoaderSection {
    static func run(_ job: Job) throws -> Record {
        let data = try SyntheticData(count: job.images, width: job.width, height: job.height, format: "png")
        let pipeline = data.pipeline(training: true)
        let samples = data.dataset.samples
        var record = Record(section: job.section.rawValue, label: job.label, settings: [
            "images": "\(samples.count) PNG \(job.width)x\(job.height)", "batch": "\(job.batch)",
            "workers": "\(job.workers)", "compute_threads": "\(job.computeThreads)",
            "warmup": "\(job.repetition.warmup)", "repeats": "\(job.repetition.repeats)",
        ])
        let perImage = 1000 / Double(samples.count)
        record.spreads["decode_ms_per_image"] = Spread(try measure(job.repetition) {
            for sample in samples { _ = try ImageFile.read(path: sample.imagePath) }
        }).scaled(perImage)
        record.spreads["decode_augment_ms_per_image"] = Spread(try measure(job.repetition) {
            for (index, sample) in samples.enumerated() {
                var random = AugmentationRandom(seed: 42, epoch: 0, index: index)
                _ = try pipeline.process(sample, random: &random)
            }
        }).scaled(perImage)

        let computeAlone = job.computeThreads > 0 ? ComputeLoad.rate(threads: job.computeThreads, seconds: 2) : 0
        let load = ComputeLoad(threads: job.computeThreads)
        defer { load.stop() }
        let clock = ContinuousClock()
        var rates: [Double] = [], computeShares: [Double] = []
        for epoch in 0..<(job.repetition.warmup + job.repetition.repeats) {
            let (start, passesBefore) = (clock.now, load.completed)
            let loader = try BatchLoader(dataset: data.dataset, pipeline: pipeline, batchSize: job.batch, shuffle: true,
                                         seed: 42, epoch: epoch, workers: job.workers, prefetch: 2)
            var images = 0
            while let batch = try loader.next() { images += batch.count }
            let elapsed = seconds(clock.now - start)
            guard epoch >= job.repetition.warmup else { continue }
            rates.append(Double(images) / elapsed)
            if job.computeThreads > 0 { computeShares.append(Double(load.completed - passesBefore) / elapsed / computeAlone) }
        }
        record.spreads["images_per_s"] = Spread(rates)
        if !computeShares.isEmpty { record.spreads["compute_rate_vs_alone"] = Spread(computeShares) }
        return record
    }
}

/// Busy threads doing dense float arithmetic, counting completed passes.
final class ComputeLoad: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    private var passes = 0

    init(threads: Int) {
        for _ in 0..<threads {
            Thread { [self] in
                var buffer = [Float](repeating: 1.0001, count: 1 << 16)
                while self.isRunning {
                    for index in buffer.indices { buffer[index] = buffer[index] * 0.999 + 0.001 }
                    self.lock.withLock { self.passes += 1 }
                }
            }.start()
        }
    }

    /// Passes per second of `threads` busy threads running alone for `seconds`.
    static func rate(threads: Int, seconds: Double) -> Double {
        let load = ComputeLoad(threads: threads)
        Thread.sleep(forTimeInterval: seconds)
        load.stop()
        return Double(load.completed) / seconds
    }

    var isRunning: Bool { lock.withLock { running } }
    var completed: Int { lock.withLock { passes } }
    func stop() { lock.withLock { running = false } }
}
