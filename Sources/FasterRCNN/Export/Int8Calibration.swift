import Torch

/// Post-training calibration for `--data_type int8`: runs the model over calibration batches the way the
/// exported graph does (the traced RPN part, then proposals and crops, then the traced RCNN part) and keeps, for
/// every network value of the graph, the largest magnitude seen (amax; "max" calibration). The traced parts run
/// the same tensor calls as at export, so step k of each recording is the value the export named for step k.
struct Int8Calibration {
    let model: FasterRCNNModel
    /// Value names of the RPN part's steps (``TracedGraph/append(into:name:inputs:parameters:body:)``).
    let rpnSteps: [String?]
    /// The value name of the crops the RCNN part reads.
    let cropsValue: String
    /// Value names of the RCNN part's steps.
    let rcnnSteps: [String?]
    let imageHeight: Int
    let imageWidth: Int

    /// amax by value name over `batches` (preprocessed [S, C, H, W]); the graph input is ``DetectorGraph/inputName``.
    /// - Throws: ``ExportError`` without batches, for a batch of another size, or when a recording does not
    ///   follow the export's steps.
    func ranges(over batches: [Tensor]) throws -> [String: Float] {
        guard !batches.isEmpty else { throw ExportError("int8: no calibration images") }
        let configuration = model.configuration
        let wasTraining = model.store.isTraining
        model.store.isTraining = false
        defer { model.store.isTraining = wasTraining }
        var ranges: [String: Float] = [:]
        func note(_ tensor: Tensor, _ name: String) throws {
            ranges[name] = max(ranges[name] ?? 0, Float(try tensor.abs().max().item()))
        }
        func record(_ trace: OperationTrace, _ names: [String?], part: String) throws {
            guard trace.steps.count == names.count else {
                throw ExportError("int8: the \(part) calibration run took \(trace.steps.count) steps, the export \(names.count)")
            }
            for (step, name) in zip(trace.steps, names) { if let name { try note(step.output, name) } }
        }
        for batch in batches {
            guard batch.rank == 4, batch.shape[2] == imageHeight, batch.shape[3] == imageWidth else {
                throw ExportError("int8: a calibration batch of shape \(batch.shape) does not fit the \(imageHeight)x\(imageWidth) input")
            }
            try noGrad {
                try note(batch, DetectorGraph.inputName)
                let (rpn, rpnTrace) = try OperationTrace.recording { try DetectorGraph.rpnOutputs(model, batch) }
                try record(rpnTrace, rpnSteps, part: "RPN")
                let (features, scores, deltas) = (rpn[0], rpn[1], rpn[2])
                let proposals = try ProposalLayer(settings: configuration.inferenceProposals, stdScaling: configuration.stdScaling)(
                    scores: scores, deltas: deltas, anchors: model.anchors(height: scores.shape[2], width: scores.shape[3]),
                    imageHeight: imageHeight, imageWidth: imageWidth)
                let crops = try CropAndResize(cropSize: configuration.cropSize)(
                    features: features, rois: proposals, imageHeight: imageHeight, imageWidth: imageWidth)
                try note(crops, cropsValue)
                let (_, rcnnTrace) = try OperationTrace.recording { try DetectorGraph.rcnnOutputs(model, crops) }
                try record(rcnnTrace, rcnnSteps, part: "RCNN")
            }
        }
        return ranges
    }
}
