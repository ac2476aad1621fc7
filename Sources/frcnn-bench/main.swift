// frcnn-bench: images per second decoded, augmented and batched by the data loader at 1248×384, with 0–2
// busy threads standing in for libtorch's compute threads. Usage (from the repository root):
//   frcnn-bench [--images N] [--format png|jpg] [--batch B] [--workers 1,2] [--compute 0,1,2]
import FasterRCNN
import Foundation

struct Options {
    var images = 64, batch = 8, format = "png"
    var workers = [1, 2], compute = [0, 1, 2]

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next() else { fatalError("\(flag) needs a value") }
            let list = value.split(separator: ",").compactMap { Int($0) }
            switch flag {
            case "--images": images = Int(value) ?? images
            case "--batch": batch = Int(value) ?? batch
            case "--format": format = value
            case "--workers": workers = list
            case "--compute": compute = list
            default: fatalError("unknown flag \(flag)")
            }
        }
    }
}

/// Busy threads doing dense float arithmetic, counting completed passes.
final class ComputeLoad: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    private var passes = 0

    init(threads: Int) {
        for _ in 0..<threads {
            Thread { [self] in
                var buffer = [Float](repeating: 1.0001, count: 1 << 16)
                while self.isRunning {
                    for index in buffer.indices { buffer[index] = buffer[index] * 0.999 + 0.001 }
                    self.lock.withLock { self.passes += 1 }
                }
            }.start()
        }
    }

    var isRunning: Bool { lock.withLock { running } }
    var completed: Int { lock.withLock { passes } }
    func stop() { lock.withLock { running = false } }
}

let options = Options(CommandLine.arguments)
let root = NSTemporaryDirectory() + "frcnn-bench-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: root) }
try SyntheticKITTI.write(to: root, count: options.images, width: 1248, height: 384, imageExtension: options.format,
                         maxObjects: 8, seed: 3)
let convertSpec = """
    kitti_config { root_directory_path: "\(root)" image_dir_name: "image_2" label_dir_name: "label_2"
      image_extension: ".\(options.format)" partition_mode: "random" num_partitions: 2 val_split: 0 num_shards: 0 }
    """
try convertSpec.write(toFile: root + "/convert.txt", atomically: true, encoding: .utf8)
_ = try DatasetConversion.run(spec: try DatasetExportSpec.load(path: root + "/convert.txt"),
                              outputPrefix: root + "/tfrecords/bench", validationFold: nil)
var text = try String(contentsOfFile: "specs/resnet18_kitti.txt", encoding: .utf8)
text = text.replacingOccurrences(of: "data/kitti/tfrecords/kitti_trainval/kitti_trainval*", with: root + "/tfrecords/bench*")
    .replacingOccurrences(of: "\"data/kitti/training\"", with: "\"\(root)\"")
    .replacingOccurrences(of: "image_extension: 'png'", with: "image_extension: '\(options.format)'")
    // With val_split 0, TAO's converter (and ours) names the only fold 000; use it all for training.
    .replacingOccurrences(of: "validation_fold: 0", with: "validation_fold: 1")
let experiment = try ExperimentSpec.parse(text, file: "specs/resnet18_kitti.txt").resolved
let dataset = try DetectionDataset.load(experiment.dataset, classes: experiment.classes, split: .training, specPath: "bench")
let pipeline = InputPipeline(experiment: experiment, training: true)
print("frcnn-bench: \(dataset.samples.count) synthetic \(options.format.uppercased()) images 1248x384, batch \(options.batch), "
      + "ResNet-18 KITTI spec augmentation (hflip 0.5), \(ProcessInfo.processInfo.activeProcessorCount) cores")
var decodeStart = Date()
for sample in dataset.samples { _ = try ImageFile.read(path: sample.imagePath) }
let decodeSeconds = Date().timeIntervalSince(decodeStart)
decodeStart = Date()
for (index, sample) in dataset.samples.enumerated() {
    var random = AugmentationRandom(seed: 42, epoch: 0, index: index)
    _ = try pipeline.process(sample, random: &random)
}
let processSeconds = Date().timeIntervalSince(decodeStart)
let perImage = { (seconds: Double) in String(format: "%.1f ms", 1000 * seconds / Double(dataset.samples.count)) }
print("one thread, per image: decode \(perImage(decodeSeconds)); decode + resize/augment + normalise \(perImage(processSeconds))")
print("workers  compute-threads  images/s  compute passes/s (vs alone)")
var computeAlone: [Int: Double] = [:]
for threads in options.compute where threads > 0 {
    let load = ComputeLoad(threads: threads)
    Thread.sleep(forTimeInterval: 2)
    load.stop()
    computeAlone[threads] = Double(load.completed) / 2
}
for workers in options.workers {
    for threads in options.compute {
        let load = ComputeLoad(threads: threads)
        let start = Date()
        let loader = try BatchLoader(dataset: dataset, pipeline: pipeline, batchSize: options.batch, shuffle: true,
                                     seed: 42, epoch: 0, workers: workers, prefetch: 2)
        var images = 0
        while let batch = try loader.next() { images += batch.count }
        let seconds = Date().timeIntervalSince(start)
        let passes = Double(load.completed) / seconds
        load.stop()
        let computeText = threads == 0 ? "-" : String(format: "%.0f (%.0f%%)", passes, 100 * passes / computeAlone[threads]!)
        print(String(format: "%7d  %15d  %8.1f  %@", workers, threads, Double(images) / seconds, computeText))
    }
}
