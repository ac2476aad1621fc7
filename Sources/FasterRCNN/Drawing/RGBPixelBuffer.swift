/// An 8-bit RGB image in memory: rows top to bottom, pixels left to right, 3 bytes (R, G, B) each, no
/// row padding. Pixel (x, y) is at byte `3 × (y × width + x)`; (0, 0) is the top-left corner.
public struct RGBPixelBuffer: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width × height × 3` bytes.
    public var bytes: [UInt8]

    /// Wraps existing pixels.
    /// - Throws: ``ImageOutputError/invalidBuffer(width:height:byteCount:)`` unless the size is positive
    ///   and `bytes.count == width × height × 3`.
    public init(width: Int, height: Int, bytes: [UInt8]) throws {
        guard width > 0, height > 0, bytes.count == width * height * 3 else {
            throw ImageOutputError.invalidBuffer(width: width, height: height, byteCount: bytes.count)
        }
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// A buffer filled with one color.
    /// - Throws: ``ImageOutputError/invalidBuffer(width:height:byteCount:)`` for a non-positive size.
    public init(width: Int, height: Int, filledWith color: RGBColor) throws {
        let pixel = [color.red, color.green, color.blue]
        try self.init(width: width, height: height, bytes: Array([[UInt8]](repeating: pixel, count: max(width * height, 0)).joined()))
    }

    /// The color of pixel (x, y).
    public func pixel(x: Int, y: Int) -> RGBColor {
        let offset = 3 * (y * width + x)
        return RGBColor(red: bytes[offset], green: bytes[offset + 1], blue: bytes[offset + 2])
    }
}

/// An opaque 8-bit color.
public struct RGBColor: Sendable, Hashable, Codable {
    /// Red.
    public var red: UInt8
    /// Green.
    public var green: UInt8
    /// Blue.
    public var blue: UInt8

    /// Creates a color.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// White.
    public static let white = RGBColor(red: 255, green: 255, blue: 255)
    /// Black.
    public static let black = RGBColor(red: 0, green: 0, blue: 0)
}

/// Errors from the image outputs (annotated images, the PR curve).
public enum ImageOutputError: Error, Equatable, CustomStringConvertible {
    /// Pixel data that does not match its size.
    case invalidBuffer(width: Int, height: Int, byteCount: Int)
    /// Cairo could not create a surface or encode the PNG.
    case cairo(String)

    public var description: String {
        switch self {
        case let .invalidBuffer(width, height, byteCount):
            return "RGB image \(width)x\(height) needs \(max(width, 0) * max(height, 0) * 3) bytes, got \(byteCount)"
        case let .cairo(message):
            return "Cairo: \(message)"
        }
    }
}
