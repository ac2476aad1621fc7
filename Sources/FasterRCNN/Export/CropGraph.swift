/// ``CropAndResize`` as ONNX `GridSample`-16 (bilinear, zeros padding, `align_corners` = 1), with the sampling
/// grid built in the graph by the same arithmetic: RoIs divided by (H−1, W−1) of the input image, p points per
/// side with the end points included (the centre when p = 1), mapped to [−1, 1]. Every image has the same RoI
/// count R (proposals are zero-padded), so no batch index is needed.
struct CropGraph {
    let cropSize: Int
    let imageHeight: Int
    let imageWidth: Int

    /// - Parameters:
    ///   - features: [N, F, Hf, Wf].
    ///   - rois: [N, R, 4] (y1, x1, y2, x2) in input pixels.
    /// - Returns: crops [N·R, F, p, p], the RoIs of image 0 first.
    func write(features: String, featureChannels: Int, rois: String, roiCount: Int, into builder: inout ONNXGraphBuilder,
               name: String) throws -> String {
        let p = cropSize
        let scale = try builder.addFloats(
            [Float(imageHeight - 1), Float(imageWidth - 1), Float(imageHeight - 1), Float(imageWidth - 1)], shape: [4],
            name: name + "/scale")
        let part = try builder.columns(builder.binary("Div", rois, scale, name: name + "/normalized"), name: name + "/part")
        let steps = try builder.addFloats(
            p > 1 ? (0..<p).map { Float($0) / Float(p - 1) } : [0.5], shape: [p], name: name + "/steps")
        func samples(_ start: String, _ end: String, _ axis: String) throws -> String {
            let span = builder.binary("Mul", builder.binary("Sub", end, start, name: "\(name)/\(axis)Span"), steps,
                                      name: "\(name)/\(axis)Offsets")
            let unit = try builder.binary("Mul", builder.binary("Add", start, span, name: "\(name)/\(axis)Unit"), scalar: 2,
                                          name: "\(name)/\(axis)Twice")
            return try builder.binary("Sub", unit, scalar: 1, name: "\(name)/\(axis)s")  // [N, R, p]
        }
        let ys = try samples(part[0], part[2], "y"), xs = try samples(part[1], part[3], "x")
        // grid[n, r, i, j] = (xs[n, r, j], ys[n, r, i]).
        let gridX = builder.binary("Add", try builder.unsqueeze(xs, axes: [2], name: name + "/xRow"),
                                   try builder.addFloats([Float](repeating: 0, count: p), shape: [p, 1], name: name + "/xSpread"),
                                   name: name + "/gridX")
        let gridY = builder.binary("Add", try builder.unsqueeze(ys, axes: [3], name: name + "/yColumn"),
                                   try builder.addFloats([Float](repeating: 0, count: p), shape: [1, p], name: name + "/ySpread"),
                                   name: name + "/gridY")
        let grid = try builder.reshape(builder.concat([
            try builder.unsqueeze(gridX, axes: [4], name: name + "/gridX5"), try builder.unsqueeze(gridY, axes: [4], name: name + "/gridY5"),
        ], axis: 4, name: name + "/grid5"), [0, roiCount * p, p, 2], name: name + "/grid")
        let sampled = builder.value("GridSample", [features, grid], attributes: [
            ONNXAttribute.string("mode", "bilinear"), ONNXAttribute.string("padding_mode", "zeros"),
            ONNXAttribute.int("align_corners", 1),
        ], name: name + "/sampled")
        // [N, F, R·p, p] → [N, F, R, p, p] → [N, R, F, p, p] → [N·R, F, p, p].
        let perRoI = builder.transpose(try builder.reshape(sampled, [0, featureChannels, roiCount, p, p], name: name + "/split"),
                                       [0, 2, 1, 3, 4], name: name + "/perRoI")
        return try builder.reshape(perRoI, [-1, featureChannels, p, p], name: name)
    }
}
