/// An axis-aligned box given by its corners, in pixels: `x1y1x2y2` order (left, top, right, bottom).
///
/// Whether the right and bottom edges are inclusive (the `+1` width convention) is not a property of the
/// box but of the code that reads it; each documents its convention, and every IoU of such boxes is in
/// ``BoundingBoxIoU``:
/// - ``TAOMeanAveragePrecision`` and ``RPNRecall``: `+1` widths, `(x2 − x1 + 1) × (y2 − y1 + 1)`.
/// - ``COCOMeanAveragePrecision`` and ``KITTIBenchmarkAP``: no `+1`, `(x2 − x1) × (y2 − y1)`.
/// - The data pipeline (augmentation, resizing): continuous pixel edges, no `+1`.
public struct BoundingBox: Sendable, Hashable, Codable {
    /// Left edge.
    public var x1: Double
    /// Top edge.
    public var y1: Double
    /// Right edge.
    public var x2: Double
    /// Bottom edge.
    public var y2: Double

    /// Creates a box from its left, top, right and bottom edges.
    public init(x1: Double, y1: Double, x2: Double, y2: Double) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    /// `x2 − x1` (no `+1`).
    public var width: Double { x2 - x1 }
    /// `y2 − y1` (no `+1`).
    public var height: Double { y2 - y1 }

    /// The box stored as the four `y1x1y2x2` values at `offset` of `values`, the model's flat layout.
    public init(yxyx values: [Float], at offset: Int) {
        self.init(x1: Double(values[offset + 1]), y1: Double(values[offset]), x2: Double(values[offset + 3]),
                  y2: Double(values[offset + 2]))
    }

    /// The box in the model's flat `y1x1y2x2` layout.
    public var yxyx: [Float] { [y1, x1, y2, x2].map { Float($0) } }

    /// The box with every coordinate multiplied: x by `x`, y by `y` (for example network-input pixels to
    /// original-image pixels).
    public func scaled(x: Double, y: Double) -> BoundingBox {
        BoundingBox(x1: x1 * x, y1: y1 * y, x2: x2 * x, y2: y2 * y)
    }
}
