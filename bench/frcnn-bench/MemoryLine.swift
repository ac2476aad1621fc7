/// A least-squares line through the peak resident memory of one model's train runs at several batches:
/// peak(b) ≈ intercept + slope · b (MiB). With batches 1, 2 and 4 it averages out some of the noise that a
/// two-point slope carries.
///
/// Example (by hand): peaks 1000, 1400, 2300 MiB at batches 1, 2, 4 give mean batch 7/3, mean peak 4700/3,
/// Σ(b − b̄)² = 14/3, Σ(b − b̄)(p − p̄) = 6100/3, so slope = 6100/14 ≈ 435.7 MiB per image and
/// intercept = 4700/3 − slope · 7/3 = 550 MiB; a budget of 24 GiB (24576 MiB) then allows ⌊(24576 − 550)/435.7⌋ = 55.
struct MemoryLine {
    /// Predicted peak at batch 0 (the process, libtorch and the model), MiB.
    let intercept: Double
    /// Predicted peak per image of the batch, MiB.
    let slope: Double
    /// The points the line was fitted to.
    let points: [(batch: Int, peakMiB: Double)]

    /// The least-squares fit, or nil with fewer than two distinct batches or a slope that is not positive.
    init?(_ points: [(batch: Int, peakMiB: Double)]) {
        let count = Double(points.count)
        let meanBatch = points.map { Double($0.batch) }.reduce(0, +) / count
        let meanPeak = points.map(\.peakMiB).reduce(0, +) / count
        let sxx = points.map { (Double($0.batch) - meanBatch) * (Double($0.batch) - meanBatch) }.reduce(0, +)
        let sxy = points.map { (Double($0.batch) - meanBatch) * ($0.peakMiB - meanPeak) }.reduce(0, +)
        guard sxx > 0, sxy > 0 else { return nil }
        slope = sxy / sxx
        intercept = meanPeak - slope * meanBatch
        self.points = points
    }

    /// The predicted peak at `batch`, MiB.
    func peakMiB(batch: Int) -> Double { intercept + slope * Double(batch) }

    /// The largest batch whose predicted peak stays within `budgetMiB`, or 0 when not even batch 1 does.
    func largestBatch(budgetMiB: Double) -> Int {
        max(0, Int(((budgetMiB - intercept) / slope).rounded(.down)))
    }
}
