import Foundation

/// Runs jobs in child processes, in order, with progress on stderr, and keeps their records.
final class Runner {
    private(set) var records: [Record] = []
    private var done = 0
    private var total: Int
    /// Called with the records after each one is kept (the parent writes a partial results file, so that an
    /// interrupted run keeps what it measured).
    var checkpoint: ([Record]) throws -> Void = { _ in }

    /// `total`: the expected number of jobs, for the progress lines (retries add to it).
    init(total: Int) { self.total = total }

    /// Runs `job` in a child; keeps its record unless `keep` is false. Nil when the child failed.
    @discardableResult
    func run(_ job: Job, keep: Bool = true) throws -> Record? {
        done += 1
        total = max(total, done)
        let memory = MemoryBudget.availableMiB().map { String(format: ", MemAvailable %.0f MiB", $0) } ?? ""
        let load = LoadAverage.now().map { String(format: "%.2f", $0) }.joined(separator: " ")
        let line = "[\(done)/\(total)] \(job.section.rawValue): \(job.label) (\(Date()), load \(load)\(memory))\n"
        FileHandle.standardError.write(Data(line.utf8))
        let record = try ChildProcess.run(job)
        if keep, let record { try append(record) }
        return record
    }

    /// Keeps `record` (one the parent made, or one run with `keep: false`).
    func append(_ record: Record) throws {
        records.append(record)
        try checkpoint(records)
    }
}
