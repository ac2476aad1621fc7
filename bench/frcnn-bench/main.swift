// frcnn-bench: the project's measuring instrument (`make bench`, or scripts/bench). Each measured configuration
// runs in its own child process; the parent writes bench/results.json and prints a table. See docs/performance.md.
//   frcnn-bench [--quick] [--output bench/results.json] [--sections matmul,train,inference,evaluate,loader,data_wait,backbone,stages]
// Run from the repository root (the loader sections read specs/resnet18_kitti.txt).
import FasterRCNN
import Foundation
import Torch

struct Options {
    var quick = false
    var output = "bench/results.json"
    var sections = Set(Job.Section.allCases)

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            switch flag {
            case "--quick": quick = true
            case "--output":
                guard let path = rest.popFirst() else { throw TorchError("--output needs a path") }
                output = path
            case "--sections":
                guard let list = rest.popFirst() else { throw TorchError("--sections needs a comma-separated list") }
                sections = Set(try list.split(separator: ",").map { name in
                    guard let section = Job.Section(rawValue: String(name)) else {
                        throw TorchError("--sections: unknown section '\(name)' (known: "
                            + Job.Section.allCases.map(\.rawValue).joined(separator: ", ") + ")")
                    }
                    return section
                })
            default: throw TorchError("unknown argument '\(flag)' (usage: frcnn-bench [--quick] [--output PATH] [--sections LIST])")
            }
        }
    }
}

/// Runs jobs in child processes, in order, with progress on stderr, and keeps their records.
final class Runner {
    private(set) var records: [Record] = []
    private var done = 0
    let total: Int

    init(total: Int) { self.total = total }

    @discardableResult
    func run(_ job: Job) throws -> Record? {
        done += 1
        FileHandle.standardError.write(Data("[\(done)/\(total)] \(job.section.rawValue): \(job.label)\n".utf8))
        let record = try ChildProcess.run(job)
        if let record { records.append(record) }
        return record
    }

    func append(_ record: Record) { records.append(record) }
}

func benchmark(_ options: Options) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let plan = Plan(quick: options.quick, sections: options.sections)
    let trainJobs = options.sections.contains(.train) ? plan.train : []
    let largestJobs = options.quick ? 0 : trainJobs.count / 2
    let runner = Runner(total: 1 + trainJobs.count + largestJobs + plan.otherJobs.count)
    let matmul = try runner.run(plan.matmul)
    var trainRecords: [String: Record] = [:]
    for job in trainJobs { trainRecords[job.label] = try runner.run(job) }
    for pair in stride(from: 0, to: trainJobs.count, by: 2) {
        let (one, two) = (trainJobs[pair], trainJobs[pair + 1])
        let name = "\(one.arch) \(one.height)x\(one.width)"
        guard let first = trainRecords[one.label], let second = trainRecords[two.label],
              let estimate = LargestBatch(batchOne: first, batchTwo: second, label: name) else { continue }
        runner.append(estimate.record)
        guard !options.quick else { continue }
        // Time the estimated largest batch where this machine has the memory now (a shared machine may not).
        let fitting = LargestBatch.availableMiB().map { estimate.batch(budgetMiB: $0 - 1024) } ?? estimate.batch()
        var job = one
        job.batch = min(estimate.batch(), fitting)
        job.repetition = Repetition(warmup: 1, repeats: 2)  // a step at the largest batch takes minutes
        job.label = "\(name) b\(job.batch) (largest\(job.batch < estimate.batch() ? " that fit the free memory" : ""))"
        if job.batch > 2 { try runner.run(job) }
    }
    for job in plan.otherJobs { try runner.run(job) }

    let cpu = Results.describeCPU()
    let formatter = ISO8601DateFormatter()
    var results = Results(
        date: formatter.string(from: Date()), mode: options.quick ? "quick" : "full", durationSeconds: seconds(clock.now - start),
        machine: .init(cpu: cpu.name, cores: ProcessInfo.processInfo.activeProcessorCount, memoryGibibytes: cpu.memoryGibibytes,
                       libtorch: Runtime.libtorchVersion, threads: Runtime.threadCount),
        matmulPeakGFLOPPerSecond: matmul?.spreads["gflop_per_s"]?.median, records: runner.records)
    results.addEfficiency()
    try results.write(to: options.output)
    print(Table.render(results))
    print("\nwrote \(options.output)")
}

do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == ChildProcess.flag, arguments.count == 2 {
        try ChildProcess.serve(arguments[1])
    } else {
        try benchmark(try Options(arguments))
    }
} catch {
    FileHandle.standardError.write(Data("frcnn-bench: \(error)\n".utf8))
    exit(1)
}
