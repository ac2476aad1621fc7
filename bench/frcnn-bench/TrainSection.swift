import FasterRCNN
import Foundation
import Torch

/// Training steps (forward, losses, backward, SGD with momentum) on a fixed synthetic batch.
///
/// Reports the step time, images/s, the median time of each ``StepProfiler/Phase`` and the counted FLOPs:
/// the forward's convolutions and matrix products (``FLOPCounter``) times 3 for the step, since the backward
/// of a convolution or matrix product costs two forward-sized products (input and weight gradients).
enum TrainSection {
    static func run(_ job: Job) throws -> Record {
        let fixture = try DetectorFixture(arch: job.arch, height: job.height, width: job.width, batch: job.batch)
        let model = fixture.model
        model.store.isTraining = true
        let optimizer = try SGD(model.store.trainableParameters, learningRate: 1e-3, momentum: 0.9)
        let profiler = StepProfiler()
        var phases: [[StepProfiler.Phase: Duration]] = []
        func step() throws {
            profiler.start()
            let losses = try model.trainingLosses(images: fixture.images, groundTruth: fixture.truth, profiler: profiler)
            let total = try losses.total()
            try total.backward()
            profiler.mark(.backward)
            try optimizer.step()
            try optimizer.zeroGrad()
            profiler.mark(.optimizer)
            guard try total.item().isFinite else { throw TorchError("train step: the loss is not finite") }
            phases.append(profiler.durations)
        }
        // The first step also counts the forward's FLOPs; it is a warm-up step, or the first timed one without warm-up.
        let clock = ContinuousClock()
        let start = clock.now
        let forward = try FLOPCounter.counting { try step() }.flops
        var times: [Double] = []
        var repetition = job.repetition
        if repetition.warmup == 0 {
            times.append(seconds(clock.now - start))
            repetition.repeats -= 1
        } else {
            repetition.warmup -= 1
        }
        times += try measure(repetition) { try step() }
        var record = job.record()
        let batch = Double(job.batch)
        record.spreads["step_s"] = Spread(times)
        record.spreads["images_per_s"] = Spread(times.map { batch / $0 })
        for phase in StepProfiler.Phase.allCases {
            let values = phases.suffix(job.repetition.repeats).map { seconds($0[phase] ?? .zero) * 1000 }
            record.spreads["phase_\(phase.rawValue)_ms"] = Spread(values)
        }
        record.values["forward_conv_gflop_per_image"] = Double(forward.convolution) / batch / 1e9
        record.values["forward_matmul_gflop_per_image"] = Double(forward.matrixMultiply) / batch / 1e9
        record.values["step_gflop_per_image"] = 3 * Double(forward.total) / batch / 1e9
        record.values["achieved_gflop_per_s"] = record.values["step_gflop_per_image"]! * record.spreads["images_per_s"]!.median
        return record
    }
}
