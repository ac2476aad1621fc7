import Foundation

/// Writes a TFRecord file: each record is `uint64 length, uint32 masked_crc32c(length), bytes data,
/// uint32 masked_crc32c(data)`, all little-endian.
///
/// Records go to `<path>.partial`; `finish()` renames the file to `path`, so an interrupted run never
/// leaves a file that looks complete.
public final class TFRecordWriter {
    /// The final path of the file.
    public let path: String
    private let partialPath: String
    private var buffer = Data()
    private let handle: FileHandle

    /// Opens `<path>.partial` for writing.
    public init(path: String) throws {
        self.path = path
        partialPath = path + ".partial"
        let manager = FileManager.default
        guard manager.createFile(atPath: partialPath, contents: nil) else {
            throw DataError(path: partialPath, reason: "cannot create the file")
        }
        guard let handle = FileHandle(forWritingAtPath: partialPath) else {
            throw DataError(path: partialPath, reason: "cannot open the file for writing")
        }
        self.handle = handle
    }

    /// Appends one record.
    public func write(_ record: Data) throws {
        var length = UInt64(record.count).littleEndian
        let lengthBytes = withUnsafeBytes(of: &length) { Data($0) }
        var lengthCRC = CRC32C.masked(lengthBytes).littleEndian
        var dataCRC = CRC32C.masked(record).littleEndian
        buffer.append(lengthBytes)
        withUnsafeBytes(of: &lengthCRC) { buffer.append(contentsOf: $0) }
        buffer.append(record)
        withUnsafeBytes(of: &dataCRC) { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Flushes, closes and renames the file to its final name; an existing file of that name is never replaced.
    public func finish() throws {
        try flush()
        try handle.close()
        guard !FileManager.default.fileExists(atPath: path) else {
            abandon()
            throw DataError(path: path, reason: "already exists; it is left untouched")
        }
        do { try FileManager.default.moveItem(atPath: partialPath, toPath: path) } catch {
            throw DataError(path: path, reason: "cannot rename \(partialPath) to it: \(error.localizedDescription)")
        }
    }

    /// Closes and removes the partial file, for a run that failed.
    public func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partialPath)
    }

    private func flush() throws {
        do { try handle.write(contentsOf: buffer) } catch {
            throw DataError(path: partialPath, reason: "write failed: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
