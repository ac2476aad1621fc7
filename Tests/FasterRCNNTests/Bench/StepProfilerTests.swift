import Foundation
import Testing
import Torch
@testable import FasterRCNN

extension DetectionSuite {
    /// The training forward marks its phases on a `StepProfiler` without changing what it computes.
    @Suite struct StepProfilerTests {
        static func model() throws -> FasterRCNNModel {
            Runtime.manualSeed(3)
            let store = ParameterStore()
            let backbone = try BackboneFactory.make(
                arch: "resnet:10", options: BackboneOptions(poolSize: 3), path: store.root / "backbone")
            return try FasterRCNNModel(
                backbone: backbone, store: store, configuration: TinyTrainingTests.configuration(), seed: 4)
        }

        @Test func forwardPhasesAreMarkedAndLossesUnchanged() throws {
            let images = try TinyTrainingTests.images()
            let truth = TinyTrainingTests.objects.map { objects in
                GroundTruth(boxes: objects.flatMap(\.box), classIDs: objects.map(\.classID))
            }
            // One model (the global libtorch generator may be shared with suites running in parallel), its sampling
            // generator reset between the calls; no optimizer step, and batch norm uses batch statistics.
            let model = try Self.model()
            let plain = try model.trainingLosses(images: images, groundTruth: truth)
            model.random = DetectionRandom(seed: 4)
            let profiler = StepProfiler()
            let clock = ContinuousClock()
            let start = clock.now
            profiler.start()
            let profiled = try model.trainingLosses(images: images, groundTruth: truth, profiler: profiler)
            let elapsed = clock.now - start

            #expect(try profiled.total().item() == plain.total().item())
            let forward: [StepProfiler.Phase] = [.backbone, .rpnAndProposals, .roiSamplingAndCrop, .rcnnHead, .losses]
            #expect(Set(profiler.durations.keys) == Set(forward))
            #expect(forward.allSatisfy { profiler.durations[$0]! > .zero })
            // The phases split the time between start() and the last mark, so they cannot add up to more.
            #expect(profiler.durations.values.reduce(.zero, +) <= elapsed)
        }

        @Test func startClearsAndMarksAccumulate() {
            let profiler = StepProfiler()
            profiler.mark(.backward)
            profiler.start()
            #expect(profiler.durations.isEmpty)
            profiler.mark(.optimizer)
            let first = profiler.durations[.optimizer]!
            profiler.mark(.optimizer)
            #expect(profiler.durations[.optimizer]! >= first)
            #expect(profiler.durations.count == 1)
        }
    }
}
