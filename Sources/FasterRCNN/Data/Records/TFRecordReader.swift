import Foundation

/// Reads a TFRecord file, checking both masked CRC-32C values of every record.
///
/// Errors name the file and the 0-based record index: a bad length or data checksum, or a file that ends
/// inside a record (a truncated tail).
public struct TFRecordReader {
    /// The file being read.
    public let path: String
    private let contents: Data
    private var offset: Int
    /// The 0-based index of the record `next()` reads.
    public private(set) var index = 0

    /// Reads the whole file into memory (TAO's TFRecords hold labels only, so they are small).
    public init(path: String) throws {
        self.path = path
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw DataError(path: path, reason: "cannot read the file (missing or unreadable)")
        }
        self.contents = contents
        offset = contents.startIndex
    }

    /// All records of the file at `path`, in file order.
    public static func records(atPath path: String) throws -> [Data] {
        var reader = try TFRecordReader(path: path)
        var records: [Data] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// The next record, `nil` at a clean end of file, or an error naming the record.
    public mutating func next() throws -> Data? {
        let end = contents.endIndex
        if offset == end { return nil }
        guard end - offset >= 12 else {
            throw failure("truncated tail: \(end - offset) bytes where a 12-byte record header was expected")
        }
        let lengthBytes = contents[offset..<offset + 8]
        let length = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard readUInt32(at: offset + 8) == CRC32C.masked(lengthBytes) else {
            throw failure("length checksum mismatch (corrupt record header)")
        }
        let dataStart = offset + 12
        // Compared without `length + 4`, which a crafted length near 2^64 would overflow.
        guard length <= UInt64(end - dataStart), UInt64(end - dataStart) - length >= 4 else {
            throw failure("truncated tail: a record of \(length) bytes runs past the end of the file")
        }
        let dataEnd = dataStart + Int(length)
        let data = contents[dataStart..<dataEnd]
        guard readUInt32(at: dataEnd) == CRC32C.masked(data) else {
            throw failure("data checksum mismatch (corrupt record)")
        }
        offset = dataEnd + 4
        index += 1
        return Data(data)
    }

    private func readUInt32(at position: Int) -> UInt32 {
        contents[position..<position + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }

    private func failure(_ reason: String) -> DataError {
        DataError(path: path, location: .record(index), reason: reason)
    }
}
