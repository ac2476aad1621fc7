import Foundation

/// The training split through the data layer's ``BatchLoader``: a new loader per epoch, shuffled and augmented
/// from the run's seed and the epoch number (so a resumed run gets the batches of the uninterrupted one).
public final class LoaderBatchSource: TrainingBatchSource {
    public let dataset: DetectionDataset
    public let pipeline: InputPipeline
    public let batchSize: Int
    public let seed: UInt64
    private var loader: BatchLoader?

    public init(dataset: DetectionDataset, pipeline: InputPipeline, batchSize: Int, seed: UInt64) {
        self.dataset = dataset
        self.pipeline = pipeline
        self.batchSize = batchSize
        self.seed = seed
    }

    public var sampleCount: Int { dataset.samples.count }

    public func startEpoch(_ epoch: Int) throws {
        loader?.stop()
        loader = try BatchLoader(dataset: dataset, pipeline: pipeline, batchSize: batchSize, shuffle: true, seed: seed,
                                 epoch: epoch)
    }

    public func nextBatch() throws -> Batch {
        guard let batch = try loader?.next() else { throw TrainingError("the training loader ran out of batches") }
        return batch
    }

    /// Batches of the epoch's loader with the seed `seed ^ statisticsSeedMask`: the same augmentation, another order
    /// and other draws, and none taken from the training loader.
    public func forEachStatisticsBatch(images: Int, afterEpoch epoch: Int, _ body: (Batch) throws -> Void) throws {
        let loader = try BatchLoader(dataset: dataset, pipeline: pipeline, batchSize: batchSize, shuffle: true,
                                     seed: seed ^ Self.statisticsSeedMask, epoch: epoch)
        defer { loader.stop() }
        var covered = 0
        while covered < min(images, sampleCount), let batch = try loader.next() {
            try body(batch)
            covered += batch.count
        }
    }

    /// Separates the statistics batches' random stream from the training batches' ("PRECISEB" in ASCII).
    static let statisticsSeedMask: UInt64 = 0x5052_4543_4953_4542

    /// Undoes the normalisation (`value · scaling_factor + mean`, channel order back to RGB) and draws each real
    /// ground-truth box as a 1-pixel green outline (y1x1y2x2 input pixels, rounded, clipped to the image).
    public func previewImages(of batch: Batch, limit: Int) throws -> [RasterImage] {
        let input = pipeline.input
        let (channels, height, width) = (batch.channels, batch.height, batch.width)
        let plane = height * width
        return (0..<min(limit, batch.count)).map { image in
            let base = image * channels * plane
            var pixels = [UInt8](repeating: 0, count: plane * channels)
            for channel in 0..<channels {
                let target = input.channelOrder == "bgr" ? channels - 1 - channel : channel
                let mean = input.channelMeans[channel], scale = input.scalingFactor
                for index in 0..<plane {
                    let value = batch.images[base + channel * plane + index] * scale + mean
                    pixels[index * channels + target] = UInt8(max(0, min(255, value.rounded())))
                }
            }
            var raster = RasterImage(width: width, height: height, channels: channels, pixels: pixels)
            let color: [UInt8] = channels == 1 ? [255] : [0, 255, 0]
            for slot in 0..<batch.objectCounts[image] {
                let box = batch.boxes[((image * batch.maxObjects + slot) * 4)...].prefix(4).map { Int($0.rounded()) }
                let (y1, x1) = (max(0, box[0]), max(0, box[1]))
                let (y2, x2) = (min(height - 1, box[2]), min(width - 1, box[3]))
                guard y1 <= y2, x1 <= x2 else { continue }
                raster.fill(x0: x1, y0: y1, x1: x2 + 1, y1: y1 + 1, color: color)
                raster.fill(x0: x1, y0: y2, x1: x2 + 1, y1: y2 + 1, color: color)
                raster.fill(x0: x1, y0: y1, x1: x1 + 1, y1: y2 + 1, color: color)
                raster.fill(x0: x2, y0: y1, x1: x2 + 1, y1: y2 + 1, color: color)
            }
            return raster
        }
    }
}
