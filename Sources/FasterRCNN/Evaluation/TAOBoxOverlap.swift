/// The two IoU functions of TAO FasterRCNN's evaluation, both with the `+1` pixel convention: a box
/// covers the pixels `x1...x2` and `y1...y2` inclusive, so its area is `(x2 − x1 + 1) × (y2 − y1 + 1)`.
enum TAOBoxOverlap {
    /// TAO's `calc_iou` (`faster_rcnn/utils/utils.py`), used to match detections to ground truth.
    ///
    /// A box with `x1 ≥ x2` or `y1 ≥ y2` has IoU 0 with everything. The intersection is 0 when its `+1`
    /// width or height is negative, and the union gets `1e-6` added, exactly as in TAO.
    static func matchingIoU(_ a: BoundingBox, _ b: BoundingBox) -> Double {
        if a.x1 >= a.x2 || a.y1 >= a.y2 || b.x1 >= b.x2 || b.y1 >= b.y2 { return 0 }
        let width = min(a.x2, b.x2) - max(a.x1, b.x1) + 1
        let height = min(a.y2, b.y2) - max(a.y1, b.y1) + 1
        let intersection = (width < 0 || height < 0) ? 0 : width * height
        let areaA = (a.x2 - a.x1 + 1) * (a.y2 - a.y1 + 1)
        let areaB = (b.x2 - b.x1 + 1) * (b.y2 - b.y1 + 1)
        return intersection / (areaA + areaB - intersection + 1e-6)
    }

    /// TAO's `iou_np` (`faster_rcnn/layers/utils.py`), used for RPN recall: widths and heights are
    /// clamped at 0 and there is no epsilon.
    static func proposalIoU(_ a: BoundingBox, _ b: BoundingBox) -> Double {
        let width = max(min(a.x2, b.x2) - max(a.x1, b.x1) + 1, 0)
        let height = max(min(a.y2, b.y2) - max(a.y1, b.y1) + 1, 0)
        let intersection = width * height
        let areaA = max(a.x2 - a.x1 + 1, 0) * max(a.y2 - a.y1 + 1, 0)
        let areaB = max(b.x2 - b.x1 + 1, 0) * max(b.y2 - b.y1 + 1, 0)
        return intersection / (areaA + areaB - intersection)
    }

    /// TAO's integer view of a detection: each coordinate truncated toward zero (Python `int()`), then
    /// clipped to `[0, width − 1]` or `[0, height − 1]`.
    static func truncatedAndClipped(_ box: BoundingBox, width: Int, height: Int) -> BoundingBox {
        func pixel(_ value: Double, _ limit: Int) -> Double {
            Double(max(min(truncatedInteger(value), limit - 1), 0))
        }
        return BoundingBox(
            x1: pixel(box.x1, width), y1: pixel(box.y1, height),
            x2: pixel(box.x2, width), y2: pixel(box.y2, height))
    }

    /// TAO's integer view of a ground-truth box: each coordinate truncated toward zero, not clipped.
    static func truncated(_ box: BoundingBox) -> BoundingBox {
        BoundingBox(
            x1: Double(truncatedInteger(box.x1)), y1: Double(truncatedInteger(box.y1)),
            x2: Double(truncatedInteger(box.x2)), y2: Double(truncatedInteger(box.y2)))
    }

    private static func truncatedInteger(_ value: Double) -> Int {
        Int(value.rounded(.towardZero))
    }
}
