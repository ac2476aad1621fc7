import Foundation
import Logging
import Testing
import Torch
@testable import FasterRCNN

/// TinyRegression with a batch norm (Keras momentum 0.99) between its convolution and the pooling.
private final class NormalizedRegression: TrainableModel {
    typealias Batch = TinyRegression.Batch
    let store = ParameterStore()
    let conv: Conv2d
    let norm: BatchNorm2d
    private let dense: Linear

    init(seed: UInt64) throws {
        conv = try Conv2d(store.root / "conv1", inChannels: 1, outChannels: 4, kernelSize: (3, 3), padding: (1, 1))
        norm = try BatchNorm2d(store.root / "bn1", channels: 4)
        dense = try Linear(store.root / "dense", inFeatures: 4, outFeatures: 1)
        var random = PythonRandom(seed: seed)
        var weights: [String: Tensor] = [:]
        for entry in store.parameters {
            let values = (0..<entry.tensor.count).map { _ in Float(random.below(2001) - 1000) / 2000 }
            weights[entry.name] = try Tensor(values, shape: entry.tensor.shape)
        }
        _ = try store.load(weights, strict: false)
    }

    func startEpoch(_ epoch: Int) throws {}

    func lossTerms(_ batch: Batch) throws -> [(name: String, value: Tensor)] {
        let features = try norm(conv(batch.inputs)).relu().mean(dims: [2, 3])
        return [(name: "mse_loss", value: try dense(features).meanSquaredError(target: batch.targets))]
    }
}

/// `precise_batch_norm`: before a checkpoint or a validation, the running statistics become the plain average of
/// the batch statistics over the statistics batches; training itself is unchanged.
@Suite struct PreciseBatchNormTests {
    private let log = Logger(label: "frcnn.tests") { _ in SwiftLogNoOpLogHandler() }

    private func train(precise: Int?, folder: String) throws -> (NormalizedRegression, mAPSeen: [Float]) {
        let model = try NormalizedRegression(seed: 7)
        var settings = TinyRun.settings(try DataTestSupport.scratchDirectory(folder), epochs: 2, interval: 2)
        settings.preciseBatchNormImages = precise
        var seen: [Float] = []
        let trainer = try Trainer(model: model, source: try TinySource(batchSize: 3, seed: 5), settings: settings, log: log) { _ in
            seen.append(try model.norm.runningMean.toArray(Float.self)[0])
            return ["mAP": 0]
        }
        try trainer.run()
        return (model, seen)
    }

    /// Per-channel mean and unbiased variance of the convolution's output over each statistics batch after epoch 2,
    /// averaged over the batches, computed here from the output values.
    private func expectedStatistics(_ model: NormalizedRegression) throws -> (mean: [Double], variance: [Double]) {
        var means = [[Double]](), variances = [[Double]]()
        try TinySource(batchSize: 3, seed: 5).forEachStatisticsBatch(images: 10, afterEpoch: 1) { batch in
            let output = try noGrad { try model.conv(batch.inputs) }
            let values = try output.toArray(Float.self).map(Double.init)
            let (count, plane) = (output.shape[0], 64)
            var batchMeans = [Double](), batchVariances = [Double]()
            for channel in 0..<4 {
                var samples: [Double] = []
                for image in 0..<count {
                    let start = (image * 4 + channel) * plane
                    samples += values[start..<(start + plane)]
                }
                let mean = samples.reduce(0, +) / Double(samples.count)
                var squares = 0.0
                for value in samples { squares += (value - mean) * (value - mean) }
                batchMeans.append(mean)
                batchVariances.append(squares / Double(samples.count - 1))
            }
            means.append(batchMeans)
            variances.append(batchVariances)
        }
        #expect(means.count == 4)  // 10 samples in batches of 3: 3 + 3 + 3 + 1
        func average(_ rows: [[Double]]) -> [Double] { (0..<4).map { c in rows.map { $0[c] }.reduce(0, +) / Double(rows.count) } }
        return (average(means), average(variances))
    }

    @Test func runningStatisticsBecomeTheAverageOverTheStatisticsBatches() throws {
        let (precise, seenPrecise) = try train(precise: 10, folder: "precise-bn-on")
        let (plain, seenPlain) = try train(precise: nil, folder: "precise-bn-off")
        #expect(precise.store.batchNormUpdateRateOverride == nil)

        // Training normalises with batch statistics: the learned weights are bit-identical with and without it.
        for entry in precise.store.parameters {
            let other = plain.store.parameters.first { $0.name == entry.name }!
            #expect(try entry.tensor.toArray(Float.self) == other.tensor.toArray(Float.self), "\(entry.name)")
        }

        let expected = try expectedStatistics(precise)
        let mean = try precise.norm.runningMean.toArray(Float.self), variance = try precise.norm.runningVar.toArray(Float.self)
        for channel in 0..<4 {
            #expect(abs(Double(mean[channel]) - expected.mean[channel]) < 1e-5 * max(1, abs(expected.mean[channel])))
            #expect(abs(Double(variance[channel]) - expected.variance[channel]) < 1e-5 * max(1, expected.variance[channel]))
        }
        // Keras' momentum 0.99 over 8 steps leaves the plain run's statistics near their start (mean 0, variance 1).
        let plainVariance = try plain.norm.runningVar.toArray(Float.self)
        #expect((0..<4).contains { abs(Double(plainVariance[$0]) - expected.variance[$0]) > 0.05 * expected.variance[$0] })

        // Validation after epoch 1 (no checkpoint then) already sees re-estimated statistics.
        #expect(seenPrecise.count == 2 && seenPlain.count == 2 && seenPrecise[0] != seenPlain[0])
    }

    /// The spec section: absent or `images: 0` means 200 images; `disabled: true` is TAO's behaviour, and so is
    /// `freeze_bn: true` (the fixture's); the value reaches the training settings and `frcnn validate`'s report.
    @Test func specSection() throws {
        let training = SpecFixtures.replacing("freeze_bn: true", with: "freeze_bn: false")
        func images(_ section: String) throws -> Int? {
            let text = SpecFixtures.replacing("training_config {", with: "training_config {\n  " + section, in: training)
            let experiment = try ExperimentSpec.parse(text, file: "spec.txt").resolved
            let settings = TrainingSettings(experiment: experiment, specText: text, resultsDirectory: "r", key: nil,
                                            hasValidationSplit: true)
            #expect(settings.preciseBatchNormImages == experiment.training.preciseBatchNormImages)
            return settings.preciseBatchNormImages
        }
        #expect(try images("") == 200)
        #expect(try images("precise_batch_norm { }") == 200)
        #expect(try images("precise_batch_norm { images: 64 }") == 64)
        #expect(try images("precise_batch_norm { disabled: true images: 64 }") == nil)
        let report = try ExperimentSpec.parse(training, file: "spec.txt").resolved.report
        #expect(report.contains("precise_batch_norm") && report.contains("200 training images"))
        let frozen = try ExperimentSpec.parse(SpecFixtures.experiment, file: "spec.txt").resolved
        let settings = TrainingSettings(experiment: frozen, specText: "", resultsDirectory: "r", key: nil, hasValidationSplit: true)
        #expect(frozen.model.freezeBatchNorm && frozen.training.preciseBatchNormImages == 200)
        #expect(frozen.preciseBatchNormImages == nil && settings.preciseBatchNormImages == nil)
        #expect(frozen.report.contains("off (freeze_bn: no batch norm trains)"))
    }
}
