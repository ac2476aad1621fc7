import Foundation

/// A 4×4 colour matrix in TAO's row-vector convention: `[r' g' b' 1] = [r g b 1] · M`, on colours scaled
/// to [0, 1]; results are clipped to [0, 1] (TAO's `ColorTransform(min_clip=0, max_clip=1)`).
public struct ColorTransform: Equatable, Sendable {
    /// Row-major 4×4 entries.
    public var m: [Double]

    public init(m: [Double]) {
        precondition(m.count == 16, "a colour matrix has 16 entries")
        self.m = m
    }

    public static let identity = ColorTransform(m: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])

    /// Hue rotation by `hue` degrees and saturation multiplier `saturation` (TAO's `hue_saturation_matrix`).
    public static func hueSaturation(hue: Double, saturation: Double) -> ColorTransform {
        let constant: [Double] = [0.299, 0.299, 0.299, 0, 0.587, 0.587, 0.587, 0, 0.114, 0.114, 0.114, 0, 0, 0, 0, 1]
        let cosinePart: [Double] = [0.701, -0.299, -0.299, 0, -0.587, 0.413, -0.587, 0, -0.114, -0.114, 0.886, 0, 0, 0, 0, 0]
        let sinePart: [Double] = [0.168, -0.328, 1.25, 0, 0.330, 0.035, -1.05, 0, -0.497, 0.292, -0.203, 0, 0, 0, 0, 0]
        let angle = hue * Double.pi / 180
        let sch = saturation * cos(angle), ssh = saturation * sin(angle)
        return ColorTransform(m: (0..<16).map { constant[$0] + sch * cosinePart[$0] + ssh * sinePart[$0] })
    }

    /// Contrast scaling by `1 + contrast` about `center` (TAO's `contrast_matrix`).
    public static func contrast(_ contrast: Double, center: Double) -> ColorTransform {
        let scale = 1 + contrast, bias = -contrast * center
        return ColorTransform(m: [scale, 0, 0, 0, 0, scale, 0, 0, 0, 0, scale, 0, bias, bias, bias, 1])
    }

    /// Adds a per-channel offset (TAO's `brightness_offset_matrix`).
    public static func brightness(offsets: [Double]) -> ColorTransform {
        ColorTransform(m: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, offsets[0], offsets[1], offsets[2], 1])
    }

    /// This transform followed by `next` (`self · next`).
    public func then(_ next: ColorTransform) -> ColorTransform {
        ColorTransform(m: (0..<16).map { entry in
            let row = entry / 4, column = entry % 4
            return (0..<4).reduce(0) { $0 + m[row * 4 + $1] * next.m[$1 * 4 + column] }
        })
    }

    /// Applies the transform to an RGB image with values 0–255, in place.
    public func apply(to image: inout FloatImage) {
        precondition(image.channels == 3, "colour transforms apply to RGB images")
        let f = m.map { Float($0) }
        image.pixels.withUnsafeMutableBufferPointer { pixels in
            var index = 0
            while index < pixels.count {
                let r = pixels[index] / 255, g = pixels[index + 1] / 255, b = pixels[index + 2] / 255
                for channel in 0..<3 {
                    let value = r * f[channel] + g * f[4 + channel] + b * f[8 + channel] + f[12 + channel]
                    pixels[index + channel] = min(max(value, 0), 1) * 255
                }
                index += 3
            }
        }
    }
}
