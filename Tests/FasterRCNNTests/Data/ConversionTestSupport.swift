import Foundation
@testable import FasterRCNN

/// Builds small converted datasets for the conversion and loader tests.
enum ConversionTestSupport {
    /// A KITTI dataset of `count` synthetic frames under a fresh directory, and a random-split spec for it.
    static func kittiDataset(count: Int = 12, valSplit: Int = 25, shards: Int = 2, imageExtension: String = "png",
                             name: String = "kitti") throws -> (root: String, specPath: String, frames: [SyntheticKITTI.Frame]) {
        let root = try DataTestSupport.scratchDirectory(name)
        let frames = try SyntheticKITTI.write(to: root, count: count, imageExtension: imageExtension, seed: 5)
        let spec = """
            kitti_config {
              root_directory_path: "\(root)"
              image_dir_name: "image_2"
              label_dir_name: "label_2"
              image_extension: ".\(imageExtension)"
              partition_mode: "random"
              num_partitions: 2
              val_split: \(valSplit)
              num_shards: \(shards)
            }
            image_directory_path: "\(root)"
            """
        let specPath = root + "/convert.txt"
        try spec.write(toFile: specPath, atomically: true, encoding: .utf8)
        return (root, specPath, frames)
    }

    /// Runs the conversion of the spec at `specPath` into `<root>/tfrecords/kitti`.
    static func convert(specPath: String, prefix: String, validationFold: Int? = nil) throws -> ConversionSummary {
        let spec = try DatasetExportSpec.load(path: specPath)
        return try DatasetConversion.run(spec: spec, outputPrefix: prefix, validationFold: validationFold)
    }
}
