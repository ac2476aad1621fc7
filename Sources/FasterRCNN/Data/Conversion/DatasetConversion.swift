import Foundation

/// `dataset_convert`: turns a KITTI or COCO dataset described by a `DatasetExportConfig` spec into TFRecords.
public enum DatasetConversion {
    /// Converts the dataset of `spec` into files named from `outputPrefix` (TAO's `-o`). `validationFold`
    /// (TAO's `-f`) is the fold the sample modifier leaves untouched. `progress` makes the bar for a total.
    public static func run(spec: DatasetExportSpec, outputPrefix: String, validationFold: Int?,
                           progress: (Int) -> ProgressBar? = { _ in nil }) throws -> ConversionSummary {
        try spec.requirePaths()
        let folds: Int
        switch spec.resolved.source {
        case .kitti(let kitti): folds = max(kitti.partitions, 1)
        case .coco(let coco): folds = max(coco.partitions, 1)
        }
        var modifier: SampleModifier?
        if let config = spec.resolved.sampleModifier {
            modifier = try SampleModifier(
                filterSamplesContainingOnly: config.filterSamplesContainingOnly,
                dominantTargetClasses: config.dominantTargetClasses,
                minimumTargetClassImbalance: config.minimumTargetClassImbalance,
                numDuplicates: config.duplicates, maxTrainingSamples: config.maxTrainingSamples,
                sourceToTargetClassMapping: config.sourceToTargetClassMapping,
                validationFold: validationFold, numFolds: folds, specPath: spec.file)
        }
        switch spec.resolved.source {
        case .kitti(let kitti):
            return try KITTIConverter(config: kitti, specPath: spec.file)
                .convert(prefix: outputPrefix, modifier: modifier, progress: progress)
        case .coco(let coco):
            return try COCOConverter(config: coco, specPath: spec.file)
                .convert(prefix: outputPrefix, modifier: modifier, progress: progress)
        }
    }
}
