/// Intersection over union of (y1, x1, y2, x2) boxes, in the two conventions TAO mixes.
public enum BoxOverlap {
    /// Pixel-inclusive (+1) areas: w = x2 − x1 + 1, h = y2 − y1 + 1. TAO uses this for anchor and RoI target
    /// assignment (`iou_np`, `iou_tf`) and for evaluation matching.
    case inclusive
    /// Continuous areas: w = x2 − x1. TensorFlow's NMS ops (proposal and final NMS) use this.
    case continuous

    var offset: Float { self == .inclusive ? 1 : 0 }

    /// IoU of box `i` of `a` with box `j` of `b` (flat y1x1y2x2 buffers). Negative extents count as 0.
    @inline(__always)
    func iou(_ a: UnsafeBufferPointer<Float>, _ i: Int, _ b: UnsafeBufferPointer<Float>, _ j: Int) -> Float {
        iou(a, i, area: area(a, i), b, j, area: area(b, j))
    }

    /// The area of box `i` of `a` (a flat y1x1y2x2 buffer); negative extents count as 0.
    @inline(__always)
    func area(_ a: UnsafeBufferPointer<Float>, _ i: Int) -> Float {
        Swift.max(a[4 * i + 2] - a[4 * i] + offset, 0) * Swift.max(a[4 * i + 3] - a[4 * i + 1] + offset, 0)
    }

    /// ``iou(_:_:_:_:)`` with both areas already computed by ``area(_:_:)`` (NMS keeps the kept boxes' areas).
    @inline(__always)
    func iou(_ a: UnsafeBufferPointer<Float>, _ i: Int, area areaA: Float, _ b: UnsafeBufferPointer<Float>, _ j: Int,
             area areaB: Float) -> Float {
        let o = offset
        let ih = Swift.min(a[4 * i + 2], b[4 * j + 2]) - Swift.max(a[4 * i], b[4 * j]) + o
        let iw = Swift.min(a[4 * i + 3], b[4 * j + 3]) - Swift.max(a[4 * i + 1], b[4 * j + 1]) + o
        let intersection = Swift.max(ih, 0) * Swift.max(iw, 0)
        let union = areaA + areaB - intersection
        return union > 0 ? intersection / union : 0
    }

    /// The [a.count/4, b.count/4] matrix of IoUs (row-major) of flat (y1, x1, y2, x2) box lists.
    public func matrix(_ a: [Float], _ b: [Float]) -> [Float] {
        let rows = a.count / 4
        let columns = b.count / 4
        var result = [Float](repeating: 0, count: rows * columns)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                result.withUnsafeMutableBufferPointer { out in
                    for i in 0..<rows {
                        for j in 0..<columns { out[i * columns + j] = iou(pa, i, pb, j) }
                    }
                }
            }
        }
        return result
    }
}
