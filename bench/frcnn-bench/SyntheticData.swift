import FasterRCNN
import Foundation

/// A temporary synthetic KITTI dataset (SyntheticKITTI images, converted to TFRecords by the library's converter)
/// read through specs/resnet18_kitti.txt with its data paths pointed at it. The folder is removed on deinit.
final class SyntheticData {
    let root: String
    let experiment: ResolvedExperiment
    let dataset: DetectionDataset

    /// Writes `count` images of width×height in `format` (png or jpg) and loads them as the training split.
    init(count: Int, width: Int, height: Int, format: String) throws {
        root = NSTemporaryDirectory() + "frcnn-bench-\(getpid())"
        try SyntheticKITTI.write(to: root, count: count, width: width, height: height, imageExtension: format,
                                 maxObjects: 8, seed: 3)
        let convertSpec = """
            kitti_config { root_directory_path: "\(root)" image_dir_name: "image_2" label_dir_name: "label_2"
              image_extension: ".\(format)" partition_mode: "random" num_partitions: 2 val_split: 0 num_shards: 0 }
            """
        try convertSpec.write(toFile: root + "/convert.txt", atomically: true, encoding: .utf8)
        _ = try DatasetConversion.run(spec: try DatasetExportSpec.load(path: root + "/convert.txt"),
                                      outputPrefix: root + "/tfrecords/bench", validationFold: nil)
        let text = try String(contentsOfFile: "specs/resnet18_kitti.txt", encoding: .utf8)
            .replacingOccurrences(of: "data/kitti/tfrecords/kitti_trainval/kitti_trainval*", with: root + "/tfrecords/bench*")
            .replacingOccurrences(of: "\"data/kitti/training\"", with: "\"\(root)\"")
            .replacingOccurrences(of: "image_extension: 'png'", with: "image_extension: '\(format)'")
            // With val_split 0, TAO's converter (and ours) names the only fold 000; use it all for training.
            .replacingOccurrences(of: "validation_fold: 0", with: "validation_fold: 1")
        experiment = try ExperimentSpec.parse(text, file: "specs/resnet18_kitti.txt").resolved
        dataset = try DetectionDataset.load(experiment.dataset, classes: experiment.classes, split: .training, specPath: "bench")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The spec's input pipeline, with augmentation for training.
    func pipeline(training: Bool) -> InputPipeline {
        InputPipeline(experiment: experiment, training: training)
    }
}
