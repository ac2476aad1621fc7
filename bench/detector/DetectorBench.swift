import ArgumentParser
import FasterRCNN
import Foundation
import Torch

/// Times Faster R-CNN training steps (median of repeats) and the CPU-side detection stages on synthetic data:
/// `swift run -c release detector-bench --arch resnet:18 --height 384 --width 1248`.
@main
struct DetectorBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Median train-step time per image and per-stage timings of the detection parts.")

    @Option(help: "Backbone arch (TAO spelling).") var arch = "resnet:18"
    @Option(help: "Input height (multiple of 16).") var height = 384
    @Option(help: "Input width (multiple of 16).") var width = 1248
    @Option(help: "Images per step.") var batch = 1
    @Option(help: "Timed steps (after one warm-up step).") var repeats = 3
    @Option(help: "Objects per image.") var objects = 8
    @Option(help: "RoIs per image for the RCNN head (roi_mini_batch).") var roiMiniBatch = 256
    @Option(help: "libtorch intra-op threads (0: libtorch's default).") var threads = 0
    @Flag(help: "Run on cuda:0.") var cuda = false

    func run() throws {
        if threads > 0 { Runtime.threadCount = threads }
        Runtime.manualSeed(0)
        let device: Device = cuda ? .cuda(0) : .cpu
        let store = ParameterStore(device: device)
        let backbone = try BackboneFactory.make(arch: arch, options: BackboneOptions(), path: store.root / "backbone")
        var configuration = DetectorConfiguration(classCount: 3)
        configuration.roiMiniBatch = roiMiniBatch
        configuration.regularizer = .l2(weight: 1e-4)
        let model = try FasterRCNNModel(backbone: backbone, store: store, configuration: configuration)
        let optimizer = try SGD(store.trainableParameters, learningRate: 1e-3, momentum: 0.9)
        let images = try Tensor.randn([batch, 3, height, width], device: device)
        var generator = DetectionRandom(seed: 1)
        let truth = (0..<batch).map { _ in randomTruth(using: &generator) }
        print("\(arch) \(height)x\(width), batch \(batch), roi_mini_batch \(roiMiniBatch), \(Runtime.threadCount) threads, \(device)")

        var stepTimes: [Double] = []
        for step in 0...repeats {
            let start = Date()
            try optimizer.zeroGrad()
            let losses = try model.trainingLosses(images: images, groundTruth: truth)
            try losses.total().backward()
            try optimizer.step()
            _ = try losses.total().item()
            if step > 0 { stepTimes.append(Date().timeIntervalSince(start)) }
        }
        let median = stepTimes.sorted()[stepTimes.count / 2]
        print(String(format: "train step: median %.3f s (%.3f s per image) over %d steps", median, median / Double(batch), repeats))
        try timeStages(model: model, truth: truth[0])
    }

    func randomTruth(using generator: inout DetectionRandom) -> GroundTruth {
        var boxes: [Float] = []
        for _ in 0..<objects {
            let h = Float.random(in: 24..<Float(height) / 2, using: &generator)
            let w = Float.random(in: 24..<Float(width) / 4, using: &generator)
            let y = Float.random(in: 0..<(Float(height) - h), using: &generator)
            let x = Float.random(in: 0..<(Float(width) - w), using: &generator)
            boxes += [y, x, y + h - 1, x + w - 1]
        }
        return GroundTruth(boxes: boxes, classIDs: (0..<objects).map { $0 % 3 })
    }

    /// Medians of the CPU stages on one image: RPN targets, proposal layer (12000 → NMS → 2000), RoI sampling, NMS.
    func timeStages(model: FasterRCNNModel, truth: GroundTruth) throws {
        let configuration = model.configuration
        let grid = model.anchors(height: height / 16, width: width / 16)
        var generator = DetectionRandom(seed: 2)
        let assigner = RPNTargetAssigner(anchors: grid, imageHeight: height, imageWidth: width, configuration: configuration)
        report("RPN targets (\(grid.count) anchors)") { _ = assigner.assign(boxes: truth.boxes, using: &generator) }
        let a = configuration.anchorsPerCell
        let scores = try Tensor.rand([1, a, height / 16, width / 16])
        let deltas = try Tensor.randn([1, 4 * a, height / 16, width / 16]) * 0.1
        let layer = ProposalLayer(settings: configuration.trainingProposals, stdScaling: 1)
        var proposals = try Tensor.zeros([1])
        try reportThrowing("proposal layer (\(configuration.trainingProposals.preNMSTopN) → \(configuration.trainingProposals.postNMSTopN))") {
            proposals = try layer(scores: scores, deltas: deltas, anchors: grid, imageHeight: height, imageWidth: width)
        }
        let rows = try proposals.toArray(Float.self)
        let sampler = ProposalTargetSampler(configuration: configuration)
        report("proposal targets (\(rows.count / 4) RoIs)") { _ = sampler.sample(proposals: rows, groundTruth: truth, using: &generator) }
        var nmsBoxes: [Float] = []
        for _ in 0..<12000 {
            let y = Float.random(in: 0..<Float(height), using: &generator), x = Float.random(in: 0..<Float(width), using: &generator)
            nmsBoxes += [y, x, y + Float.random(in: 8..<160, using: &generator), x + Float.random(in: 8..<160, using: &generator)]
        }
        let nmsScores = (0..<12000).map { _ in Float.random(in: 0..<1, using: &generator) }
        var kept = 0
        report("NMS 12000 boxes, IoU 0.7, max 2000") {
            kept = NonMaxSuppression.select(boxes: nmsBoxes, scores: nmsScores, iouThreshold: 0.7, maxOutput: 2000).count
        }
        print("  (NMS kept \(kept))")
    }

    func report(_ name: String, _ body: () -> Void) {
        try? reportThrowing(name) { body() }
    }

    func reportThrowing(_ name: String, _ body: () throws -> Void) throws {
        var times: [Double] = []
        for _ in 0..<5 {
            let start = Date()
            try body()
            times.append(Date().timeIntervalSince(start))
        }
        print(String(format: "%@: median %.2f ms", name, times.sorted()[2] * 1000))
    }
}
