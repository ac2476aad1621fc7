import FasterRCNN
import Foundation
import Torch

/// The CPU-side detection stages of one image, each timed on its own: RPN anchor targets, the training
/// proposal layer (pre-NMS top-k → NMS → post-NMS top-k), RoI sampling and NMS of 12000 random boxes.
enum StageSection {
    static func run(_ job: Job) throws -> Record {
        let (height, width) = (job.height, job.width)
        let configuration = DetectorConfiguration(classCount: 3)
        let grid = AnchorGrid(configuration, height: height / 16, width: width / 16)
        var generator = DetectionRandom(seed: 2)
        let truth = DetectorFixture.randomTruth(objects: 8, height: height, width: width, using: &generator)
        var record = job.record()
        record.settings["anchors"] = "\(grid.count)"

        let assigner = RPNTargetAssigner(anchors: grid, imageHeight: height, imageWidth: width, configuration: configuration)
        record.spreads["rpn_targets_ms"] = Spread(measure(job.repetition) {
            _ = assigner.assign(boxes: truth.boxes, using: &generator)
        }).scaled(1000)

        let a = configuration.anchorsPerCell
        let scores = try Tensor.rand([1, a, height / 16, width / 16])
        let deltas = try Tensor.randn([1, 4 * a, height / 16, width / 16]) * 0.1
        let layer = ProposalLayer(settings: configuration.trainingProposals, stdScaling: 1)
        var proposals = try Tensor.zeros([1])
        record.spreads["proposal_layer_ms"] = Spread(try measure(job.repetition) {
            proposals = try layer(scores: scores, deltas: deltas, anchors: grid, imageHeight: height, imageWidth: width)
        }).scaled(1000)
        record.settings["proposals"] = "\(configuration.trainingProposals.preNMSTopN) → \(configuration.trainingProposals.postNMSTopN)"

        let rows = try proposals.toArray(Float.self)
        let sampler = ProposalTargetSampler(configuration: configuration)
        record.spreads["roi_sampling_ms"] = Spread(measure(job.repetition) {
            _ = sampler.sample(proposals: rows, groundTruth: truth, using: &generator)
        }).scaled(1000)

        var boxes: [Float] = []
        for _ in 0..<12000 {
            let y = Float.random(in: 0..<Float(height), using: &generator), x = Float.random(in: 0..<Float(width), using: &generator)
            boxes += [y, x, y + Float.random(in: 8..<160, using: &generator), x + Float.random(in: 8..<160, using: &generator)]
        }
        let boxScores = (0..<12000).map { _ in Float.random(in: 0..<1, using: &generator) }
        record.spreads["nms_12000_ms"] = Spread(measure(job.repetition) {
            _ = NonMaxSuppression.select(boxes: boxes, scores: boxScores, iouThreshold: 0.7, maxOutput: 2000)
        }).scaled(1000)
        return record
    }
}
