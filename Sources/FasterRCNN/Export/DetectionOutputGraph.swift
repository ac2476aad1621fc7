/// ``OutputParser`` as standard ONNX operators, with TAO's NMS-plugin output layout (the two tensors DeepStream's
/// `NvDsInferParseCustomNMSTLT` reads):
/// - `nms_out` [N, 1, K, 7] float: per row (image index, class id, score, x1, y1, x2, y2), the corners divided by
///   the input width W and height H (DeepStream multiplies them back), rows in descending score, rows past the
///   keep count all zero;
/// - `nms_out_1` [N, 1] int32: the keep count.
///
/// TAO's per-class NMS with a total top K: every (image, class) pair is one
/// `NonMaxSuppression` batch (at most K per class, score > the confidence threshold); the kept scores are
/// scattered into an [N, R·C] table filled with −1, in ``OutputParser``'s candidate order (RoI-major), and `TopK`
/// over that table gives the best K of all classes with the same tie order as `frcnn inference`.
struct DetectionOutputGraph {
    let settings: DetectionNMSSettings
    let regressionStd: [Float]
    let classCount: Int
    let roiCount: Int
    let imageHeight: Int
    let imageWidth: Int

    /// Output names, as TAO's `NMSDynamic_TRT` plugin names them.
    static let detectionsName = "nms_out", keepCountName = "nms_out_1"

    /// - Parameters:
    ///   - rois: [N, R, 4] proposals (y1, x1, y2, x2).
    ///   - probabilities: [N·R, C+1] softmax output, background last.
    ///   - deltas: [N·R, 4C].
    /// - Returns: the values named ``detectionsName`` and ``keepCountName``.
    func write(rois: String, probabilities: String, deltas: String, into builder: inout ONNXGraphBuilder,
               name: String) throws -> (detections: String, keepCount: String) {
        let (classes, r, k) = (classCount, roiCount, settings.maxBoxes)
        let std = try builder.addFloats(regressionStd, shape: [4], name: name + "/regressionStd")
        let scaled = builder.binary("Div", try builder.reshape(deltas, [-1, r, classes, 4], name: name + "/deltas"), std,
                                    name: name + "/scaledDeltas")
        let decoded = try ONNXBoxCoding.decode(scaled, relativeTo: try builder.unsqueeze(rois, axes: [2], name: name + "/rois"),
                                               inclusive: true, into: &builder, name: name + "/decode")
        let boxes = try ONNXBoxCoding.clip(decoded, imageHeight: imageHeight, imageWidth: imageWidth, into: &builder,
                                           name: name + "/clip")  // [N, R, C, 4]
        let scores = try builder.slice(try builder.reshape(probabilities, [-1, r, classes + 1], name: name + "/probabilities"),
                                       axis: 2, start: 0, end: classes, name: name + "/scores")  // [N, R, C]

        // One NMS batch per (image, class): b = n·C + c.
        let classBoxes = try builder.reshape(builder.transpose(boxes, [0, 2, 1, 3], name: name + "/classBoxes4"), [-1, r, 4],
                                             name: name + "/classBoxes")
        let classScores = try builder.reshape(builder.transpose(scores, [0, 2, 1], name: name + "/classScores3"), [-1, 1, r],
                                              name: name + "/classScores")
        let selected = builder.value("NonMaxSuppression", [
            classBoxes, classScores, try builder.addInt64s([Int64(k)], name: name + "/maxPerClass"),
            try builder.addFloats([settings.iouThreshold], shape: [1], name: name + "/iou"),
            try builder.addFloats([settings.confidenceThreshold], shape: [1], name: name + "/scoreThreshold"),
        ], name: name + "/nms")
        let pair = try builder.squeeze(try builder.slice(selected, axis: 1, start: 0, end: 1, name: name + "/pairColumn"),
                                       axes: [1], name: name + "/pair")
        let roi = try builder.squeeze(try builder.slice(selected, axis: 1, start: 2, end: 3, name: name + "/roiColumn"),
                                      axes: [1], name: name + "/roi")
        let classesConstant = try builder.addInt64s([Int64(classes)], shape: [], name: name + "/classCount")
        let image = builder.binary("Div", pair, classesConstant, name: name + "/image")
        let classID = builder.binary("Mod", pair, classesConstant, name: name + "/class")
        let keptScores = builder.value("GatherND", [
            try builder.reshape(classScores, [-1, r], name: name + "/pairScores"),
            builder.value("Gather", [selected, try builder.addInt64s([0, 2], name: name + "/pairAndRoIColumns")],
                          attributes: [ONNXAttribute.int("axis", 1)], name: name + "/pairAndRoI"),
        ], name: name + "/keptScores")

        // Table [N, R·C], column r·C + c: the kept score, −1 elsewhere.
        let column = builder.binary("Add", builder.binary("Mul", roi, classesConstant, name: name + "/roiTimesC"), classID,
                                    name: name + "/column")
        let position = builder.concat([try builder.unsqueeze(image, axes: [1], name: name + "/imageIndex"),
                                       try builder.unsqueeze(column, axes: [1], name: name + "/columnIndex")],
                                      axis: 1, name: name + "/position")
        let empty = try builder.filled(like: scores, keepingDimensions: 1, trailing: [r * classes], fill: -1, name: name + "/empty")
        let table = builder.value("ScatterND", [empty, position, keptScores], name: name + "/table")
        let kept = min(k, r * classes)
        let best = try builder.topK(table, count: kept, name: name + "/best")
        let valid = builder.binary("Greater", best.values, try builder.addFloats([-0.5], name: name + "/validBound"), name: name + "/valid")
        let zero = try builder.addFloats([0], name: name + "/zero")
        let bestClass = builder.binary("Mod", best.indices, classesConstant, name: name + "/bestClass")
        let bestBoxes = try builder.gatherRows(try builder.reshape(boxes, [0, r * classes, 4], name: name + "/candidateBoxes"),
                                               indices: best.indices, name: name + "/bestBoxes")  // [N, K', 4] y1x1y2x2
        let corner = try builder.columns(bestBoxes, name: name + "/corner")
        let width = try builder.addFloats([Float(imageWidth)], name: name + "/imageWidth")
        let height = try builder.addFloats([Float(imageHeight)], name: name + "/imageHeight")
        let imageIndex = builder.cast(builder.value("Expand", [
            try builder.unsqueeze(builder.value("Range", [
                try builder.addInt64s([0], shape: [], name: name + "/rangeStart"),
                try builder.squeeze(builder.value("Shape", [best.values], attributes: [ONNXAttribute.int("end", 1)],
                                                  name: name + "/batchShape"), axes: [0], name: name + "/batch"),
                try builder.addInt64s([1], shape: [], name: name + "/rangeStep"),
            ], name: name + "/images"), axes: [1], name: name + "/imageColumn"),
            builder.value("Shape", [best.values], name: name + "/rowsShape"),
        ], name: name + "/imageRows"), to: .float, name: name + "/imageIds")
        let fields = [
            try builder.unsqueeze(imageIndex, axes: [2], name: name + "/field0"),
            try builder.unsqueeze(builder.cast(bestClass, to: .float, name: name + "/classFloat"), axes: [2], name: name + "/field1"),
            try builder.unsqueeze(best.values, axes: [2], name: name + "/field2"),
            builder.binary("Div", corner[1], width, name: name + "/field3"), builder.binary("Div", corner[0], height, name: name + "/field4"),
            builder.binary("Div", corner[3], width, name: name + "/field5"), builder.binary("Div", corner[2], height, name: name + "/field6"),
        ]
        var rows = builder.value("Where", [try builder.unsqueeze(valid, axes: [2], name: name + "/validRows"),
                                           builder.concat(fields, axis: 2, name: name + "/fields"), zero], name: name + "/rows")
        if kept < k { rows = try builder.padAxis1(rows, rank: 3, count: k - kept, name: name + "/paddedRows") }
        let detections = try builder.unsqueeze(rows, axes: [1], name: Self.detectionsName)
        let keepCount = builder.value("ReduceSum", [
            builder.cast(valid, to: .int32, name: name + "/validCount"), try builder.addInt64s([1], name: name + "/countAxis"),
        ], attributes: [ONNXAttribute.int("keepdims", 1)], name: Self.keepCountName)
        return (detections, keepCount)
    }
}
