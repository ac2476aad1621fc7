import Foundation

/// A 2-D affine map in TAO's row-vector convention: `[x' y' 1] = [x y 1] · M` with
/// `M = [[a, b, 0], [c, d, 0], [tx, ty, 1]]`, so `x' = a·x + c·y + tx` and `y' = b·x + d·y + ty`.
///
/// Coordinates are continuous pixel-edge coordinates: pixel column `i` spans `[i, i + 1)`, so a box
/// `x1...x2` covers the pixels whose centres lie inside it, and a horizontal flip maps `x` to `width - x`.
/// Maps go from source-image space to augmented (output) space.
public struct AffineTransform: Equatable, Sendable {
    public var a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double

    public init(a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double) {
        (self.a, self.b, self.c, self.d, self.tx, self.ty) = (a, b, c, d, tx, ty)
    }

    /// The identity map.
    public static let identity = AffineTransform(a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0)

    /// Moves every point by `(x, y)`.
    public static func translation(x: Double, y: Double) -> AffineTransform {
        AffineTransform(a: 1, b: 0, c: 0, d: 1, tx: x, ty: y)
    }

    /// Scales about the origin.
    public static func scale(x: Double, y: Double) -> AffineTransform {
        AffineTransform(a: x, b: 0, c: 0, d: y, tx: 0, ty: 0)
    }

    /// Mirrors left-right inside a canvas `width` wide (TAO's `flip_matrix`).
    public static func horizontalFlip(width: Double) -> AffineTransform {
        AffineTransform(a: -1, b: 0, c: 0, d: 1, tx: width, ty: 0)
    }

    /// Rotates by `angle` radians about the centre of a `width`×`height` canvas (TAO's `rotation_matrix`).
    public static func rotation(_ angle: Double, width: Double, height: Double) -> AffineTransform {
        let cosine = cos(angle), sine = sin(angle)
        return AffineTransform(
            a: cosine, b: sine, c: -sine, d: cosine,
            tx: height * sine / 2 - width * cosine / 2 + width / 2,
            ty: -height * cosine / 2 + height / 2 - width * sine / 2)
    }

    /// This map followed by `next` (the matrix product `self · next`).
    public func then(_ next: AffineTransform) -> AffineTransform {
        AffineTransform(
            a: a * next.a + b * next.c, b: a * next.b + b * next.d,
            c: c * next.a + d * next.c, d: c * next.b + d * next.d,
            tx: tx * next.a + ty * next.c + next.tx, ty: tx * next.b + ty * next.d + next.ty)
    }

    /// The inverse map (the matrix must be invertible).
    public var inverted: AffineTransform {
        let determinant = a * d - b * c
        precondition(determinant != 0, "singular affine transform")
        let ia = d / determinant, ib = -b / determinant, ic = -c / determinant, id = a / determinant
        return AffineTransform(a: ia, b: ib, c: ic, d: id, tx: -(tx * ia + ty * ic), ty: -(tx * ib + ty * id))
    }

    /// Maps one point.
    public func apply(x: Double, y: Double) -> (x: Double, y: Double) {
        (a * x + c * y + tx, b * x + d * y + ty)
    }

    /// Maps an axis-aligned box (x1y1x2y2) by mapping its four corners and returning their bounding box,
    /// which is exactly where the box's pixels land (for rotations too).
    public func apply(box: BoundingBox) -> BoundingBox {
        let corners = [apply(x: box.x1, y: box.y1), apply(x: box.x2, y: box.y1),
                       apply(x: box.x1, y: box.y2), apply(x: box.x2, y: box.y2)]
        return BoundingBox(x1: corners.map(\.x).min()!, y1: corners.map(\.y).min()!,
                   x2: corners.map(\.x).max()!, y2: corners.map(\.y).max()!)
    }
}
