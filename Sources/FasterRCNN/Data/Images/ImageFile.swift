import Foundation

/// Reads JPEG and PNG files, choosing the decoder from the file's signature (not its name).
public enum ImageFile {
    /// The two supported encodings.
    public enum Format: Sendable { case jpeg, png }

    /// Decodes the file at `path` (natural channel count: gray, gray+alpha, RGB or RGBA).
    public static func read(path: String) throws -> RasterImage {
        let data = try contents(path)
        switch try format(of: data, path: path) {
        case .jpeg: return try JPEGCodec.decode(data, path: path)
        case .png: return try PNGCodec.decode(data, path: path)
        }
    }

    /// Width and height from the file's header, after checking that the file is a JPEG or PNG that ends
    /// where its format says it should (an end-of-image marker in its last KiB; a final IEND chunk), which
    /// catches truncated files without decoding the pixels.
    public static func size(path: String) throws -> (width: Int, height: Int) {
        let data = try contents(path)
        let bytes = [UInt8](data)
        switch try format(of: data, path: path) {
        case .png:
            guard bytes.count >= 33, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
                throw DataError(path: path, reason: "not a readable PNG: no IHDR header")
            }
            guard bytes.count >= 45, Array(bytes[(bytes.count - 8)..<(bytes.count - 4)]) == Array("IEND".utf8) else {
                throw DataError(path: path, reason: "truncated PNG: the file does not end with an IEND chunk")
            }
            let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
            return (width, height)
        case .jpeg:
            // Entropy-coded data never holds FF D9 (FF is stuffed as FF 00), so an end marker near the end
            // means the scan is complete; trailing bytes some cameras append are tolerated.
            let tail = bytes.suffix(1024)
            guard zip(tail, tail.dropFirst()).contains(where: { $0 == 0xFF && $1 == 0xD9 }) else {
                throw DataError(path: path, reason: "truncated JPEG: no end-of-image marker at the end of the file")
            }
            return try jpegFrameSize(bytes, path: path)
        }
    }

    /// The format of `data`, from its first bytes.
    public static func format(of data: Data, path: String) throws -> Format {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        throw DataError(path: path, reason: "not a JPEG or PNG image (unrecognised signature)")
    }

    private static func contents(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(path: path, reason: "cannot read the image (missing or unreadable)")
        }
        return data
    }

    /// Walks the JPEG markers to the first start-of-frame segment and reads its size.
    private static func jpegFrameSize(_ bytes: [UInt8], path: String) throws -> (width: Int, height: Int) {
        var offset = 2
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { break }
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let isFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isFrame, offset + 9 <= bytes.count {
                let height = Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6])
                let width = Int(bytes[offset + 7]) << 8 | Int(bytes[offset + 8])
                return (width, height)
            }
            offset += 2 + length
        }
        throw DataError(path: path, reason: "not a readable JPEG: no frame header found")
    }
}
