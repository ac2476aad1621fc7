/// Maps detections from network-input pixels back to the original image, the two ways TAO's
/// `inference` does (`scripts/inference.py`, `get_original_coordinates`, `dump_kitti_labels`).
///
/// Box convention: `x1y1x2y2` pixels in both spaces. TAO's resize ratio is network size over original
/// size per axis (`ratio = (new_h / h, new_w / w)`; one value for both axes with `size_min`).
public struct OriginalImageMapping: Sendable, Equatable {
    /// Network-input width over original width.
    public var ratioX: Double
    /// Network-input height over original height.
    public var ratioY: Double
    /// Original image width in pixels.
    public var originalWidth: Int
    /// Original image height in pixels.
    public var originalHeight: Int

    /// Creates a mapping from the two ratios and the original size.
    public init(ratioX: Double, ratioY: Double, originalWidth: Int, originalHeight: Int) {
        self.ratioX = ratioX
        self.ratioY = ratioY
        self.originalWidth = originalWidth
        self.originalHeight = originalHeight
    }

    /// The box for the KITTI label file: each coordinate multiplied by the reciprocal ratio, as TAO does
    /// (`x1 * (1.0 / ratio_w)`), neither rounded nor clipped.
    public func labelBox(_ box: BoundingBox) -> BoundingBox {
        box.scaled(x: 1.0 / ratioX, y: 1.0 / ratioY)
    }

    /// The box to draw: each coordinate divided by the ratio, rounded half to even (Python's `round`),
    /// then clipped to `[0, width − 1]` and `[0, height − 1]`.
    public func drawingBox(_ box: BoundingBox) -> PixelBox {
        func pixel(_ value: Double, _ ratio: Double, _ limit: Int) -> Int {
            max(min(Int((value / ratio).rounded(.toNearestOrEven)), limit - 1), 0)
        }
        return PixelBox(
            x1: pixel(box.x1, ratioX, originalWidth), y1: pixel(box.y1, ratioY, originalHeight),
            x2: pixel(box.x2, ratioX, originalWidth), y2: pixel(box.y2, ratioY, originalHeight))
    }
}
