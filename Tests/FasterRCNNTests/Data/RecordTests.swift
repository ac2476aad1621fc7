import Foundation
import Testing
@testable import FasterRCNN

@Suite("TFRecord framing")
struct RecordTests {
    @Test("CRC-32C matches the standard check value and Python's crc32c")
    func crc() throws {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        let payload = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let hex = payload.map { String(format: "%02x", $0) }.joined()
        let expected = try DataTestSupport.python(
            "import sys, crc32c; d = bytes.fromhex(sys.argv[1]); c = crc32c.crc32c(d); "
                + "print(c, (((c >> 15) | (c << 17)) + 0xa282ead8) & 0xffffffff)", arguments: [hex])
            .split(separator: " ").map { UInt32($0.trimmingCharacters(in: .whitespacesAndNewlines))! }
        #expect(CRC32C.checksum(payload) == expected[0])
        #expect(CRC32C.masked(payload) == expected[1])
    }

    @Test("Records written are read back unchanged, including an empty record")
    func roundTrip() throws {
        let directory = try DataTestSupport.scratchDirectory("records")
        let path = directory + "/a.tfrecord"
        let records = [Data("hello".utf8), Data(), Data((0..<70_000).map { UInt8($0 % 251) })]
        let writer = try TFRecordWriter(path: path)
        for record in records { try writer.write(record) }
        #expect(!FileManager.default.fileExists(atPath: path), "nothing under the final name before finish()")
        try writer.finish()
        #expect(try TFRecordReader.records(atPath: path) == records)
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    @Test("An existing output file is never replaced")
    func noOverwrite() throws {
        let directory = try DataTestSupport.scratchDirectory("records")
        let path = directory + "/a.tfrecord"
        try Data("mine".utf8).write(to: URL(fileURLWithPath: path))
        let writer = try TFRecordWriter(path: path)
        try writer.write(Data("x".utf8))
        #expect(throws: DataError.self) { try writer.finish() }
        #expect(FileManager.default.contents(atPath: path) == Data("mine".utf8))
    }

    @Test("A corrupt data byte is reported with the file and record index")
    func badDataChecksum() throws {
        let (path, bytes) = try writeThreeRecords()
        var corrupt = bytes
        corrupt[12 + 3 + 4 + 12 + 1] ^= 0xFF  // inside record 1's data
        try corrupt.write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: DataError.self) { try TFRecordReader.records(atPath: path) }
        #expect(error.path == path)
        #expect(error.location == .record(1))
        #expect(error.reason.contains("data checksum"))
    }

    @Test("A corrupt length is reported as a bad header checksum")
    func badLengthChecksum() throws {
        let (path, bytes) = try writeThreeRecords()
        var corrupt = bytes
        corrupt[0] ^= 0x01
        try corrupt.write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: DataError.self) { try TFRecordReader.records(atPath: path) }
        #expect(error.location == .record(0))
        #expect(error.reason.contains("length checksum"))
    }

    @Test("Truncated tails are reported, inside a header and inside a record")
    func truncated() throws {
        let (path, bytes) = try writeThreeRecords()
        for cut in [bytes.count - 2, bytes.count - 19 + 5] {
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: DataError.self) { try TFRecordReader.records(atPath: path) }
            #expect(error.location == .record(2))
            #expect(error.reason.contains("truncated"))
        }
    }

    /// P2.9 item 4: a length near 2^64 with a matching header checksum overflowed `length + 4` (SIGILL).
    @Test("A crafted length near 2^64 with a valid header checksum is a truncated-record error",
          arguments: [UInt64.max, UInt64.max - 3, UInt64(1) << 63])
    func hugeLength(length: UInt64) throws {
        let directory = try DataTestSupport.scratchDirectory("records")
        let path = directory + "/huge.tfrecord"
        let lengthBytes = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
        let crc = CRC32C.masked(lengthBytes)
        let header = lengthBytes + (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) }
        try Data(header + [UInt8](repeating: 7, count: 20)).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: DataError.self) { try TFRecordReader.records(atPath: path) }
        #expect(error.location == .record(0) && error.reason.contains("truncated tail: a record of \(length) bytes"), "\(error)")
    }

    @Test("A missing file is an error naming it")
    func missing() throws {
        let error = try #require(throws: DataError.self) { try TFRecordReader.records(atPath: "/nonexistent/x.tfrecord") }
        #expect(error.path == "/nonexistent/x.tfrecord")
    }

    /// Three 3-byte records; returns the path and the file's bytes.
    private func writeThreeRecords() throws -> (String, Data) {
        let directory = try DataTestSupport.scratchDirectory("records")
        let path = directory + "/r.tfrecord"
        let writer = try TFRecordWriter(path: path)
        for text in ["abc", "def", "ghi"] { try writer.write(Data(text.utf8)) }
        try writer.finish()
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
