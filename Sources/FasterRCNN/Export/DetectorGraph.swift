import Torch

/// The whole detector as one ONNX model of standard operators: what `frcnn export` writes.
///
/// Input `input_image` [N, C, H, W] after TAO's preprocessing (the network's channel order, means subtracted,
/// divided by the scaling factor); N is dynamic unless a static batch size is given. The backbone, RPN head and
/// RCNN head are traced from the model (``TracedGraph``); the proposal layer, the crop and the output parser are
/// written operator for operator (``ProposalGraph``, ``CropGraph``, ``DetectionOutputGraph``) with the settings
/// of the model's configuration (for `frcnn export`: `inference_config`'s). Outputs: see ``DetectionOutputGraph``.
public enum DetectorGraph {
    /// The input's name, as in TAO's exported graph.
    public static let inputName = "input_image"
    /// The opsets the graph can be written at: GridSample needs 16; ReduceMean's `axes` became an input in 18.
    public static let opsets: ClosedRange<Int64> = 16...17

    /// The ONNX model of `model` for images of `imageHeight`×`imageWidth` with `channels` channels.
    /// - Parameters:
    ///   - staticBatchSize: a fixed N, or nil for a dynamic first dimension.
    ///   - opset: one of ``opsets``.
    ///   - halfPrecision: the backbone, RPN head and RCNN head in float16 (``Float16Conversion``); input, box
    ///     arithmetic, NMS and outputs stay float32.
    /// - Throws: ``ExportError`` naming the reason when the model or the size cannot be exported.
    public static func model(of model: FasterRCNNModel, imageHeight: Int, imageWidth: Int, channels: Int,
                             staticBatchSize: Int? = nil, opset: Int64 = TracedGraph.opset,
                             halfPrecision: Bool = false) throws -> Onnx_ModelProto {
        guard opsets.contains(opset) else {
            throw ExportError("opset \(opset) is not supported: the graph needs GridSample (opset 16) and is written at opsets \(opsets.lowerBound)–\(opsets.upperBound)")
        }
        let stride = DetectorConfiguration.stride
        guard imageHeight >= stride, imageWidth >= stride else {
            throw ExportError("the input \(imageHeight)x\(imageWidth) is smaller than the network stride \(stride)")
        }
        if let staticBatchSize, staticBatchSize < 1 {
            throw ExportError("--static_batch_size \(staticBatchSize): a static batch size is at least 1 (or -1 for a dynamic batch)")
        }
        let configuration = model.configuration
        let device = model.store.all.first?.tensor.device ?? .cpu
        var builder = ONNXGraphBuilder(name: "frcnn")
        let batch: Int? = staticBatchSize
        builder.addInput(inputName, type: .float, dimensions: [batch, channels, imageHeight, imageWidth], symbols: ["batch"])

        let image = try Tensor.zeros([2, channels, imageHeight, imageWidth], device: device)
        let rpn = try TracedGraph.append(into: &builder, name: "rpn", inputs: [(inputName, image)], parameters: model.store) { inputs in
            let (features, logits, deltas) = try model.runRPN(inputs[0])
            return [features, try logits.sigmoid(), deltas]
        }
        let (features, scores, deltas) = (rpn[0], rpn[1], rpn[2])
        let (featureChannels, height, width) = (features.shape[1], features.shape[2], features.shape[3])
        let grid = AnchorGrid(configuration, height: height, width: width)
        let proposals = try ProposalGraph(
            settings: configuration.inferenceProposals, stdScaling: configuration.stdScaling, anchors: grid,
            imageHeight: imageHeight, imageWidth: imageWidth
        ).write(scores: scores.value, deltas: deltas.value, into: &builder, name: "proposal")
        let roiCount = configuration.inferenceProposals.postNMSTopN
        let crops = try CropGraph(cropSize: configuration.cropSize, imageHeight: imageHeight, imageWidth: imageWidth)
            .write(features: features.value, featureChannels: featureChannels, rois: proposals, roiCount: roiCount,
                   into: &builder, name: "crop_and_resize")
        let crop = try Tensor.zeros([2, featureChannels, configuration.cropSize, configuration.cropSize], device: device)
        let rcnn = try TracedGraph.append(into: &builder, name: "rcnn", inputs: [(crops, crop)], parameters: model.store) { inputs in
            let (logits, deltas) = try model.rcnn(model.backbone.head(inputs[0]))
            return [try logits.softmax(dim: 1), deltas]
        }
        let outputs = try DetectionOutputGraph(
            settings: configuration.detection, regressionStd: configuration.classifierRegressionStd,
            classCount: configuration.classCount, roiCount: roiCount, imageHeight: imageHeight, imageWidth: imageWidth
        ).write(rois: proposals, probabilities: rcnn[0].value, deltas: rcnn[1].value, into: &builder, name: "nms")
        builder.addOutput(outputs.detections, type: .float, dimensions: [batch, 1, configuration.detection.maxBoxes, 7],
                          symbols: ["batch"])
        builder.addOutput(outputs.keepCount, type: .int32, dimensions: [batch, 1], symbols: ["batch"])
        var graph = builder.graph
        if halfPrecision { try Float16Conversion.convert(&graph, halfPrefixes: ["rpn/", "rcnn/"]) }
        return TracedGraph.wrap(graph, opset: opset)
    }
}
