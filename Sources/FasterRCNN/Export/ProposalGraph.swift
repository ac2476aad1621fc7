import Torch

/// ``ProposalLayer`` as standard ONNX operators, for a fixed input size (the anchors are a constant):
/// decode on the anchors, clip, give boxes of side ≤ 1 px the score −∞ (`NonMaxSuppression` with a score
/// threshold of −FLT_MAX then drops them, so no dynamic-size filter is needed), `TopK` of the pre-NMS count
/// (ties in anchor order, like the stable sort), `NonMaxSuppression` per image, and the kept boxes in
/// descending-score order, zero-padded to the post-NMS count: a `ScatterND` marks each kept box with
/// (count − its rank) and a second `TopK` reads them back in rank order.
struct ProposalGraph {
    let settings: ProposalSettings
    let stdScaling: Float
    let anchors: AnchorGrid
    let imageHeight: Int
    let imageWidth: Int

    /// - Parameters:
    ///   - scores: RPN objectness probabilities [N, A, h, w].
    ///   - deltas: RPN deltas [N, 4A, h, w].
    /// - Returns: proposals [N, postNMSTopN, 4] (y1, x1, y2, x2) in input pixels.
    func write(scores: String, deltas: String, into builder: inout ONNXGraphBuilder, name: String) throws -> String {
        let count = anchors.count
        let (perCell, height, width) = (anchors.anchorsPerCell, anchors.height, anchors.width)
        var scaled = deltas
        if stdScaling != 1 { scaled = try builder.binary("Div", deltas, scalar: stdScaling, name: name + "/stdScaling") }
        let perAnchor = try builder.reshape(
            builder.transpose(try builder.reshape(scaled, [0, perCell, 4, height, width], name: name + "/deltas5"),
                              [0, 1, 3, 4, 2], name: name + "/deltasLast"),
            [0, count, 4], name: name + "/deltas")
        let anchorBoxes = try builder.addInitializer(try anchors.tensor(), name: name + "/anchors")
        let decoded = try ONNXBoxCoding.decode(perAnchor, relativeTo: anchorBoxes, inclusive: false, into: &builder,
                                               name: name + "/decode")
        let boxes = try ONNXBoxCoding.clip(decoded, imageHeight: imageHeight, imageWidth: imageWidth, into: &builder,
                                           name: name + "/clip")
        let flatScores = try builder.reshape(scores, [0, count], name: name + "/scores")

        // Boxes of height or width ≤ 1 px score −∞.
        let side = try builder.columns(boxes, name: name + "/side")
        let one = try builder.addFloats([1], name: name + "/one")
        let tall = builder.binary("Greater", builder.binary("Sub", side[2], side[0], name: name + "/h"), one, name: name + "/tall")
        let wide = builder.binary("Greater", builder.binary("Sub", side[3], side[1], name: name + "/w"), one, name: name + "/wide")
        let large = try builder.squeeze(builder.binary("And", tall, wide, name: name + "/largeBoth"), axes: [2], name: name + "/large")
        let minusInfinity = try builder.addFloats([-Float.infinity], name: name + "/minusInfinity")
        let ranked = builder.value("Where", [large, flatScores, minusInfinity], name: name + "/rankedScores")

        let candidates = min(settings.preNMSTopN, count)
        let top = try builder.topK(ranked, count: candidates, name: name + "/preNMS")
        let topBoxes = try builder.gatherRows(boxes, indices: top.indices, name: name + "/topBoxes")
        let selected = builder.value("NonMaxSuppression", [
            topBoxes, try builder.unsqueeze(top.values, axes: [1], name: name + "/nmsScores"),
            try builder.addInt64s([Int64(settings.postNMSTopN)], name: name + "/maxOutput"),
            try builder.addFloats([settings.nmsIoUThreshold], shape: [1], name: name + "/iou"),
            try builder.addFloats([-Float.greatestFiniteMagnitude], shape: [1], name: name + "/scoreThreshold"),
        ], name: name + "/nms")

        // Kept box at rank r of image n (indices (n, 0, r)) gets the mark candidates − r; the rest stay 0.
        let imageAndRank = builder.value("Gather", [selected, try builder.addInt64s([0, 2], name: name + "/imageAndRankColumns")],
                                         attributes: [ONNXAttribute.int("axis", 1)], name: name + "/imageAndRank")
        let rank = try builder.squeeze(try builder.slice(selected, axis: 1, start: 2, end: 3, name: name + "/rankColumn"),
                                       axes: [1], name: name + "/rank")
        let marks = builder.binary("Sub", try builder.addFloats([Float(candidates)], name: name + "/candidates"),
                                   builder.cast(rank, to: .float, name: name + "/rankFloat"), name: name + "/marks")
        let zeros = try builder.filled(like: top.values, keepingDimensions: 2, trailing: [], fill: 0, name: name + "/unmarked")
        let marked = builder.value("ScatterND", [zeros, imageAndRank, marks], name: name + "/marked")
        let kept = min(settings.postNMSTopN, candidates)
        let order = try builder.topK(marked, count: kept, name: name + "/kept")
        let chosen = try builder.gatherRows(topBoxes, indices: order.indices, name: name + "/chosen")
        let valid = try builder.unsqueeze(builder.binary("Greater", order.values, try builder.addFloats([0], name: name + "/zero"),
                                                         name: name + "/validRows"), axes: [2], name: name + "/valid")
        let padded = builder.value("Where", [valid, chosen, try builder.addFloats([0], name: name + "/padding")],
                                   name: kept == settings.postNMSTopN ? name : name + "/keptBoxes")
        guard kept < settings.postNMSTopN else { return padded }
        return try builder.padAxis1(padded, rank: 3, count: settings.postNMSTopN - kept, name: name)
    }
}
