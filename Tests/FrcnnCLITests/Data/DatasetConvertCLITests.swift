import Foundation
import Testing
import FasterRCNN

@Suite("frcnn dataset_convert")
struct DatasetConvertCLITests {
    @Test("Converts a KITTI set with every flag, refuses to overwrite, and reports bad specs")
    func convert() throws {
        let root = NSTemporaryDirectory() + "frcnn-cli-\(UUID().uuidString.prefix(8))"
        try SyntheticKITTI.write(to: root, count: 8, seed: 2)
        let spec = """
            kitti_config { root_directory_path: "\(root)" image_dir_name: "image_2" label_dir_name: "label_2"
              image_extension: ".png" partition_mode: "random" num_partitions: 2 val_split: 25 num_shards: 2 }
            sample_modifier_config { source_to_target_class_mapping { key: "car" value: "car" }
              source_to_target_class_mapping { key: "pedestrian" value: "pedestrian" }
              dominant_target_classes: "car" num_duplicates: 1 }
            """
        try spec.write(toFile: root + "/spec.txt", atomically: true, encoding: .utf8)
        let arguments = ["dataset_convert", "-d", root + "/spec.txt", "-o", root + "/out/kitti", "-f", "0", "-r", root + "/results", "-v",
                         "--log_file", root + "/logs/convert.log"]
        let first = try FrcnnProcess.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        for fold in 0..<2 {
            for shard in 0..<2 {
                let name = String(format: "%@/out/kitti-fold-%03d-of-002-shard-%05d-of-00002", root, fold, shard)
                #expect(FileManager.default.fileExists(atPath: name))
                #expect(first.stdout.contains("Wrote \(name)"))
            }
        }
        #expect(first.stdout.contains("Fold 0: 2 examples"))
        #expect(first.stdout.contains("Car: car"))
        let log = try String(contentsOfFile: root + "/logs/convert.log", encoding: .utf8)
        #expect(log.contains("Fold 0: 2 examples") && log.contains("Wrote \(root)/out/kitti-fold-000"))
        let status = try String(contentsOfFile: root + "/results/status.json", encoding: .utf8)
        #expect(status.contains("\"SUCCESS\""))
        let second = try FrcnnProcess.run(arguments)
        #expect(second.status != 0)
        #expect(second.stderr.contains("already exists"))
        #expect(try String(contentsOfFile: root + "/logs/convert.log", encoding: .utf8).contains("already exists"))
        try "kitti_config { partition_mode: \"shuffled\" }".write(toFile: root + "/bad.txt", atomically: true, encoding: .utf8)
        let bad = try FrcnnProcess.run(["dataset_convert", "-d", root + "/bad.txt", "-o", root + "/out/bad"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("partition_mode"))
    }
}
