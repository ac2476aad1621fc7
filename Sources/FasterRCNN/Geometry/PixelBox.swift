/// A box of whole pixels, inclusive on all sides: it covers columns `x1...x2` and rows `y1...y2`.
public struct PixelBox: Sendable, Hashable {
    /// Left column.
    public var x1: Int
    /// Top row.
    public var y1: Int
    /// Right column (inclusive).
    public var x2: Int
    /// Bottom row (inclusive).
    public var y2: Int

    /// Creates a pixel box.
    public init(x1: Int, y1: Int, x2: Int, y2: Int) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }
}
