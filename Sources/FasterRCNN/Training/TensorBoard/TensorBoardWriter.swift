import Foundation
import SwiftProtobuf

/// Writes TensorBoard event files: TFRecord files of `tensorflow.Event` protos (masked-CRC32C framing), each
/// starting with a `file_version: "brain.Event:2"` event.
///
/// Events are buffered into one file until ``flush()``, which completes that file under its final name
/// (`events.out.tfevents.<unix seconds>.<host>.<pid>.<microseconds>.<part, 5 digits>`); the next event opens a new
/// part. The names sort in writing order, which is the order in which TensorBoard reads the files of a folder. A file being
/// written is named `<name>.partial` (see `TFRecordWriter`).
public final class TensorBoardWriter {
    /// The folder the event files go to.
    public let directory: String
    private let stem: String
    private var part = 0
    private var writer: TFRecordWriter?

    /// A writer into `directory`, which is created when missing.
    public init(directory: String) throws {
        self.directory = directory
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw TrainingError("\(directory): cannot create the TensorBoard folder: \(error.localizedDescription)")
        }
        let host = ProcessInfo.processInfo.hostName.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        let now = Date().timeIntervalSince1970
        stem = String(format: "events.out.tfevents.%010d.", Int(now)) + String(host)
            + String(format: ".%d.%06d", ProcessInfo.processInfo.processIdentifier, Int(now * 1e6) % 1_000_000)
    }

    /// Adds a scalar (`simple_value`, shown under TensorBoard's Scalars tab).
    public func addScalar(_ tag: String, _ value: Double, step: Int) throws {
        var entry = Tensorflow_Summary.Value()
        entry.tag = tag
        entry.simpleValue = Float(value)
        try add(entry, step: step)
    }

    /// Adds an 8-bit image with 1, 3 or 4 channels, stored as PNG.
    public func addImage(_ tag: String, _ image: RasterImage, step: Int) throws {
        var picture = Tensorflow_Summary.Image()
        picture.height = Int32(image.height)
        picture.width = Int32(image.width)
        picture.colorspace = Int32(image.channels)
        picture.encodedImageString = try PNGCodec.encode(image)
        var entry = Tensorflow_Summary.Value()
        entry.tag = tag
        entry.image = picture
        try add(entry, step: step)
    }

    /// Adds a histogram of `values` in TensorFlow's default buckets.
    public func addHistogram(_ tag: String, values: [Float], step: Int) throws {
        var entry = Tensorflow_Summary.Value()
        entry.tag = tag
        entry.histo = Histogram(values).proto
        try add(entry, step: step)
    }

    /// Completes the current file, if any, so that everything added so far is on disk under a final name.
    public func flush() throws {
        guard let writer else { return }
        self.writer = nil
        try writer.finish()
    }

    private func add(_ value: Tensorflow_Summary.Value, step: Int) throws {
        var event = Tensorflow_Event()
        event.wallTime = Date().timeIntervalSince1970
        event.step = Int64(step)
        event.summary.value = [value]
        try currentWriter().write(event.serializedData())
    }

    private func currentWriter() throws -> TFRecordWriter {
        if let writer { return writer }
        part += 1
        let path = (directory as NSString).appendingPathComponent(stem + String(format: ".%05d", part))
        let writer = try TFRecordWriter(path: path)
        var header = Tensorflow_Event()
        header.wallTime = Date().timeIntervalSince1970
        header.fileVersion = "brain.Event:2"
        try writer.write(header.serializedData())
        self.writer = writer
        return writer
    }

    /// Completes the current file, so that a writer dropped on an error path still leaves its events readable.
    deinit { try? writer?.finish() }
}
