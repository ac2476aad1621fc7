import Foundation

/// Converts COCO-format annotations (`coco_config`) to TFRecords the way TAO's `coco_converter_lib` does:
/// one partition per annotation file, images in file order (no shuffle), sizes from the JSON, boxes
/// `[x, y, w, h]` stored as `x1 = x, y1 = y, x2 = x + w, y2 = y + h`, class names with spaces removed and
/// lowercased, and the KITTI-only fields written as 0.
public struct COCOConverter {
    public var config: ResolvedDatasetExport.COCO
    /// The spec file, named in configuration errors.
    public var specPath: String

    public init(config: ResolvedDatasetExport.COCO, specPath: String) {
        self.config = config
        self.specPath = specPath
    }

    private struct Frame {
        var imageID: Int
        var fileName: String
        var width: Int, height: Int
        var partition: Int
        var annotations: [[String: Any]]
    }

    /// Converts to files named from `prefix`.
    public func convert(prefix: String, modifier: SampleModifier?, progress: (Int) -> ProgressBar?) throws -> ConversionSummary {
        let count = config.partitions  // one per annotation file (DatasetExportRules)
        let shardCounts = config.shards
        let root = config.rootDirectory
        var categories: [Int: String]?
        var partitions: [[Frame]] = []
        for (partition, file) in config.annotationFiles.enumerated() {
            let (frames, names) = try load(DataPaths.join(root, file), partition: partition)
            if let categories, Set(categories.keys) != Set(names.keys) {
                throw DataError(path: DataPaths.join(root, file), field: "categories",
                                reason: "the categories differ from those of the previous annotation files")
            }
            categories = names
            partitions.append(frames)
        }
        let sharded = Partitioning.shard(partitions, shards: shardCounts)
        var summary = ConversionSummary()
        var modifier = modifier
        let writer = ShardWriter(prefix: prefix, partitionCount: count, shardCounts: shardCounts)
        try writer.write(sharded, modifier: &modifier, summary: &summary,
                         progress: progress(partitions.reduce(0) { $0 + $1.count })) { frame, summary in
            record(frame, categories: categories ?? [:], summary: &summary)
        }
        return summary
    }

    private func record(_ frame: Frame, categories: [Int: String], summary: inout ConversionSummary) -> FrameRecord {
        var objects: [KITTIObject] = []
        for annotation in frame.annotations {
            let box = (annotation["bbox"] as? [Double]) ?? []
            let corners = [box[0], box[1], box[0] + box[2], box[1] + box[3]]
            let truncated = corners.map { Int($0) }
            guard truncated[0] < truncated[2], truncated[1] < truncated[3] else {
                summary.warnings["\(annotation["id"] as? Int ?? -1)"] = truncated
                continue
            }
            let name = categories[annotation["category_id"] as? Int ?? -1] ?? ""
            summary.classMap[name] = name.lowercased()
            objects.append(KITTIObject(className: name.lowercased(), left: Float(corners[0]), top: Float(corners[1]),
                                       right: Float(corners[2]), bottom: Float(corners[3])))
        }
        let stem = frame.fileName.contains(".") ? String(frame.fileName[..<frame.fileName.lastIndex(of: ".")!]) : frame.fileName
        return FrameRecord(frameID: DataPaths.join(config.imageDirectoryNames[frame.partition], stem),
                           width: frame.width, height: frame.height, objects: objects)
    }

    /// Reads one annotation file: its images (in file order, later duplicates replacing earlier ones, as in
    /// pycocotools), each with its annotations in file order, and the category names (spaces removed).
    private func load(_ path: String, partition: Int) throws -> ([Frame], [Int: String]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(path: path, reason: "failed to load the annotation file")
        }
        guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw DataError(path: path, reason: "not a JSON object")
        }
        var sections: [String: [[String: Any]]] = [:]
        for key in ["images", "annotations", "categories"] {
            guard let list = json[key] as? [[String: Any]], !list.isEmpty else {
                throw DataError(path: path, field: key, reason: "the \"\(key)\" field is missing or empty")
            }
            sections[key] = list
        }
        var names: [Int: String] = [:]
        for (index, category) in sections["categories"]!.enumerated() {
            guard let id = category["id"] as? Int, let name = category["name"] as? String else {
                throw DataError(path: path, field: "categories[\(index)]", reason: "needs an integer id and a string name")
            }
            names[id] = name.replacingOccurrences(of: " ", with: "")
        }
        var order: [Int] = []
        var frames: [Int: Frame] = [:]
        for (index, image) in sections["images"]!.enumerated() {
            guard let id = image["id"] as? Int, let fileName = image["file_name"] as? String,
                  let width = image["width"] as? Int, let height = image["height"] as? Int else {
                throw DataError(path: path, field: "images[\(index)]", reason: "needs id, file_name, width and height")
            }
            if frames[id] == nil { order.append(id) }
            frames[id] = Frame(imageID: id, fileName: fileName, width: width, height: height, partition: partition,
                               annotations: [])
        }
        for (index, annotation) in sections["annotations"]!.enumerated() {
            guard let imageID = annotation["image_id"] as? Int, let categoryID = annotation["category_id"] as? Int,
                  let box = annotation["bbox"] as? [Double], box.count == 4, box.allSatisfy(\.isFinite) else {
                throw DataError(path: path, field: "annotations[\(index)]",
                                reason: "needs image_id, category_id and a bbox of 4 finite numbers")
            }
            guard names[categoryID] != nil else {
                throw DataError(path: path, field: "annotations[\(index)].category_id", reason: "unknown category \(categoryID)")
            }
            frames[imageID]?.annotations.append(annotation)
        }
        return (order.map { frames[$0]! }, names)
    }
}
