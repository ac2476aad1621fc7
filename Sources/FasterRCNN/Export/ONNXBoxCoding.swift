/// ``BoxCoding``'s decode and clip written as ONNX nodes, operation for operation, so that the exported graph
/// rounds like `frcnn inference`. Boxes are (y1, x1, y2, x2) in input pixels; deltas (dx, dy, dw, dh).
enum ONNXBoxCoding {
    /// Applies `deltas` [..., 4] to `boxes` [..., 4] (broadcast); +1 widths when `inclusive` (the RCNN output
    /// decode), plain widths otherwise (the RPN proposal decode); dw and dh clamped to ``BoxCoding/maxLogScale``.
    static func decode(_ deltas: String, relativeTo boxes: String, inclusive: Bool, into builder: inout ONNXGraphBuilder,
                       name: String) throws -> String {
        let box = try builder.columns(boxes, name: name + "/box")
        let delta = try builder.columns(deltas, name: name + "/delta")
        var height = builder.binary("Sub", box[2], box[0], name: name + "/height")
        var width = builder.binary("Sub", box[3], box[1], name: name + "/width")
        if inclusive {
            height = try builder.binary("Add", height, scalar: 1, name: name + "/height1")
            width = try builder.binary("Add", width, scalar: 1, name: name + "/width1")
        }
        let centerY = builder.binary("Add", box[0], try builder.binary("Mul", height, scalar: 0.5, name: name + "/halfHeight"),
                                     name: name + "/centerY")
        let centerX = builder.binary("Add", box[1], try builder.binary("Mul", width, scalar: 0.5, name: name + "/halfWidth"),
                                     name: name + "/centerX")
        let newCenterX = builder.binary("Add", builder.binary("Mul", delta[0], width, name: name + "/dx"), centerX,
                                        name: name + "/newCenterX")
        let newCenterY = builder.binary("Add", builder.binary("Mul", delta[1], height, name: name + "/dy"), centerY,
                                        name: name + "/newCenterY")
        let limit = try builder.addFloats([BoxCoding.maxLogScale], name: name + "/maxLogScale")
        let newWidth = builder.binary("Mul", builder.value("Exp", [builder.binary("Min", delta[2], limit, name: name + "/dw")],
                                                           name: name + "/expW"), width, name: name + "/newWidth")
        let newHeight = builder.binary("Mul", builder.value("Exp", [builder.binary("Min", delta[3], limit, name: name + "/dh")],
                                                            name: name + "/expH"), height, name: name + "/newHeight")
        let halfHeight = try builder.binary("Mul", newHeight, scalar: 0.5, name: name + "/newHalfHeight")
        let halfWidth = try builder.binary("Mul", newWidth, scalar: 0.5, name: name + "/newHalfWidth")
        return builder.concat([
            builder.binary("Sub", newCenterY, halfHeight, name: name + "/y1"), builder.binary("Sub", newCenterX, halfWidth, name: name + "/x1"),
            builder.binary("Add", newCenterY, halfHeight, name: name + "/y2"), builder.binary("Add", newCenterX, halfWidth, name: name + "/x2"),
        ], axis: -1, name: name)
    }

    /// Clips [..., 4] boxes to [0, H−1] × [0, W−1].
    static func clip(_ boxes: String, imageHeight: Int, imageWidth: Int, into builder: inout ONNXGraphBuilder,
                     name: String) throws -> String {
        let lower = try builder.addFloats([0], name: name + "/lower")
        let upper = try builder.addFloats(
            [Float(imageHeight - 1), Float(imageWidth - 1), Float(imageHeight - 1), Float(imageWidth - 1)], shape: [4],
            name: name + "/upper")
        return builder.binary("Min", builder.binary("Max", boxes, lower, name: name + "/atLeast0"), upper, name: name)
    }
}
