/// The jobs of a run: `quick` (small sizes, few repetitions, a couple of minutes on 2 cores) or full.
struct Plan {
    /// The training configurations: arch and input size (height, width).
    static let demoSize = (height: 192, width: 320)
    static let kittiSize = (height: 384, width: 1248)

    let quick: Bool
    /// Sections to run (all by default).
    let sections: Set<Job.Section>

    /// The matrix-multiply job comes first: the efficiency figures divide by its rate.
    var matmul: Job {
        Job(section: .matmul, label: "matmul 2048", repetition: Repetition(warmup: 2, repeats: quick ? 5 : 20), size: 2048)
    }

    /// Models × sizes of the train and inference sections: resnet:18 at the KITTI and demo sizes,
    /// mobilenet_v2 and vgg:16 at the KITTI size (all at the demo size in quick mode).
    var models: [(arch: String, height: Int, width: Int)] {
        let big = quick ? Plan.demoSize : Plan.kittiSize
        let all: [(arch: String, height: Int, width: Int)] = [
            ("resnet:18", big.height, big.width), ("resnet:18", Plan.demoSize.height, Plan.demoSize.width),
            ("mobilenet_v2", big.height, big.width), ("vgg:16", big.height, big.width),
        ]
        var distinct: [(arch: String, height: Int, width: Int)] = []
        for model in all where !distinct.contains(where: { $0 == model }) { distinct.append(model) }
        return distinct
    }

    /// Train steps per model at batch 1, 2 and 4 (1 and 2 in quick mode), in increasing batch: their peak memory
    /// gives the line from which the largest batch is predicted (``MemoryLine``).
    var trainSeries: [[Job]] {
        let repetition = Repetition(warmup: 1, repeats: quick ? 2 : 3)
        return models.map { model in
            (quick ? [1, 2] : [1, 2, 4]).map { batch in
                Job(section: .train, label: "\(model.arch) \(model.height)x\(model.width) b\(batch)", arch: model.arch,
                    height: model.height, width: model.width, batch: batch, repetition: repetition)
            }
        }
    }

    /// `detect` at batch 1 and 8 (1 and 2 in quick mode).
    var inference: [Job] {
        let repetition = Repetition(warmup: 1, repeats: quick ? 2 : 5)
        return models.flatMap { model in
            (quick ? [1, 2] : [1, 8]).map { batch in
                Job(section: .inference, label: "\(model.arch) \(model.height)x\(model.width) b\(batch)", arch: model.arch,
                    height: model.height, width: model.width, batch: batch, repetition: repetition)
            }
        }
    }

    /// Everything after the matmul and the train section (the largest-batch searches run after these).
    var otherJobs: [Job] {
        let (h, w) = Plan.kittiSize
        var jobs = inference
        for model in quick ? Array(models.prefix(1)) : models where model.arch != "vgg:16" {
            jobs.append(Job(section: .onnxRuntime, label: "\(model.arch) \(model.height)x\(model.width) b1", arch: model.arch,
                            height: model.height, width: model.width, repetition: Repetition(warmup: 1, repeats: quick ? 2 : 5)))
        }
        jobs.append(Job(section: .evaluate, label: "resnet:18 evaluate", height: h, width: w,
                        repetition: Repetition(warmup: quick ? 0 : 1, repeats: quick ? 1 : 3), images: quick ? 4 : 32))
        for workers in [1, 2] {
            for compute in quick ? [0, 2] : [0, 1, 2] {
                jobs.append(Job(section: .loader, label: "loader w\(workers) c\(compute)", height: h, width: w, batch: 8,
                                repetition: Repetition(warmup: 1, repeats: quick ? 2 : 3), images: quick ? 16 : 64,
                                workers: workers, computeThreads: compute))
            }
        }
        jobs.append(Job(section: .dataWait, label: "resnet:18 fed by loader", height: h, width: w,
                        repetition: Repetition(warmup: quick ? 1 : 2, repeats: quick ? 3 : 10)))
        let backboneSize = quick ? Plan.demoSize : Plan.kittiSize
        for arch in ["resnet:18", "mobilenet_v2", "vgg:16"] {
            for channelsLast in [false, true] {
                jobs.append(Job(section: .backbone, label: "\(arch)\(channelsLast ? " channels-last" : "")", arch: arch,
                                height: backboneSize.height, width: backboneSize.width,
                                repetition: Repetition(warmup: 1, repeats: quick ? 3 : 10), channelsLast: channelsLast))
            }
        }
        jobs.append(Job(section: .stages, label: "CPU stages", height: h, width: w,
                        repetition: Repetition(warmup: 1, repeats: quick ? 3 : 10)))
        return jobs.filter { sections.contains($0.section) }
    }
}
