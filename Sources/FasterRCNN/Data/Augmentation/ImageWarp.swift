import Foundation

/// A float image, `height` rows of `width` pixels with `channels` interleaved samples (HWC), values 0–255.
public struct FloatImage: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var pixels: [Float]

    public init(width: Int, height: Int, channels: Int, pixels: [Float]) {
        precondition(pixels.count == width * height * channels, "pixel count does not match the shape")
        (self.width, self.height, self.channels, self.pixels) = (width, height, channels, pixels)
    }
}

/// Resamples an image through an affine map, the pixel side of every spatial augmentation.
public enum ImageWarp {
    /// Renders `image` mapped by `transform` (source → output space) onto a `width`×`height` canvas with
    /// bilinear interpolation; output pixels that map outside the source are 0 (TAO's background value).
    /// Each output pixel centre `(x + 0.5, y + 0.5)` is mapped back through the inverse, so flips and
    /// integer translations copy pixels exactly.
    public static func warp(_ image: RasterImage, by transform: AffineTransform, width: Int, height: Int) -> FloatImage {
        let inverse = transform.inverted
        if inverse.b == 0, inverse.c == 0 { return warpAxisAligned(image, inverse: inverse, width: width, height: height) }
        let channels = image.channels
        let sourceWidth = image.width, sourceHeight = image.height
        var output = [Float](repeating: 0, count: width * height * channels)
        image.pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for row in 0..<height {
                    let centreY = Double(row) + 0.5
                    for column in 0..<width {
                        let centreX = Double(column) + 0.5
                        let u = inverse.a * centreX + inverse.c * centreY + inverse.tx - 0.5
                        let v = inverse.b * centreX + inverse.d * centreY + inverse.ty - 0.5
                        let x0 = Int(u.rounded(.down)), y0 = Int(v.rounded(.down))
                        if x0 < -1 || y0 < -1 || x0 >= sourceWidth || y0 >= sourceHeight { continue }
                        let fx = Float(u - Double(x0)), fy = Float(v - Double(y0))
                        let base = (row * width + column) * channels
                        @inline(__always) func add(_ x: Int, _ y: Int, _ weight: Float) {
                            guard weight != 0, x >= 0, y >= 0, x < sourceWidth, y < sourceHeight else { return }
                            let sourceBase = (y * sourceWidth + x) * channels
                            for channel in 0..<channels {
                                target[base + channel] += weight * Float(source[sourceBase + channel])
                            }
                        }
                        add(x0, y0, (1 - fx) * (1 - fy))
                        add(x0 + 1, y0, fx * (1 - fy))
                        add(x0, y0 + 1, (1 - fx) * fy)
                        add(x0 + 1, y0 + 1, fx * fy)
                    }
                }
            }
        }
        return FloatImage(width: width, height: height, channels: channels, pixels: output)
    }

    /// Bilinear taps along one axis: for each output index, the first source index and the weights of it and
    /// the next one (0 for taps outside the source).
    private static func taps(count: Int, scale: Double, offset: Double, sourceCount: Int) -> [(index: Int, w0: Float, w1: Float)] {
        (0..<count).map { position in
            let u = scale * (Double(position) + 0.5) + offset - 0.5
            let first = Int(u.rounded(.down))
            let fraction = Float(u - Double(first))
            let w0: Float = first >= 0 && first < sourceCount ? 1 - fraction : 0
            let w1: Float = first + 1 >= 0 && first + 1 < sourceCount ? fraction : 0
            return (min(max(first, 0), sourceCount - 1), w0, w1)
        }
    }

    /// The same resampling for maps without rotation (resize, flip, zoom, translation, crop), separably.
    private static func warpAxisAligned(_ image: RasterImage, inverse: AffineTransform, width: Int, height: Int) -> FloatImage {
        let channels = image.channels, sourceWidth = image.width
        let columns = taps(count: width, scale: inverse.a, offset: inverse.tx, sourceCount: image.width)
        let rows = taps(count: height, scale: inverse.d, offset: inverse.ty, sourceCount: image.height)
        var output = [Float](repeating: 0, count: width * height * channels)
        image.pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for (row, tap) in rows.enumerated() where tap.w0 != 0 || tap.w1 != 0 {
                    let upper = tap.index * sourceWidth * channels
                    let lower = min(tap.index + 1, image.height - 1) * sourceWidth * channels
                    for (column, across) in columns.enumerated() where across.w0 != 0 || across.w1 != 0 {
                        let left = across.index * channels, right = min(across.index + 1, sourceWidth - 1) * channels
                        let base = (row * width + column) * channels
                        for channel in 0..<channels {
                            let top = across.w0 * Float(source[upper + left + channel]) + across.w1 * Float(source[upper + right + channel])
                            let bottom = across.w0 * Float(source[lower + left + channel]) + across.w1 * Float(source[lower + right + channel])
                            target[base + channel] = tap.w0 * top + tap.w1 * bottom
                        }
                    }
                }
            }
        }
        return FloatImage(width: width, height: height, channels: channels, pixels: output)
    }
}
