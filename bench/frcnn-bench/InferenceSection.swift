import FasterRCNN
import Foundation
import Torch

/// `detect` (eval mode, no autograd: backbone, RPN, proposals, RCNN on every proposal, output parser) on a
/// synthetic batch: latency per image and the counted forward FLOPs (``FLOPCounter``) per image.
enum InferenceSection {
    static func run(_ job: Job) throws -> Record {
        let fixture = try DetectorFixture(arch: job.arch, height: job.height, width: job.width, batch: job.batch)
        // The first warm-up run also counts the FLOPs.
        let forward = try FLOPCounter.counting { _ = try fixture.model.detect(fixture.images) }.flops
        var repetition = job.repetition
        repetition.warmup = max(0, repetition.warmup - 1)
        let times = try measure(repetition) { _ = try fixture.model.detect(fixture.images) }
        let batch = Double(job.batch)
        var record = job.record()
        record.spreads["ms_per_image"] = Spread(times.map { $0 * 1000 / batch })
        record.spreads["images_per_s"] = Spread(times.map { batch / $0 })
        record.values["forward_conv_gflop_per_image"] = Double(forward.convolution) / batch / 1e9
        record.values["forward_matmul_gflop_per_image"] = Double(forward.matrixMultiply) / batch / 1e9
        record.values["achieved_gflop_per_s"] = Double(forward.total) / batch / 1e9 * record.spreads["images_per_s"]!.median
        return record
    }
}
