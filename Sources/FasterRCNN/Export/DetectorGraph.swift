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

    /// The number format of the network parts (backbone, RPN head, RCNN head); the input, the box arithmetic,
    /// both NMS and the outputs are float32 in every case.
    public enum Precision {
        case float32
        /// Float16 weights and compute (``Float16Conversion``).
        case float16
        /// QuantizeLinear/DequantizeLinear around every convolution and dense layer (``QDQConversion``), with
        /// activation ranges measured on `calibration`: preprocessed image batches [S, C, H, W].
        case int8(calibration: [Tensor])
    }

    /// The ONNX model of `model` for images of `imageHeight`×`imageWidth` with `channels` channels.
    /// - Parameters:
    ///   - staticBatchSize: a fixed N, or nil for a dynamic first dimension.
    ///   - opset: one of ``opsets``.
    /// - Throws: ``ExportError`` naming the reason when the model or the size cannot be exported.
    public static func model(of model: FasterRCNNModel, imageHeight: Int, imageWidth: Int, channels: Int,
                             staticBatchSize: Int? = nil, opset: Int64 = TracedGraph.opset,
                             precision: Precision = .float32) throws -> Onnx_ModelProto {
        try exported(of: model, imageHeight: imageHeight, imageWidth: imageWidth, channels: channels,
                     staticBatchSize: staticBatchSize, opset: opset, precision: precision).model
    }

    /// ``model(of:imageHeight:imageWidth:channels:staticBatchSize:opset:precision:)`` with, for INT8, the
    /// calibrated largest magnitude (amax) of every network value by its name in the graph (empty otherwise).
    public static func exported(of model: FasterRCNNModel, imageHeight: Int, imageWidth: Int, channels: Int,
                                staticBatchSize: Int? = nil, opset: Int64 = TracedGraph.opset,
                                precision: Precision = .float32) throws -> (model: Onnx_ModelProto, activationRanges: [String: Float]) {
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
        let rpn = try TracedGraph.append(into: &builder, name: "rpn", inputs: [(inputName, image)], parameters: model.store) {
            try rpnOutputs(model, $0[0])
        }
        let (features, scores, deltas) = (rpn.results[0], rpn.results[1], rpn.results[2])
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
        let rcnn = try TracedGraph.append(into: &builder, name: "rcnn", inputs: [(crops, crop)], parameters: model.store) {
            try rcnnOutputs(model, $0[0])
        }
        let outputs = try DetectionOutputGraph(
            settings: configuration.detection, regressionStd: configuration.classifierRegressionStd,
            classCount: configuration.classCount, roiCount: roiCount, imageHeight: imageHeight, imageWidth: imageWidth
        ).write(rois: proposals, probabilities: rcnn.results[0].value, deltas: rcnn.results[1].value, into: &builder, name: "nms")
        builder.addOutput(outputs.detections, type: .float, dimensions: [batch, 1, configuration.detection.maxBoxes, 7],
                          symbols: ["batch"])
        builder.addOutput(outputs.keepCount, type: .int32, dimensions: [batch, 1], symbols: ["batch"])
        var graph = builder.graph
        var ranges: [String: Float] = [:]
        switch precision {
        case .float32: break
        case .float16: try Float16Conversion.convert(&graph, halfPrefixes: networkPrefixes)
        case .int8(let calibration):
            ranges = try Int8Calibration(model: model, rpnSteps: rpn.stepValues, cropsValue: crops, rcnnSteps: rcnn.stepValues,
                                         imageHeight: imageHeight, imageWidth: imageWidth).ranges(over: calibration)
            try QDQConversion.convert(&graph, ranges: ranges, prefixes: networkPrefixes)
        }
        return (TracedGraph.wrap(graph, opset: opset), ranges)
    }

    /// The name prefixes of the traced network nodes.
    static let networkPrefixes = ["rpn/", "rcnn/"]

    /// What the graph's first traced part computes: features, objectness probabilities and RPN deltas.
    static func rpnOutputs(_ model: FasterRCNNModel, _ images: Tensor) throws -> [Tensor] {
        let (features, logits, deltas) = try model.runRPN(images)
        return [features, try logits.sigmoid(), deltas]
    }

    /// What the graph's second traced part computes from crops: class probabilities and RCNN deltas.
    static func rcnnOutputs(_ model: FasterRCNNModel, _ crops: Tensor) throws -> [Tensor] {
        let (logits, deltas) = try model.rcnn(model.backbone.head(crops))
        return [try logits.softmax(dim: 1), deltas]
    }
}
