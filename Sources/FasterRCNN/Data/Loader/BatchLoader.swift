import Foundation

/// Produces the batches of one epoch in order while background threads decode and augment ahead.
///
/// Each image's random draws come from `AugmentationRandom(seed:epoch:index:)` with its position in the
/// epoch, and the epoch's order from a generator of the same seed, so the batches are identical for a given
/// `random_seed` whatever the number of threads. With `workers` threads, batch `b` is built by thread
/// `b % workers`, at most `prefetch` batches ahead of the consumer.
///
/// ```swift
/// let loader = try BatchLoader(dataset: data, pipeline: pipeline, batchSize: 8, shuffle: true, seed: 42, epoch: 0)
/// while let batch = try loader.next() { /* batch.images, batch.boxes (y1x1y2x2), batch.classIDs */ }
/// ```
public final class BatchLoader: Sendable {
    /// Batches in this epoch (the last one may be smaller).
    public var batchCount: Int { job.batchCount }
    /// Positions of the dataset's samples in this epoch's order.
    public var order: [Int] { job.order }
    private let job: Job
    private let queue: Queue

    /// Starts `workers` threads (default 1: on a 2-core machine libtorch keeps the other core; see
    /// docs/performance.md for the measurement). `shuffle` permutes the samples per epoch.
    public init(dataset: DetectionDataset, pipeline: InputPipeline, batchSize: Int, shuffle: Bool, seed: UInt64,
                epoch: Int, workers: Int = 1, prefetch: Int = 2) throws {
        guard batchSize >= 1 else { throw DataError(path: "<loader>", reason: "batch size must be at least 1") }
        if case .shortSide = pipeline.input.size, batchSize != 1 {
            throw DataError(path: "<loader>", field: "batch_size", reason: "dynamic input (size_min) needs batch size 1, got \(batchSize)")
        }
        guard !dataset.samples.isEmpty else { throw DataError(path: "<loader>", reason: "the dataset has no samples") }
        var order = Array(dataset.samples.indices)
        if shuffle {
            var random = AugmentationRandom(seed: seed, epoch: epoch, index: -1)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, random.integer(0, i)) }
        }
        job = Job(dataset: dataset, pipeline: pipeline, batchSize: batchSize, seed: seed, epoch: epoch, order: order)
        queue = Queue(prefetch: max(prefetch, 1))
        let threadCount = max(1, min(workers, job.batchCount))
        for worker in 0..<threadCount {
            let (job, queue) = (job, queue)
            let thread = Thread { queue.work(job, first: worker, step: threadCount) }
            thread.name = "frcnn-loader-\(worker)"
            thread.start()
        }
    }

    deinit { queue.stop() }

    /// The next batch in order, nil after the last; rethrows the first error met while building it.
    public func next() throws -> Batch? { try queue.next(count: job.batchCount) }

    /// Stops the threads after their current batch; later `next()` calls return nil.
    public func stop() { queue.stop() }

    /// Builds batch `index` synchronously on the calling thread (the same batch the threads would build).
    public func build(batch index: Int) throws -> Batch { try job.build(batch: index) }

    /// What the threads need to build any batch of the epoch.
    private struct Job: Sendable {
        let dataset: DetectionDataset
        let pipeline: InputPipeline
        let batchSize: Int
        let seed: UInt64
        let epoch: Int
        let order: [Int]
        var batchCount: Int { (order.count + batchSize - 1) / batchSize }

        func build(batch index: Int) throws -> Batch {
            let positions = (index * batchSize)..<min((index + 1) * batchSize, order.count)
            let samples = try positions.map { position in
                let sample = dataset.samples[order[position]]
                var random = AugmentationRandom(seed: seed, epoch: epoch, index: position)
                return (sample, try pipeline.process(sample, random: &random))
            }
            return Batch(samples: samples, maxObjects: pipeline.input.maxObjectsPerImage)
        }
    }

    /// Finished batches by index, guarded by one condition; the threads hold it, not the loader, so
    /// dropping the loader stops them.
    private final class Queue: @unchecked Sendable {
        private let condition = NSCondition()
        private let prefetch: Int
        private var ready: [Int: Result<Batch, Error>] = [:]
        private var consumed = 0
        private var stopped = false

        init(prefetch: Int) { self.prefetch = prefetch }

        func next(count: Int) throws -> Batch? {
            condition.lock()
            defer { condition.unlock() }
            guard consumed < count, !stopped else { return nil }
            while ready[consumed] == nil { condition.wait() }
            let result = ready.removeValue(forKey: consumed)!
            consumed += 1
            condition.broadcast()
            if case .failure = result { stopped = true }
            return try result.get()
        }

        func stop() {
            condition.lock()
            stopped = true
            condition.broadcast()
            condition.unlock()
        }

        func work(_ job: Job, first: Int, step: Int) {
            var index = first
            while index < job.batchCount {
                condition.lock()
                while !stopped && index >= consumed + prefetch { condition.wait() }
                let halt = stopped
                condition.unlock()
                if halt { return }
                let result = Result { try job.build(batch: index) }
                condition.lock()
                ready[index] = result
                condition.broadcast()
                condition.unlock()
                if case .failure = result { return }
                index += step
            }
        }
    }
}
