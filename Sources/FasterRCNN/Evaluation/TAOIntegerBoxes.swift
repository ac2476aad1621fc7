/// TAO's integer view of the boxes its evaluation matches (with ``BoundingBoxIoU/taoMatching(_:_:)``, `+1`
/// pixel convention: a box covers the pixels `x1...x2` and `y1...y2` inclusive).
enum TAOIntegerBoxes {
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
