import CJPEG
import Foundation

/// JPEG decoding and encoding through libjpeg-turbo's TurboJPEG API.
///
/// Decoding uses the library defaults (accurate integer IDCT, fancy upsampling), the same as Pillow, so
/// pixels match Pillow's exactly for the same libjpeg-turbo algorithms.
public enum JPEGCodec {
    /// Decodes `data` to gray (1 channel) for grayscale JPEGs or RGB (3 channels) otherwise.
    /// `path` names the source in errors; CMYK/YCCK files and corrupt or truncated data are errors.
    public static func decode(_ data: Data, path: String) throws -> RasterImage {
        guard let handle = tjInitDecompress() else { throw DataError(path: path, reason: "cannot start the JPEG decoder") }
        defer { tjDestroy(handle) }
        return try data.withUnsafeBytes { raw -> RasterImage in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count > 0 else {
                throw DataError(path: path, reason: "empty JPEG file")
            }
            var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colorspace: Int32 = 0
            guard tjDecompressHeader3(handle, base, UInt(raw.count), &width, &height, &subsampling, &colorspace) == 0 else {
                throw DataError(path: path, reason: "not a readable JPEG: \(message(handle))")
            }
            if colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue) {
                throw DataError(path: path, reason: "CMYK JPEGs are not supported; convert the image to RGB")
            }
            try ImageSizeLimit.check(width: Int(width), height: Int(height), path: path)
            let gray = colorspace == Int32(TJCS_GRAY.rawValue)
            let channels = gray ? 1 : 3
            var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * channels)
            let format = gray ? TJPF_GRAY : TJPF_RGB
            let status = pixels.withUnsafeMutableBufferPointer { output in
                tjDecompress2(handle, base, UInt(raw.count), output.baseAddress, width, 0, height,
                              Int32(format.rawValue), 0)
            }
            guard status == 0 else {
                throw DataError(path: path, reason: "corrupt or truncated JPEG: \(message(handle))")
            }
            return RasterImage(width: Int(width), height: Int(height), channels: channels, pixels: pixels)
        }
    }

    /// Encodes a gray or RGB image at `quality` (1–100) with 4:2:0 chroma subsampling for RGB.
    public static func encode(_ image: RasterImage, quality: Int = 95) throws -> Data {
        precondition(image.channels == 1 || image.channels == 3, "JPEG needs gray or RGB")
        guard let handle = tjInitCompress() else { throw DataError(path: "<memory>", reason: "cannot start the JPEG encoder") }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        let format = image.channels == 1 ? TJPF_GRAY : TJPF_RGB
        let subsampling = image.channels == 1 ? TJSAMP_GRAY : TJSAMP_420
        let status = image.pixels.withUnsafeBufferPointer { input in
            tjCompress2(handle, input.baseAddress, Int32(image.width), 0, Int32(image.height), Int32(format.rawValue),
                        &output, &size, Int32(subsampling.rawValue), Int32(quality), 0)
        }
        defer { tjFree(output) }
        guard status == 0, let output else {
            throw DataError(path: "<memory>", reason: "JPEG encoding failed: \(message(handle))")
        }
        return Data(bytes: output, count: Int(size))
    }

    private static func message(_ handle: tjhandle) -> String {
        guard let text = tjGetErrorStr2(handle) else { return "unknown error" }
        return String(cString: text)
    }
}
