import Foundation

/// The largest training batch that fits this machine, found by running it: the model's ``MemoryLine`` predicts the
/// largest batch for the current ``MemoryBudget``, a child process runs the train step at that batch, and when the
/// child dies (a signal such as the OOM killer's, or an error) or its peak resident memory exceeds the budget, the
/// batch steps down by 10% and the child runs again, at most twice more.
struct LargestBatchSearch {
    static let retries = 2
    static let stepDown = 0.9
    /// A configuration estimated to take longer than this with one warm-up step runs without it (2 timed steps only).
    static let longRunSeconds = 15.0 * 60
    static let timedSteps = 2

    /// The model and size, e.g. "resnet:18 384x1248".
    let name: String
    let line: MemoryLine
    /// A train job of the model (arch and size; batch and repetition are replaced).
    let template: Job
    /// Step seconds per image at the largest batch measured before (for the duration estimate).
    let secondsPerImage: Double

    /// The record of the prediction alone (section `largest_batch`): the line, its batch for 24 GiB and for the
    /// budget of this moment. ``run(_:)`` adds what was tried and confirmed.
    func prediction() -> Record {
        let (budget, available) = MemoryBudget.now()
        var record = Record(section: "largest_batch", label: name, settings: [
            "method": "least-squares line of peak RSS over batches "
                + line.points.map { "\($0.batch)" }.joined(separator: ",")
                + "; predicted for 24 GiB and for the budget min(24 GiB, MemAvailable - 4 GiB)",
        ], values: [
            "fit_intercept_mib": line.intercept, "fit_mib_per_image": line.slope,
            "predicted_batch_24gib": Double(line.largestBatch(budgetMiB: MemoryBudget.machineMiB)),
            "budget_mib": budget, "predicted_batch_budget": Double(line.largestBatch(budgetMiB: budget)),
        ])
        if let available { record.values["mem_available_mib"] = available }
        return record
    }

    /// Runs the search. The confirmed batch's train record joins the runner's records (section `train`); the
    /// returned record says what was predicted, tried and confirmed (`confirmed_batch` 0 when nothing fitted), and
    /// the line refitted with the attempts' peaks (`refit_*`).
    func run(_ runner: Runner) throws -> Record {
        var record = prediction()
        let budget = record.values["budget_mib"]!
        record.settings["method"]! += "; run at that batch, on a dead child or a peak over the budget 10% smaller, "
            + "at most \(Self.retries) retries"
        var batch = line.largestBatch(budgetMiB: budget)
        var tried: [String] = []
        var measured = line.points
        record.values["confirmed_batch"] = 0
        for _ in 0...Self.retries where batch >= 1 {
            let job = timedJob(batch: batch)
            let result = try runner.run(job, keep: false)
            let peak = result?.values["peak_rss_mib"]
            if let peak { measured.append((batch, peak)) }
            if var result, let peak, peak <= budget {
                result.label = "\(name) b\(batch) (largest confirmed)"
                try runner.append(result)
                record.values["confirmed_batch"] = Double(batch)
                record.values["confirmed_peak_rss_mib"] = peak
                record.values["predicted_peak_rss_mib_at_confirmed"] = line.peakMiB(batch: batch)
                tried.append("b\(batch): peak \(Int(peak)) MiB, confirmed")
                break
            }
            tried.append(peak.map { "b\(batch): peak \(Int($0)) MiB over the budget" } ?? "b\(batch): child failed")
            batch = min(batch - 1, Int((Double(batch) * Self.stepDown).rounded(.down)))
        }
        record.settings["tried"] = tried.joined(separator: "; ")
        // The attempts' peaks extend the line to large batches, where the peak per image may differ from the small
        // batches': the refitted line's 24 GiB batch is the better prediction.
        if measured.count > line.points.count, let refit = MemoryLine(measured) {
            record.values["refit_intercept_mib"] = refit.intercept
            record.values["refit_mib_per_image"] = refit.slope
            record.values["refit_batch_24gib"] = Double(refit.largestBatch(budgetMiB: MemoryBudget.machineMiB))
        }
        return record
    }

    /// The train job at `batch`: 1 warm-up and 2 timed steps, or no warm-up when that would take over 15 minutes.
    private func timedJob(batch: Int) -> Job {
        var job = template
        job.batch = batch
        let stepSeconds = secondsPerImage * Double(batch)
        let warmup = stepSeconds * Double(1 + Self.timedSteps) <= Self.longRunSeconds ? 1 : 0
        job.repetition = Repetition(warmup: warmup, repeats: Self.timedSteps)
        job.label = "\(name) b\(batch) (largest-batch attempt)"
        return job
    }
}
