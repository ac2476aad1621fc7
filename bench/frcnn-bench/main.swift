// frcnn-bench: the project's measuring instrument (`make bench`, or scripts/bench). Each measured configuration
// runs in its own child process; the parent writes bench/results.json and prints a table. See docs/performance.md.
//   frcnn-bench [--quick] [--output bench/results.json] [--sections matmul,train,inference,onnx_runtime,evaluate,loader,data_wait,backbone,stages]
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

func benchmark(_ options: Options) throws {
    let clock = ContinuousClock()
    let start = clock.now
    let loadAtStart = LoadAverage.now()
    let plan = Plan(quick: options.quick, sections: options.sections)
    let series = options.sections.contains(.train) ? plan.trainSeries : []
    let runner = Runner(total: 1 + series.joined().count + (options.quick ? 0 : series.count) + plan.otherJobs.count)
    func results(complete: Bool) -> Results {
        let cpu = Results.describeCPU()
        var results = Results(
            date: ISO8601DateFormatter().string(from: Date()), mode: options.quick ? "quick" : "full", complete: complete,
            durationSeconds: seconds(clock.now - start),
            machine: .init(cpu: cpu.name, cores: ProcessInfo.processInfo.activeProcessorCount, memoryGibibytes: cpu.memoryGibibytes,
                           libtorch: Runtime.libtorchVersion, threads: Runtime.threadCount),
            loadAverageStart: loadAtStart, loadAverageEnd: LoadAverage.now(),
            matmulPeakGFLOPPerSecond: runner.records.first { $0.section == Job.Section.matmul.rawValue }?.spreads["gflop_per_s"]?.median,
            records: runner.records)
        results.addEfficiency()
        return results
    }
    runner.checkpoint = { _ in try results(complete: false).write(to: options.output) }

    try runner.run(plan.matmul)
    let searches = try series.compactMap { try trainSeries($0, runner: runner) }
    if options.quick {
        for search in searches { try runner.append(search.prediction()) }
    }
    for job in plan.otherJobs { try runner.run(job) }
    // Last: the searches run the longest steps, and a run cut short keeps everything else in its partial file.
    if !options.quick {
        for search in searches { try runner.append(try search.run(runner)) }
    }
    let final = results(complete: true)
    try final.write(to: options.output)
    print(Table.render(final))
    print("\nwrote \(options.output)")
}

/// Runs one model's train jobs (batches in increasing order) and returns the largest-batch search they allow.
/// A job is skipped when the runs before it predict a peak over the memory budget (``MemoryBudget``).
func trainSeries(_ jobs: [Job], runner: Runner) throws -> LargestBatchSearch? {
    var points: [(batch: Int, peakMiB: Double)] = []
    var largest: (job: Job, stepSeconds: Double)?
    for job in jobs {
        // The line's prediction, or with one run before, its peak scaled by the batch (an upper bound when the
        // fixed part, libtorch and the model, is not negative).
        let budget = MemoryBudget.now().budgetMiB
        let predicted = MemoryLine(points)?.peakMiB(batch: job.batch)
            ?? points.last.map { $0.peakMiB * Double(job.batch) / Double($0.batch) }
        if let predicted, predicted > budget {
            FileHandle.standardError.write(Data(String(format: "skipped %@: predicted peak %.0f MiB over the budget %.0f MiB\n",
                                                       job.label, predicted, budget).utf8))
            continue
        }
        guard let record = try runner.run(job), let peak = record.values["peak_rss_mib"],
              let step = record.spreads["step_s"]?.median else { continue }
        points.append((job.batch, peak))
        largest = (job, step)
    }
    guard let line = MemoryLine(points), let largest else { return nil }
    return LargestBatchSearch(name: "\(largest.job.arch) \(largest.job.height)x\(largest.job.width)", line: line,
                              template: largest.job, secondsPerImage: largest.stepSeconds / Double(largest.job.batch))
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
