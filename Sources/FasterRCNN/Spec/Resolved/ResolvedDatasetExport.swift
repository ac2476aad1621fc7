/// A dataset_convert spec with defaults applied.
public struct ResolvedDatasetExport: Sendable, Hashable {
    /// KITTI conversion settings.
    public struct KITTI: Sendable, Hashable {
        public enum PartitionMode: String, Sendable, Hashable {
            /// The first `valSplitPercent`% of the sorted image ids are fold 0 (validation), the rest fold 1.
            case random
            /// Folds from `kitti_sequence_to_frames_file`.
            case sequence
        }

        public let rootDirectory: String
        /// Image folder relative to the root; also the prefix of each `frame/id`.
        public let imageDirectoryName: String
        public let labelDirectoryName: String
        public let pointCloudsDirectory: String?
        public let calibrationsDirectory: String?
        public let sequenceToFramesFile: String?
        /// With the dot; ".png" when the spec leaves it empty.
        public let imageExtension: String
        public let partitions: Int
        /// Shards per fold; 0 means one file per fold without a shard suffix.
        public let shards: Int
        /// `sequence` when the spec leaves it empty.
        public let partitionMode: PartitionMode
        /// Percent of images in the validation fold (random mode).
        public let valSplitPercent: Float

        /// `sequenceToFramesFile` joined to the root as Python's `os.path.join` does (absolute paths kept).
        public var sequenceToFramesPath: String? {
            sequenceToFramesFile.map { $0.hasPrefix("/") ? $0 : "\(rootDirectory)/\($0)" }
        }

        init(_ kitti: Frcnn_Spec_KITTIConfig) {
            rootDirectory = kitti.rootDirectoryPath
            imageDirectoryName = kitti.imageDirName
            labelDirectoryName = kitti.labelDirName
            pointCloudsDirectory = kitti.pointCloudsDir.nonEmpty
            calibrationsDirectory = kitti.calibrationsDir.nonEmpty
            sequenceToFramesFile = kitti.kittiSequenceToFramesFile.nonEmpty
            imageExtension = kitti.imageExtension.nonEmpty ?? ".png"
            partitions = Int(kitti.numPartitions)
            shards = Int(kitti.numShards)
            partitionMode = PartitionMode(rawValue: kitti.partitionMode) ?? .sequence
            valSplitPercent = kitti.valSplit
        }
    }

    /// COCO conversion settings: one partition per annotation file.
    public struct COCO: Sendable, Hashable {
        public let rootDirectory: String
        /// The image folder of each partition, relative to the root; also the prefix of each `frame/id`.
        public let imageDirectoryNames: [String]
        /// One annotation file per partition, relative to the root.
        public let annotationFiles: [String]
        public let partitions: Int
        /// Shards per partition (0: one file without a shard suffix); all 0 when the spec lists none.
        public let shards: [Int]

        init(_ coco: Frcnn_Spec_COCOConfig) {
            rootDirectory = coco.rootDirectoryPath
            imageDirectoryNames = coco.imgDirNames
            annotationFiles = coco.annotationFiles
            partitions = Int(coco.numPartitions)
            shards = coco.numShards.isEmpty ? Array(repeating: 0, count: partitions) : coco.numShards.map { Int($0) }
        }
    }

    /// `sample_modifier_config`: which training samples are filtered out or duplicated.
    public struct SampleModification: Sendable, Hashable {
        public let filterSamplesContainingOnly: [String]
        public let dominantTargetClasses: [String]
        public let minimumTargetClassImbalance: [String: Float]
        public let duplicates: Int
        /// 0: no cap.
        public let maxTrainingSamples: Int
        public let sourceToTargetClassMapping: [String: String]

        init(_ modifier: Frcnn_Spec_DatasetExportConfig.SampleModifierConfig) {
            filterSamplesContainingOnly = modifier.filterSamplesContainingOnly
            dominantTargetClasses = modifier.dominantTargetClasses
            minimumTargetClassImbalance = modifier.minimumTargetClassImbalance
            duplicates = Int(modifier.numDuplicates)
            maxTrainingSamples = Int(modifier.maxTrainingSamples)
            sourceToTargetClassMapping = modifier.sourceToTargetClassMapping
        }
    }

    public enum Source: Sendable, Hashable {
        case kitti(KITTI)
        case coco(COCO)
    }

    /// The spec message as written (for the report; everything else reads the resolved values).
    let spec: Frcnn_Spec_DatasetExportConfig
    public let source: Source
    /// Image root recorded for the converted data; nil when not set.
    public let imageDirectory: String?
    /// `target_class_mapping` as written, shown by `validate`. Conversion does not apply it, as TAO's converter does
    /// not: TFRecords keep the label files' class names, lowercased, and the experiment spec's mapping renames them.
    public let targetClassMapping: [String: String]
    /// Sample filtering and duplication of the training folds; nil when not configured.
    public let sampleModifier: SampleModification?

    init(_ spec: Frcnn_Spec_DatasetExportConfig) {
        self.spec = spec
        switch spec.convertConfigType {
        case .cocoConfig(let coco): source = .coco(COCO(coco))
        case .kittiConfig(let kitti): source = .kitti(KITTI(kitti))
        case nil: source = .kitti(KITTI(Frcnn_Spec_KITTIConfig()))
        }
        imageDirectory = spec.imageDirectoryPath.nonEmpty
        targetClassMapping = spec.targetClassMapping
        sampleModifier = spec.hasSampleModifierConfig ? SampleModification(spec.sampleModifierConfig) : nil
    }
}
