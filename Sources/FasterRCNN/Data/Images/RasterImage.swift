/// An 8-bit image in memory: `height` rows of `width` pixels, `channels` interleaved samples per pixel
/// (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA), row-major with no padding.
public struct RasterImage: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public var channels: Int
    public var pixels: [UInt8]

    /// Wraps `pixels`, which must hold `width * height * channels` samples.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * channels, "pixel count does not match the shape")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// An image filled with one colour (`color.count` is the channel count).
    public init(width: Int, height: Int, color: [UInt8]) {
        self.init(width: width, height: height, channels: color.count,
                  pixels: Array((0..<width * height).map { _ in color }.joined()))
    }

    /// The image as 1-channel gray or 3-channel RGB. Alpha is dropped; gray is replicated to RGB; RGB
    /// becomes gray with ITU-R 601-2 luma in Pillow's fixed point (`(19595 R + 38470 G + 7471 B + 2^15) >> 16`).
    public func converted(toChannels target: Int) -> RasterImage {
        precondition(target == 1 || target == 3, "only gray or RGB output")
        if channels == target { return self }
        let count = width * height
        var output = [UInt8](repeating: 0, count: count * target)
        pixels.withUnsafeBufferPointer { input in
            for index in 0..<count {
                let base = index * channels
                if target == 3 {
                    if channels <= 2 {
                        let gray = input[base]
                        output[index * 3] = gray
                        output[index * 3 + 1] = gray
                        output[index * 3 + 2] = gray
                    } else {
                        output[index * 3] = input[base]
                        output[index * 3 + 1] = input[base + 1]
                        output[index * 3 + 2] = input[base + 2]
                    }
                } else if channels <= 2 {
                    output[index] = input[base]
                } else {
                    let luma = 19595 * UInt32(input[base]) + 38470 * UInt32(input[base + 1])
                        + 7471 * UInt32(input[base + 2]) + 0x8000
                    output[index] = UInt8(luma >> 16)
                }
            }
        }
        return RasterImage(width: width, height: height, channels: target, pixels: output)
    }

    /// Fills the pixel rectangle with columns `x0..<x1` and rows `y0..<y1` (clamped to the image) with `color`.
    public mutating func fill(x0: Int, y0: Int, x1: Int, y1: Int, color: [UInt8]) {
        precondition(color.count == channels, "colour has the wrong channel count")
        for row in max(0, y0)..<min(height, y1) where x0 < x1 {
            for column in max(0, x0)..<min(width, x1) {
                let base = (row * width + column) * channels
                for channel in 0..<channels { pixels[base + channel] = color[channel] }
            }
        }
    }
}
