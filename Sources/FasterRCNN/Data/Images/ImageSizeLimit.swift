/// The largest image frcnn decodes: at most ``maxPixels`` pixels (about 15800 × 15800; 750 MB as RGB bytes, 3 GB
/// as a float tensor). The codecs check the header's size against it before allocating, so a small file that
/// claims 100000 × 100000 is an error naming the file instead of a 30 GB allocation.
public enum ImageSizeLimit {
    public static let maxPixels = 250_000_000

    /// Throws a ``DataError`` naming `path` when `width` × `height` is empty or above the limit.
    static func check(width: Int, height: Int, path: String) throws {
        guard width > 0, height > 0 else { throw DataError(path: path, reason: "the image header gives a size of \(width)x\(height)") }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maxPixels else {
            throw DataError(path: path, reason: "the image header gives \(width)x\(height) pixels, more than the limit of \(maxPixels) pixels; cut it into tiles")
        }
    }
}
