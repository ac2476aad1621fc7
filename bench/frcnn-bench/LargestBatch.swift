import Foundation

/// The largest training batch that fits a memory budget, estimated from the peak resident memory of the batch-1
/// and batch-2 train jobs: peak(b) ≈ peak(1) + (b − 1) · slope, with slope = peak(2) − peak(1) per image.
struct LargestBatch {
    /// The budget the issue names: a 24 GiB machine.
    static let budgetMiB = 24.0 * 1024

    let label: String
    let batchOneMiB: Double
    let slopeMiB: Double

    /// The estimate from the batch-1 and batch-2 records of one model and size, or nil without both peaks.
    init?(batchOne: Record, batchTwo: Record, label: String) {
        guard let one = batchOne.values["peak_rss_mib"], let two = batchTwo.values["peak_rss_mib"], two > one else { return nil }
        (self.label, batchOneMiB, slopeMiB) = (label, one, two - one)
    }

    /// The largest batch whose estimated peak stays within `budgetMiB` (at least 1).
    func batch(budgetMiB: Double = LargestBatch.budgetMiB) -> Int {
        max(1, 1 + Int(((budgetMiB - batchOneMiB) / slopeMiB).rounded(.down)))
    }

    /// The record of the estimate (section `largest_batch`).
    var record: Record {
        Record(section: "largest_batch", label: label, settings: ["method": "slope of peak RSS between batch 1 and 2"],
               values: ["batch1_peak_rss_mib": batchOneMiB, "rss_mib_per_image": slopeMiB,
                        "largest_batch_24gib": Double(batch())])
    }

    /// MemAvailable of /proc/meminfo in MiB (what this machine can give a run now), or nil without /proc.
    static func availableMiB() -> Double? {
        procValue("/proc/meminfo", "MemAvailable").map { $0 / 1024 }
    }
}
