import Foundation
import Torch
@testable import FasterRCNN

/// A small real regression problem for exercising the training loop: a conv + dense network on 8×8 inputs and a
/// shuffled batch order that depends on the source's own random state. The forward draws nothing from libtorch's
/// global generator: tests run in parallel in one process, and other suites draw from it at any time (the
/// generator's checkpointing is tested on its own, and end to end through the CLI in separate processes).
final class TinyRegression: TrainableModel {
    typealias Batch = (inputs: Tensor, targets: Tensor)
    let store = ParameterStore()
    private let conv: Conv2d
    private let dense: Linear
    /// When set, the forward of this call number (1-based) returns a NaN loss.
    var poisonedCall: Int?
    private var calls = 0

    init() throws {
        conv = try Conv2d(store.root / "conv1", inChannels: 1, outChannels: 4, kernelSize: (3, 3), padding: (1, 1))
        dense = try Linear(store.root / "dense", inFeatures: 4, outFeatures: 1)
    }

    func startEpoch(_ epoch: Int) throws {}

    func lossTerms(_ batch: Batch) throws -> [(name: String, value: Tensor)] {
        calls += 1
        let features = try conv(batch.inputs).relu().mean(dims: [2, 3])
        var loss = try dense(features).meanSquaredError(target: batch.targets)
        if calls == poisonedCall { loss = try loss * Double.nan }
        let l2 = try store.parameters.filter { $0.tensor.rank >= 2 }.map { try $0.tensor.square().sum() * 1e-3 }
        return [(name: "mse_loss", value: loss), (name: "regularization_loss", value: try l2[0] + l2[1])]
    }
}

/// 10 fixed samples served in batches of `batchSize` (the last one smaller), shuffled every epoch with
/// `PythonRandom(seed + epoch)`. `interruptAt` makes `nextBatch` throw on that call (1-based), like a crash.
final class TinySource: TrainingBatchSource {
    typealias Batch = TinyRegression.Batch
    let inputs: Tensor
    let targets: Tensor
    let batchSize: Int
    let seed: UInt64
    var interruptAt: Int?
    private var order: [Int] = []
    private var position = 0
    private var calls = 0

    struct Interrupted: Error {}

    init(batchSize: Int, seed: UInt64) throws {
        var random = PythonRandom(seed: 99)
        inputs = try Tensor((0..<640).map { _ in Float(random.below(2001) - 1000) / 500 }, shape: [10, 1, 8, 8])
        targets = try inputs.mean(dims: [1, 2, 3]).reshape([10, 1]) * 3.0
        self.batchSize = batchSize
        self.seed = seed
    }

    var sampleCount: Int { 10 }

    func startEpoch(_ epoch: Int) throws {
        var random = PythonRandom(seed: seed &+ UInt64(epoch))
        order = Array(0..<10)
        random.shuffle(&order)
        position = 0
    }

    func nextBatch() throws -> Batch {
        calls += 1
        if calls == interruptAt { throw Interrupted() }
        let picked = order[position..<min(position + batchSize, order.count)].map { Int64($0) }
        position += picked.count
        let index = try Tensor(picked)
        return (try inputs.indexSelect(dim: 0, index: index), try targets.indexSelect(dim: 0, index: index))
    }

    /// Batches of `batchSize` in the order of `PythonRandom(~seed + epoch)`, covering at least `images` samples.
    func forEachStatisticsBatch(images: Int, afterEpoch epoch: Int, _ body: (Batch) throws -> Void) throws {
        var random = PythonRandom(seed: ~seed &+ UInt64(epoch))
        var shuffled = Array(0..<10)
        random.shuffle(&shuffled)
        for start in stride(from: 0, to: min(images, 10), by: batchSize) {
            let index = try Tensor(shuffled[start..<min(start + batchSize, 10)].map { Int64($0) })
            try body((try inputs.indexSelect(dim: 0, index: index), try targets.indexSelect(dim: 0, index: index)))
        }
    }

    func previewImages(of batch: Batch, limit: Int) throws -> [RasterImage] {
        let count = min(limit, batch.inputs.shape[0])
        let values = try batch.inputs.toArray(Float.self)
        return (0..<count).map { image in
            let pixels = values[(image * 64)..<(image * 64 + 64)].map { UInt8(max(0, min(255, 128 + $0 * 40))) }
            return RasterImage(width: 8, height: 8, channels: 1, pixels: Array(pixels))
        }
    }
}

enum TinyRun {
    static func settings(_ folder: String, epochs: Int = 4, interval: Int = 1, key: String? = nil,
                         stopping: ResolvedTraining.EarlyStopping? = nil,
                         visualizer: ResolvedTraining.Visualizer = .init(enabled: true, images: 2, weightHistograms: true))
        -> TrainingSettings {
        TrainingSettings(
            epochs: epochs, batchSize: 3, checkpointInterval: interval, validationPeriod: 1,
            learningRate: .softStart(baseLR: 0.05, startLR: 0.005, softStart: 0.25, annealingPoints: [0.75], divider: 10),
            optimizer: .sgd(momentum: 0.9, decay: 0, nesterov: false),
            earlyStopping: stopping, visualizer: visualizer, resultsDirectory: folder, checkpointStem: "frcnn_tiny",
            architecture: "tiny", key: key, specText: "num_epochs: \(epochs)\n")
    }

    /// A model whose initial weights are drawn with `PythonRandom(seed)` (not libtorch's global generator).
    static func model(seed: UInt64) throws -> TinyRegression {
        let model = try TinyRegression()
        var random = PythonRandom(seed: seed)
        var weights: [String: Tensor] = [:]
        for entry in model.store.all {
            let values = (0..<entry.tensor.count).map { _ in Float(random.below(2001) - 1000) / 2000 }
            weights[entry.name] = try Tensor(values, shape: entry.tensor.shape)
        }
        try model.store.load(weights)
        return model
    }
}
