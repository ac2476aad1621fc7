import Foundation
import Logging
import Testing
@testable import FasterRCNN

/// P2.9 item 6: records with NaN/inf coordinates, an absurd occlusion or a class name that is not UTF-8 were read
/// silently (shifting mAP), and an empty shard among the matched files silently shrank the split.
@Suite("TFRecord values read by the data loader")
struct RecordValuesTests {
    /// One car with a plain box.
    private static let car = FrameRecord(frameID: "image_2/000001", width: 100, height: 80, objects: [
        KITTIObject(className: "car", left: 10, top: 20, right: 30, bottom: 40),
    ])

    /// Writes `records` (serialized examples) to `folder/name` and returns the path.
    private func write(_ records: [Data], to folder: String, name: String) throws -> String {
        let path = folder + "/" + name
        let writer = try TFRecordWriter(path: path)
        for record in records { try writer.write(record) }
        try writer.finish()
        return path
    }

    /// `Self.car` as an example with `feature` replaced.
    private func modified(_ key: String, _ feature: Tensorflow_Feature) throws -> Data {
        var example = Self.car.example
        example.features.feature[key] = feature
        return try example.serializedData()
    }

    /// The training split of the spec reading every file in `folder`.
    private func load(_ folder: String) throws -> DetectionDataset {
        let experiment = try LoaderTestSupport.experiment(tfrecords: folder + "/*", images: folder)
        return try DetectionDataset.load(experiment.dataset, classes: experiment.classes, split: .training, specPath: "spec.txt")
    }

    @Test("A bad value in record 1 is an error naming the file, the record and the key",
          arguments: [
              ("target/coordinates_x1", Tensorflow_Feature.floats([.nan]), "object 0: nan is not a finite number"),
              ("target/coordinates_y2", .floats([.infinity]), "object 0: inf is not a finite number"),
              ("target/truncation", .floats([-.infinity]), "object 0: -inf is not a finite number"),
              ("target/occlusion", .int64([4]), "object 0: 4 is not a KITTI occlusion level"),
              ("target/occlusion", .int64([Int64.max]), "object 0: \(Int64.max) is not a KITTI occlusion level"),
              ("target/occlusion", .int64([-2]), "object 0: -2 is not a KITTI occlusion level"),
              ("target/object_class", .bytes([Data([0x63, 0x61, 0xFF])]), "object 0: not valid UTF-8 text (3 bytes)"),
              ("frame/id", .bytes([Data([0x69, 0xC3])]), "not valid UTF-8 text (2 bytes)"),
          ])
    func badValue(key: String, feature: Tensorflow_Feature, reason: String) throws {
        let folder = try DataTestSupport.scratchDirectory("record-values")
        let path = try write([Self.car.serialized(), modified(key, feature)], to: folder, name: "crafted.tfrecord")
        let error = try #require(throws: DataError.self) { try load(folder) }
        #expect(error.path == path && error.location == .record(1) && error.field == key, "\(error)")
        #expect(error.reason.hasPrefix(reason), "\(error)")
    }

    @Test("KITTI's occlusion levels, -1 on DontCare to 3, are read")
    func occlusionLevelsAccepted() throws {
        let folder = try DataTestSupport.scratchDirectory("record-levels")
        let levels = [-1, 0, 1, 2, 3]
        _ = try write(levels.map { try modified("target/occlusion", .int64([Int64($0)])) }, to: folder, name: "levels.tfrecord")
        #expect(try load(folder).samples.flatMap(\.objects).map(\.occlusion) == levels)
    }

    @Test("An empty shard among the matched files is listed and logged as a warning naming it")
    func emptyShard() throws {
        let folder = try DataTestSupport.scratchDirectory("record-empty")
        _ = try write([Self.car.serialized()], to: folder, name: "kitti-shard-00000-of-00002")
        let empty = try write([], to: folder, name: "kitti-shard-00001-of-00002")
        let dataset = try load(folder)
        #expect(dataset.samples.count == 1 && dataset.emptyFiles == [empty], "\(dataset.emptyFiles)")

        let logFile = folder + "/train.log"
        let sink = try ConsoleLogHandler.Sink(logFile: logFile, console: false)
        dataset.logFileNotes(to: Logger(label: "frcnn.tests") { _ in ConsoleLogHandler(sink: sink) })
        let log = try String(contentsOfFile: logFile, encoding: .utf8)
        #expect(log.contains("[WARNING] \(empty): the TFRecord file holds no records"), "\(log)")
    }
}
