import Foundation

/// Converts a KITTI-layout dataset (`kitti_config`) to TFRecords the way TAO's `kitti_converter_lib` does.
public struct KITTIConverter {
    public var config: ResolvedDatasetExport.KITTI
    /// The spec file, named in configuration errors.
    public var specPath: String

    public init(config: ResolvedDatasetExport.KITTI, specPath: String) {
        self.config = config
        self.specPath = specPath
    }

    /// Converts to files named from `prefix`; `modifier` changes training folds; `progress` is advanced per frame.
    public func convert(prefix: String, modifier: SampleModifier?, progress: (Int) -> ProgressBar?) throws -> ConversionSummary {
        let root = config.rootDirectory
        let imageDirectory = DataPaths.join(root, config.imageDirectoryName)
        let labelDirectory = DataPaths.join(root, config.labelDirectoryName)
        for (field, directory) in [("root_directory_path", root), ("image_dir_name", imageDirectory),
                                   ("label_dir_name", labelDirectory)] where !DataPaths.isDirectory(directory) {
            throw DataError(path: directory, field: "kitti_config.\(field)", reason: "directory does not exist")
        }
        let fileExtension = config.imageExtension
        let partitionCount = config.partitions
        var random = PythonRandom(seed: 42)
        var partitions: [[String]]
        switch config.partitionMode {
        case .random:
            guard config.valSplitPercent < 100 else {
                throw DataError(path: specPath, field: "kitti_config.val_split",
                                reason: "must be below 100 (TAO asserts 0 <= val_split < 100), got \(config.valSplitPercent)")
            }
            let stems = try listStems(imageDirectory, fileExtension: fileExtension)
            try checkPairs(stems: stems, imageDirectory: imageDirectory, labelDirectory: labelDirectory,
                           fileExtension: fileExtension)
            partitions = Partitioning.random(stems: stems, valSplitPercent: Double(config.valSplitPercent), random: &random)
        case .sequence:
            partitions = Partitioning.sequence(try readSequences(), count: partitionCount)
        }
        for index in partitions.indices { random.shuffle(&partitions[index]) }
        let shardCount = config.shards
        let sharded = Partitioning.shard(partitions, shards: Array(repeating: shardCount, count: partitions.count))
        var summary = ConversionSummary()
        var modifier = modifier
        let writer = ShardWriter(prefix: prefix, partitionCount: partitionCount,
                                 shardCounts: Array(repeating: shardCount, count: sharded.count))
        try writer.write(sharded, modifier: &modifier, summary: &summary,
                         progress: progress(partitions.reduce(0) { $0 + $1.count })) { stem, summary in
            try record(stem: stem, root: root, imageDirectory: imageDirectory, labelDirectory: labelDirectory,
                       fileExtension: fileExtension, summary: &summary)
        }
        return summary
    }

    /// The record of one frame: size from the image, objects from the label file, degenerate boxes
    /// (`Int(x1) >= Int(x2)` or `Int(y1) >= Int(y2)`) skipped and noted as warnings.
    func record(stem: String, root: String, imageDirectory: String, labelDirectory: String, fileExtension: String,
                summary: inout ConversionSummary) throws -> FrameRecord {
        let imagePath = "\(imageDirectory)/\(stem)\(fileExtension)"
        guard FileManager.default.fileExists(atPath: imagePath) else {
            throw DataError(path: imagePath, reason: "image of frame '\(stem)' does not exist")
        }
        let size = try ImageFile.size(path: imagePath)
        let labelPath = "\(labelDirectory)/\(stem).txt"
        guard FileManager.default.fileExists(atPath: labelPath) else {
            throw DataError(path: labelPath, reason: "label file of image \(imagePath) does not exist")
        }
        var objects: [KITTIObject] = []
        for (index, object) in try KITTILabelFile.read(path: labelPath).enumerated() {
            let corners = [object.left, object.top, object.right, object.bottom].map { Int($0) }
            guard corners[0] < corners[2], corners[1] < corners[3] else {
                summary.warnings["\(labelPath)_\(index)"] = corners
                continue
            }
            var stored = object
            stored.className = object.className.lowercased()
            summary.classMap[object.className] = stored.className
            objects.append(stored)
        }
        var record = FrameRecord(frameID: DataPaths.join(config.imageDirectoryName, stem), width: size.width,
                                 height: size.height, objects: objects)
        if let pointClouds = config.pointCloudsDirectory { record.pointCloudID = DataPaths.join(pointClouds, stem) }
        if let calibrations = config.calibrationsDirectory {
            record.calibration = try KITTICalibration.read(path: DataPaths.join(DataPaths.join(root, calibrations), stem + ".txt"))
        }
        return record
    }

    /// Stems of the files in `directory` ending in `fileExtension`, in Python's sorted order.
    private func listStems(_ directory: String, fileExtension: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        return names.filter { $0.hasSuffix(fileExtension) }.sorted(by: DataPaths.codePointOrder)
            .map { String($0.dropLast(fileExtension.count)) }
    }

    /// Every image needs a label file and every label file an image.
    private func checkPairs(stems: [String], imageDirectory: String, labelDirectory: String, fileExtension: String) throws {
        let labelStems = Set(try listStems(labelDirectory, fileExtension: ".txt"))
        if let missing = stems.first(where: { !labelStems.contains($0) }) {
            throw DataError(path: "\(labelDirectory)/\(missing).txt",
                            reason: "label file of image \(imageDirectory)/\(missing)\(fileExtension) does not exist")
        }
        let imageStems = Set(stems)
        if let orphan = labelStems.sorted(by: DataPaths.codePointOrder).first(where: { !imageStems.contains($0) }) {
            throw DataError(path: "\(labelDirectory)/\(orphan).txt",
                            reason: "no image \(imageDirectory)/\(orphan)\(fileExtension) for this label file")
        }
    }

    /// The `kitti_sequence_to_frames_file` JSON: sequence name → frame stems.
    private func readSequences() throws -> [String: [String]] {
        guard let path = config.sequenceToFramesPath else {
            throw DataError(path: specPath, field: "kitti_config.kitti_sequence_to_frames_file",
                            reason: "is required for partition_mode \"sequence\"")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(path: path, reason: "cannot read the sequence-to-frames file")
        }
        guard let map = (try? JSONSerialization.jsonObject(with: data)) as? [String: [String]] else {
            throw DataError(path: path, reason: "expected a JSON object mapping sequence names to lists of frame ids")
        }
        return map
    }
}
