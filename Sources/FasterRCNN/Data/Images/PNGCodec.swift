import CPNG
import Foundation

/// PNG decoding and encoding through libpng's simplified API (which reports errors instead of jumping).
///
/// 8-bit gray, gray+alpha, RGB, RGBA and palette images (any bit depth up to 8) decode to their natural
/// channel count (palettes expand to RGB, or RGBA with transparency); 16-bit images are rejected with an
/// error, as are corrupt or truncated files.
public enum PNGCodec {
    /// Decodes `data`; `path` names the source in errors.
    public static func decode(_ data: Data, path: String) throws -> RasterImage {
        // libpng reads from the buffer until finish_read, so everything happens inside one closure.
        try data.withUnsafeBytes { raw -> RasterImage in
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            defer { png_image_free(&image) }
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                throw DataError(path: path, reason: "not a readable PNG: \(message(image))")
            }
            if image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0 {
                throw DataError(path: path, reason: "16-bit PNGs are not supported; convert the image to 8 bits per sample")
            }
            let hasColor = image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0
            let hasAlpha = image.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0
            image.format = (hasColor ? UInt32(PNG_FORMAT_FLAG_COLOR) : 0) | (hasAlpha ? UInt32(PNG_FORMAT_FLAG_ALPHA) : 0)
            let channels = (hasColor ? 3 : 1) + (hasAlpha ? 1 : 0)
            let width = Int(image.width), height = Int(image.height)
            try ImageSizeLimit.check(width: width, height: height, path: path)
            var pixels = [UInt8](repeating: 0, count: width * height * channels)
            let finished = pixels.withUnsafeMutableBytes { output in
                png_image_finish_read(&image, nil, output.baseAddress, Int32(width * channels), nil)
            }
            guard finished != 0 else { throw DataError(path: path, reason: "corrupt or truncated PNG: \(message(image))") }
            return RasterImage(width: width, height: height, channels: channels, pixels: pixels)
        }
    }

    /// Encodes an 8-bit image of 1–4 channels.
    public static func encode(_ image: RasterImage) throws -> Data {
        var header = png_image()
        header.version = UInt32(PNG_IMAGE_VERSION)
        header.width = UInt32(image.width)
        header.height = UInt32(image.height)
        let color = UInt32(PNG_FORMAT_FLAG_COLOR), alpha = UInt32(PNG_FORMAT_FLAG_ALPHA)
        header.format = [0, alpha, color, color | alpha][image.channels - 1]
        let stride = Int32(image.width * image.channels)
        var size = 0
        let measured = image.pixels.withUnsafeBytes { input in
            png_image_write_to_memory(&header, nil, &size, 0, input.baseAddress, stride, nil)
        }
        guard measured != 0 else { throw DataError(path: "<memory>", reason: "PNG encoding failed: \(message(header))") }
        var output = Data(count: size)
        let written = output.withUnsafeMutableBytes { buffer in
            image.pixels.withUnsafeBytes { input in
                png_image_write_to_memory(&header, buffer.baseAddress, &size, 0, input.baseAddress, stride, nil)
            }
        }
        guard written != 0 else { throw DataError(path: "<memory>", reason: "PNG encoding failed: \(message(header))") }
        return output.prefix(size)
    }

    private static func message(_ image: png_image) -> String {
        var copy = image.message
        return withUnsafeBytes(of: &copy) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}
