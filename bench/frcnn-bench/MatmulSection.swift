import Foundation
import Torch

/// The machine's float32 matrix-multiply rate: a size×size by size×size `matmul` (2·size³ FLOPs) with
/// libtorch's default threads. The efficiency figures of the train and inference runs divide by its median.
enum MatmulSection {
    static func run(_ job: Job) throws -> Record {
        let n = job.size
        let a = try Tensor.randn([n, n]), b = try Tensor.randn([n, n])
        let times = try measure(job.repetition) { _ = try a.matmul(b) }
        let flops = 2 * Double(n) * Double(n) * Double(n)
        var record = Record(section: job.section.rawValue, label: job.label, settings: [
            "shape": "\(n)x\(n) @ \(n)x\(n) float32", "threads": "\(Runtime.threadCount)",
            "warmup": "\(job.repetition.warmup)", "repeats": "\(job.repetition.repeats)",
        ])
        record.spreads["ms"] = Spread(times).scaled(1000)
        record.spreads["gflop_per_s"] = Spread(times.map { flops / $0 / 1e9 })
        return record
    }
}
