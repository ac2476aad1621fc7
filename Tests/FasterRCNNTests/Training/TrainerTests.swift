import Foundation
import Logging
import Testing
import Torch
@testable import FasterRCNN

@Suite("Training loop")
struct TrainerTests {
    private let log = Logger(label: "frcnn.tests") { _ in SwiftLogNoOpLogHandler() }

    private func weights(_ model: TinyRegression) throws -> [String: [Float]] {
        try model.store.namedTensors().mapValues { try $0.toArray(Float.self) }
    }

    /// Interrupted after epoch 2 (the source fails on the first batch of epoch 3) and resumed from
    /// `frcnn_tiny.epoch_2.hdf5` into a model initialised differently, the run ends with bit-identical weights,
    /// optimizer state and checkpoint 4 as the uninterrupted run (10 samples, batch 3 → 4 iterations per epoch,
    /// SGD with momentum, an L2 term, soft-start schedule across the resume point, encrypted checkpoints).
    @Test func resumedRunEndsWithTheSameWeights() throws {
        let straight = try DataTestSupport.scratchDirectory("trainer-straight")
        let model = try TinyRun.model(seed: 1)
        let trainer = try Trainer(model: model, source: try TinySource(batchSize: 3, seed: 5),
                                  settings: TinyRun.settings(straight, key: "k"), log: log) { _ in ["mAP": 0.5] }
        #expect(trainer.iterationsPerEpoch == 4)
        #expect(try trainer.run() == .completed)

        let broken = try DataTestSupport.scratchDirectory("trainer-resumed")
        let interrupted = try TinySource(batchSize: 3, seed: 5)
        interrupted.interruptAt = 9
        let first = try Trainer(model: try TinyRun.model(seed: 1), source: interrupted,
                                settings: TinyRun.settings(broken, key: "k"), log: log) { _ in ["mAP": 0.5] }
        #expect(throws: TinySource.Interrupted.self) { try first.run() }
        #expect(ResultsFolder.checkpointEpochs(in: broken, stem: "frcnn_tiny") == [1, 2])

        let resumedModel = try TinyRun.model(seed: 2)
        #expect(try weights(resumedModel) != weights(model))
        let second = try Trainer(model: resumedModel, source: try TinySource(batchSize: 3, seed: 5),
                                 settings: TinyRun.settings(broken, key: "k"), log: log) { _ in ["mAP": 0.5] }
        let checkpoint = try TrainingCheckpoint.read(from: broken + "/frcnn_tiny.epoch_2.hdf5", key: "k")
        #expect(checkpoint.epoch == 2 && checkpoint.globalStep == 8)
        #expect(try second.run(resumingFrom: checkpoint) == .completed)

        #expect(try weights(resumedModel) == weights(model))
        let a = try TrainingCheckpoint.read(from: straight + "/frcnn_tiny.epoch_4.hdf5", key: "k")
        let b = try TrainingCheckpoint.read(from: broken + "/frcnn_tiny.epoch_4.hdf5", key: "k")
        #expect(a.globalStep == 16 && b.globalStep == 16)
        for (name, tensor) in a.optimizer {
            #expect(try tensor.toArray(Float.self) == b.optimizer[name]!.toArray(Float.self), "optimizer \(name)")
        }
    }

    /// Training lowers the loss, writes status.json lines and TensorBoard scalars for every step.
    @Test func statusAndTensorBoardFollowTheRun() throws {
        let folder = try DataTestSupport.scratchDirectory("trainer-outputs")
        let trainer = try Trainer(model: try TinyRun.model(seed: 3), source: try TinySource(batchSize: 3, seed: 5),
                                  settings: TinyRun.settings(folder, interval: 2), log: log) { epoch in
            ["mAP": Double(epoch) / 10, "mAP@0.50": Double(epoch) / 10]
        }
        try trainer.run()
        #expect(ResultsFolder.checkpointEpochs(in: folder, stem: "frcnn_tiny") == [2, 4])
        let lines = try String(contentsOfFile: folder + "/status.json", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)  // STARTED, 4 epochs, SUCCESS
        let epochs = try lines[1...4].map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let losses = epochs.map { Double(($0["graphical"] as! [String: String])["loss"]!)! }
        #expect(losses.last! < losses.first!)
        #expect(epochs.map { $0["epoch"] as! Int } == [1, 2, 3, 4])
        #expect((epochs[3]["kpi"] as? [String: String])?["mean average precision"] == "0.4")

        let events = try FileManager.default.contentsOfDirectory(atPath: folder + "/logs").sorted().flatMap {
            try TFRecordReader.records(atPath: folder + "/logs/" + $0).map { try Tensorflow_Event(serializedBytes: $0) }
        }
        let values = events.flatMap { event in event.summary.value.map { (event.step, $0) } }
        #expect(values.filter { $0.1.tag == "loss" }.map(\.0) == Array(0..<16))
        #expect(values.filter { $0.1.tag == "lr" }.count == 16)
        #expect(values.filter { $0.1.tag == "mAP" }.map(\.0) == [1, 2, 3, 4])
        #expect(values.filter { $0.1.tag.hasPrefix("augmented_images/") }.count == 8)
        #expect(values.filter { $0.1.tag == "conv1/weight" }.count == 4)
    }

    /// A NaN loss at the 7th iteration (epoch 2) stops the run naming the step and leaves checkpoint 1 as the
    /// last one; the weights are those after iteration 6.
    @Test func nonFiniteLossStopsTheRun() throws {
        let folder = try DataTestSupport.scratchDirectory("trainer-nan")
        let model = try TinyRun.model(seed: 4)
        model.poisonedCall = 7
        let trainer = try Trainer(model: model, source: try TinySource(batchSize: 3, seed: 5),
                                  settings: TinyRun.settings(folder), log: log)
        let error = #expect(throws: TrainingError.self) { try trainer.run() }
        #expect(error?.message.hasPrefix("epoch 2, iteration 3 (global step 6): the loss is not finite (mse_loss nan") == true)
        #expect(ResultsFolder.checkpointEpochs(in: folder, stem: "frcnn_tiny") == [1])
        #expect(try weights(model).values.allSatisfy { $0.allSatisfy(\.isFinite) })
    }

    /// min_delta larger than any change: epoch 1 improves on infinity, epochs 2 and 3 do not → stop after 3.
    @Test func earlyStoppingEndsTheRun() throws {
        let folder = try DataTestSupport.scratchDirectory("trainer-early")
        let trainer = try Trainer(
            model: try TinyRun.model(seed: 5), source: try TinySource(batchSize: 3, seed: 5),
            settings: TinyRun.settings(folder, epochs: 6, stopping: .init(minDelta: 1e9, patience: 2)), log: log)
        #expect(try trainer.run() == .stoppedEarly(epoch: 3))
        let lines = try String(contentsOfFile: folder + "/status.json", encoding: .utf8).split(separator: "\n")
        #expect(lines.last?.contains("Training stopped early after epoch 3.") == true)
    }

    /// A results folder holding a checkpoint is not trained into from scratch; nothing is written.
    @Test func refusesToOverwriteCheckpoints() throws {
        let folder = try DataTestSupport.scratchDirectory("trainer-occupied")
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/frcnn_tiny.epoch_3.hdf5"))
        let trainer = try Trainer(model: try TinyRun.model(seed: 6), source: try TinySource(batchSize: 3, seed: 5),
                                  settings: TinyRun.settings(folder), log: log)
        let error = #expect(throws: TrainingError.self) { try trainer.run() }
        #expect(error?.message.contains("already holds frcnn_tiny.epoch_3.hdf5; refusing to overwrite") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["frcnn_tiny.epoch_3.hdf5"])
    }
}
