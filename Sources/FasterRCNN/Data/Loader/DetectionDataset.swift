import Foundation
import Logging

/// One ground-truth object in original-image pixels, x1y1x2y2 in continuous pixel-edge coordinates
/// (no +1 convention), with its model class id.
public struct GroundTruthObject: Equatable, Sendable {
    public var box: BoundingBox
    /// Index into `ClassMap.names` (never the background id).
    public var classID: Int
    /// TAO's difficult flag: KITTI occlusion ≥ 1.
    public var difficult: Bool
    /// KITTI truncation (field 2) as stored in the record; read only by the KITTI benchmark metric.
    public var truncation: Double
    /// KITTI occlusion (field 3) as stored in the record; read only by the KITTI benchmark metric.
    public var occlusion: Int

    public init(box: BoundingBox, classID: Int, difficult: Bool, truncation: Double = 0, occlusion: Int? = nil) {
        (self.box, self.classID, self.difficult) = (box, classID, difficult)
        self.truncation = truncation
        self.occlusion = occlusion ?? (difficult ? 1 : 0)
    }
}

/// One image of a split: where its file is and its mapped objects.
public struct DetectionSample: Equatable, Sendable {
    /// `image_directory_path/frame_id.image_extension`.
    public var imagePath: String
    public var frameID: String
    /// Objects whose class `target_class_mapping` keeps; unmapped classes are dropped.
    public var objects: [GroundTruthObject]
}

/// The samples of one split, read from the TFRecords named by `dataset_config`, with every record's CRC and values
/// checked (errors name the file, the record and the key: see ``FrameRecord/init(serialized:path:record:)``).
public struct DetectionDataset: Sendable {
    /// Which part of `dataset_config` to read.
    public enum Split: Sendable { case training, validation }

    public let samples: [DetectionSample]
    /// Class names by id (background last).
    public let classes: ClassMap
    /// Files the `tfrecords_path` patterns matched that `dataset_convert` writes beside the records
    /// (``sideFileSuffixes``) and that were therefore not read; callers tell the user.
    public let skippedSideFiles: [String]
    /// Files the `tfrecords_path` patterns matched that hold no record. `dataset_convert` (like TAO's converter)
    /// writes such shards when `num_shards` exceeds a fold's images, so they are not an error; but a shard emptied
    /// by a failed copy looks the same and silently shrinks the split, so callers warn (``logFileNotes(to:)``).
    public let emptyFiles: [String]

    /// The names `dataset_convert` gives the files it writes next to the shards: `PREFIX_warning.json`, and
    /// `.partial` for a file still being written (or left by a killed run). A pattern like `kitti*` matches them.
    public static let sideFileSuffixes = ["_warning.json", ".partial"]

    public init(samples: [DetectionSample], classes: ClassMap, skippedSideFiles: [String] = [], emptyFiles: [String] = []) {
        self.samples = samples
        self.classes = classes
        self.skippedSideFiles = skippedSideFiles
        self.emptyFiles = emptyFiles
    }

    /// Tells the user about the matched files that gave no samples: a warning naming each empty file, and a note
    /// listing the side files skipped.
    public func logFileNotes(to log: Logger) {
        let why = "an incomplete copy, or an empty shard from dataset_convert with more shards than images"
        for file in emptyFiles {
            log.warning("\(file): the TFRecord file holds no records, so it adds no images (\(why))")
        }
        if !skippedSideFiles.isEmpty {
            let list = skippedSideFiles.joined(separator: ", ")
            log.info("Not read as TFRecords (dataset_convert's side files that tfrecords_path matches): \(list)")
        }
    }

    /// Reads `split` of the experiment's dataset. With `validation_fold: k`, files whose names contain
    /// `fold-00k-of-` are validation and all other files training; with `validation_data_source` that source
    /// is validation. Asking for validation without either is an error.
    public static func load(_ dataset: ResolvedDataset, classes: ClassMap, split: Split, specPath: String) throws -> DetectionDataset {
        var inputs: [(source: TFRecordSource, filter: (String) -> Bool)] = []
        switch (split, dataset.validation) {
        case (.training, .fold(let fold)):
            let marker = String(format: "fold-%03d-of-", fold)
            inputs = dataset.sources.map { ($0, { !$0.contains(marker) }) }
        case (.validation, .fold(let fold)):
            let marker = String(format: "fold-%03d-of-", fold)
            inputs = dataset.sources.map { ($0, { $0.contains(marker) }) }
        case (.training, _):
            inputs = dataset.sources.map { ($0, { _ in true }) }
        case (.validation, .source(let source)):
            inputs = [(source, { _ in true })]
        case (.validation, .none):
            throw DataError(path: specPath, field: "dataset_config",
                            reason: "no validation data: set validation_fold or validation_data_source")
        }
        var samples: [DetectionSample] = []
        var skipped: [String] = [], empty: [String] = []
        for (source, keep) in inputs {
            let matched = FileGlob.paths(matching: source.tfrecordsPattern)
            let isSideFile = { (path: String) in sideFileSuffixes.contains { path.hasSuffix($0) } }
            skipped += matched.filter(isSideFile)
            let files = matched.filter { !isSideFile($0) && keep(($0 as NSString).lastPathComponent) }
            guard !files.isEmpty else {
                throw DataError(path: source.tfrecordsPattern, field: "tfrecords_path",
                                reason: "no TFRecord files match\(split == .validation ? " for the validation split" : "")")
            }
            for file in files {
                var reader = try TFRecordReader(path: file)
                while let data = try reader.next() {
                    let record = try FrameRecord(serialized: data, path: file, record: reader.index - 1)
                    samples.append(sample(record, source: source, extension: dataset.imageExtension, classes: classes))
                }
                if reader.index == 0 { empty.append(file) }
            }
        }
        return DetectionDataset(samples: samples, classes: classes, skippedSideFiles: skipped, emptyFiles: empty)
    }

    private static func sample(_ record: FrameRecord, source: TFRecordSource, extension: String, classes: ClassMap) -> DetectionSample {
        let objects = record.objects.compactMap { object -> GroundTruthObject? in
            guard let id = classes.id(forSourceClass: object.className.lowercased()) else { return nil }
            return GroundTruthObject(
                box: BoundingBox(x1: Double(object.left), y1: Double(object.top), x2: Double(object.right), y2: Double(object.bottom)),
                classID: id, difficult: object.occlusion >= 1,
                truncation: Double(object.truncation), occlusion: object.occlusion)
        }
        return DetectionSample(imagePath: "\(source.imageDirectory)/\(record.frameID).\(`extension`)",
                               frameID: record.frameID, objects: objects)
    }
}
