import Torch

/// What ``FasterRCNNModel/detect(_:)`` returns for a batch.
public struct DetectionOutput {
    /// The final detections (CPU tensors).
    public let detections: Detections
    /// [N, postNMSTopN, 4] RPN proposals (y1, x1, y2, x2) in input pixels, zero-padded, on the model's device
    /// (for RPN recall).
    public let proposals: Tensor
}

/// TAO's Faster R-CNN: a stride-16 backbone, the RPN (`rpn_conv1`, `rpn_out_class`,
/// `rpn_out_regress`), the proposal layer, CropAndResize, the backbone's per-RoI head and the RCNN outputs
/// (`dense_class_td`, `dense_regress_td`). Boxes are (y1, x1, y2, x2) in input-image pixels throughout.
///
/// Training: `store.isTraining = true`, then `try model.trainingLosses(images:groundTruth:).total()` and
/// backward; RPN and RoI targets are computed on the CPU per image with the model's seeded ``random``.
/// Inference: ``detect(_:)`` (eval mode, no autograd) returns the detections and the proposals.
public final class FasterRCNNModel {
    public let backbone: any Backbone
    public let configuration: DetectorConfiguration
    /// The store holding the backbone's and the detector's parameters (RPN and RCNN layers at the root).
    public let store: ParameterStore
    public let rpn: RPNHead
    public let rcnn: DetectionHead
    /// The generator of the RPN anchor and RoI sampling.
    public var random: DetectionRandom
    private var anchorCache: [Int: AnchorGrid] = [:]

    /// Adds the RPN and RCNN layers to `store` (at its root: `rpn_conv1.weight`, ..., `dense_regress_td.bias`)
    /// on top of `backbone`, which must have been built in the same store with a matching crop size.
    public init(backbone: any Backbone, store: ParameterStore, configuration: DetectorConfiguration, seed: UInt64 = 0) throws {
        try configuration.validate()
        self.backbone = backbone
        self.configuration = configuration
        self.store = store
        rpn = try RPNHead(store.root, inChannels: backbone.featureChannels, anchorsPerCell: configuration.anchorsPerCell)
        rcnn = try DetectionHead(store.root, inFeatures: backbone.headOutputSize, classCount: configuration.classCount)
        random = DetectionRandom(seed: seed)
        // Shapes stored in the store (a pruned model's file) may change channels, never the anchors or classes.
        let anchors = configuration.anchorsPerCell, classes = configuration.classCount
        for (layer, weight, expected) in [("rpn_out_class", rpn.classifier.weight, anchors), ("rpn_out_regress", rpn.regressor.weight, 4 * anchors),
                                          ("dense_class_td", rcnn.classifier.weight, classes + 1), ("dense_regress_td", rcnn.regressor.weight, 4 * classes)]
        where weight.shape[0] != expected {
            throw DetectorConfigurationError(
                field: layer, message: "the model has \(weight.shape[0]) outputs here, the spec's anchors and classes give \(expected)")
        }
    }

    /// The anchors of an h×w feature map (cached).
    public func anchors(height: Int, width: Int) -> AnchorGrid {
        let key = height << 32 | width
        if let grid = anchorCache[key] { return grid }
        let grid = AnchorGrid(configuration, height: height, width: width)
        anchorCache[key] = grid
        return grid
    }

    /// Backbone features and RPN outputs: features [N, F, h, w], logits [N, A, h, w], deltas [N, 4A, h, w].
    func runRPN(_ images: Tensor, profiler: StepProfiler? = nil) throws -> (features: Tensor, logits: Tensor, deltas: Tensor) {
        guard images.rank == 4 else { throw TorchError("Faster R-CNN: images must be [N, C, H, W], got \(images.shape)") }
        let features = try backbone.features(images)
        profiler?.mark(.backbone)
        let (logits, deltas) = try rpn(features)
        return (features, logits, deltas)
    }

    /// RCNN outputs for RoIs [N, R, 4]: class logits [N·R, C+1] and deltas [N·R, 4C].
    func runRCNN(
        features: Tensor, rois: Tensor, imageHeight: Int, imageWidth: Int, profiler: StepProfiler? = nil
    ) throws -> (logits: Tensor, deltas: Tensor) {
        let crops = try CropAndResize(cropSize: configuration.cropSize)(
            features: features, rois: rois, imageHeight: imageHeight, imageWidth: imageWidth)
        profiler?.mark(.roiSamplingAndCrop)
        let outputs = try rcnn(backbone.head(crops))
        profiler?.mark(.rcnnHead)
        return outputs
    }

    /// One training forward: the four weighted losses and the regularization.
    /// - Parameters:
    ///   - images: [N, C, H, W] preprocessed images on the model's device.
    ///   - groundTruth: N entries, boxes in the same pixels as `images`.
    ///   - profiler: if given, the forward's phases are marked on it (the caller calls its `start()` first).
    public func trainingLosses(
        images: Tensor, groundTruth: [GroundTruth], profiler: StepProfiler? = nil
    ) throws -> DetectionLosses {
        let (batch, imageHeight, imageWidth) = (images.shape[0], images.shape[2], images.shape[3])
        guard groundTruth.count == batch else {
            throw TorchError("Faster R-CNN: \(batch) images but \(groundTruth.count) ground-truth entries")
        }
        for (n, truth) in groundTruth.enumerated() {
            if let bad = truth.classIDs.first(where: { !(0..<configuration.classCount).contains($0) }) {
                throw TorchError("Faster R-CNN: image \(n) has class id \(bad), expected 0..<\(configuration.classCount)")
            }
        }
        let device = images.device
        let (features, logits, deltas) = try runRPN(images, profiler: profiler)
        let (height, width) = (logits.shape[2], logits.shape[3])
        let grid = anchors(height: height, width: width)
        let weights = configuration.lossWeights

        // RPN targets on the CPU, per image.
        let assigner = RPNTargetAssigner(anchors: grid, imageHeight: imageHeight, imageWidth: imageWidth, configuration: configuration)
        let rpnTargets = groundTruth.map { assigner.assign(boxes: $0.boxes, using: &random) }
        let labels = try Tensor(rpnTargets.flatMap(\.labels), shape: [batch, grid.count]).to(device: device)
        let mask = try Tensor(rpnTargets.flatMap(\.weights), shape: [batch, grid.count]).to(device: device)
        let targetDeltas = try Tensor(rpnTargets.flatMap(\.deltas), shape: [batch, grid.count, 4]).to(device: device)
        let anchorsPerCell = configuration.anchorsPerCell
        let flatLogits = try logits.reshape([batch, grid.count])
        let flatDeltas = try deltas.reshape([batch, anchorsPerCell, 4, height, width]).permute([0, 1, 3, 4, 2])
            .reshape([batch, grid.count, 4])
        profiler?.mark(.rpnAndProposals)
        let rpnClass = try DetectionLoss.rpnClass(
            logits: flatLogits.to(dtype: .float32), labels: labels, weights: mask,
            miniBatch: configuration.rpnMiniBatch, lambda: weights.rpnClass)
        let rpnRegression = try DetectionLoss.rpnRegression(
            deltas: flatDeltas.to(dtype: .float32), targets: targetDeltas, positives: labels,
            miniBatch: configuration.rpnMiniBatch, lambda: weights.rpnRegression)
        profiler?.mark(.losses)

        // Proposals, then RoI sampling on the CPU.
        let proposals = try ProposalLayer(settings: configuration.trainingProposals, stdScaling: configuration.stdScaling)(
            scores: logits.detach().sigmoid(), deltas: deltas, anchors: grid, imageHeight: imageHeight,
            imageWidth: imageWidth)
        let sampler = ProposalTargetSampler(configuration: configuration)
        let proposalRows = try proposals.to(dtype: .float32, device: .cpu).toArray(Float.self)
        profiler?.mark(.rpnAndProposals)
        let perImage = proposalRows.count / max(batch, 1)
        let sampled = (0..<batch).map { n in
            sampler.sample(
                proposals: Array(proposalRows[(n * perImage)..<((n + 1) * perImage)]), groundTruth: groundTruth[n],
                using: &random)
        }
        let roiCount = configuration.roiMiniBatch
        let classes = configuration.classCount + 1
        let rois = try Tensor(sampled.flatMap(\.rois), shape: [batch, roiCount, 4]).to(dtype: features.dtype, device: device)
        let oneHot = try Tensor(sampled.flatMap(\.classTargets), shape: [batch * roiCount, classes]).to(device: device)
        let regressionTargets = try Tensor(
            sampled.flatMap(\.regressionTargets), shape: [batch * roiCount, configuration.classCount * 8]
        ).to(device: device)
        let (classLogits, boxDeltas) = try runRCNN(
            features: features, rois: rois, imageHeight: imageHeight, imageWidth: imageWidth, profiler: profiler)
        let rcnnClass = try DetectionLoss.rcnnClass(
            logits: classLogits.to(dtype: .float32), oneHot: oneHot, miniBatch: roiCount, batch: batch,
            lambda: weights.rcnnClass)
        let rcnnRegression = try DetectionLoss.rcnnRegression(
            deltas: boxDeltas.to(dtype: .float32), targets: regressionTargets, miniBatch: roiCount, batch: batch,
            lambda: weights.rcnnRegression)
        let losses = DetectionLosses(
            rpnClass: rpnClass, rpnRegression: rpnRegression, rcnnClass: rcnnClass, rcnnRegression: rcnnRegression,
            regularization: try configuration.regularizer.penalty(store).to(dtype: .float32))
        profiler?.mark(.losses)
        return losses
    }

    /// Inference on preprocessed images [N, C, H, W]: proposals with the inference settings, RCNN on all of them
    /// (zero-padded ones included, as in TAO), then the output parser. Runs in eval mode without autograd and
    /// restores the store's mode afterwards.
    public func detect(_ images: Tensor) throws -> DetectionOutput {
        let wasTraining = store.isTraining
        store.isTraining = false
        defer { store.isTraining = wasTraining }
        return try noGrad {
            let (imageHeight, imageWidth) = (images.shape[2], images.shape[3])
            let (features, logits, deltas) = try runRPN(images)
            let grid = anchors(height: logits.shape[2], width: logits.shape[3])
            let proposals = try ProposalLayer(settings: configuration.inferenceProposals, stdScaling: configuration.stdScaling)(
                scores: logits.sigmoid(), deltas: deltas, anchors: grid, imageHeight: imageHeight, imageWidth: imageWidth)
            let (classLogits, boxDeltas) = try runRCNN(
                features: features, rois: proposals, imageHeight: imageHeight, imageWidth: imageWidth)
            let (batch, roiCount) = (proposals.shape[0], proposals.shape[1])
            let probabilities = try classLogits.to(dtype: .float32).softmax(dim: 1).reshape([batch, roiCount, -1])
            let detections = try OutputParser(
                settings: configuration.detection, regressionStd: configuration.classifierRegressionStd
            )(rois: proposals.to(dtype: .float32), probabilities: probabilities,
              deltas: boxDeltas.to(dtype: .float32).reshape([batch, roiCount, -1]), imageHeight: imageHeight,
              imageWidth: imageWidth)
            return DetectionOutput(detections: detections, proposals: proposals)
        }
    }
}
