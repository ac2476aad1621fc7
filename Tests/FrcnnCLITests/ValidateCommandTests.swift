import Foundation
import Testing

/// Runs the built `frcnn` binary: `validate` prints the resolved spec (exit 0) or every error (exit 2).
@Suite("frcnn validate")
struct ValidateCommandTests {
    @Test func validExperimentSpecPrintsTheResolvedConfiguration() throws {
        let result = try FrcnnProcess.run(["validate", "-e", "specs/resnet18_kitti.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("specs/resnet18_kitti.txt: valid experiment spec"))
        #expect(result.stdout.contains("classes (id: name):\n  0: car\n  1: cyclist\n  2: person\n  3: background\n"))
        #expect(result.stdout.contains("checkpoint_interval: 1\n"))
        #expect(result.stdout.contains("iou_thresholds: [0.5]"))
        // Inputs that do not exist are warnings, with the line that names them.
        #expect(result.stderr.contains("specs/resnet18_kitti.txt:109:1: warning: training_config.pretrained_weights: pretrained weights not found"))
    }

    @Test func validConvertSpecPrintsTheResolvedConfiguration() throws {
        let result = try FrcnnProcess.run(["validate", "--dataset_export_spec", "specs/kitti_convert.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("partition_mode: random\n"))
        #expect(result.stdout.contains("image_extension: .png\n"))
    }

    @Test func brokenSpecListsEveryErrorAndExitsTwo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frcnn-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = try String(contentsOf: FrcnnProcess.repositoryRoot.appendingPathComponent("specs/resnet18_kitti.txt"), encoding: .utf8)
        text = text.replacingOccurrences(of: "rpn_stride: 16", with: "rpn_stride: 8")
            .replacingOccurrences(of: "base_lr: 0.02", with: "base_lr: 0")
            + "dataset_config { include_difficult_in_training: true }\n"
        let spec = folder.appendingPathComponent("bad.txt")
        try text.write(to: spec, atomically: true, encoding: .utf8)
        let result = try FrcnnProcess.run(["validate", "-e", spec.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines == [
            "\(spec.path):43:1: model_config.rpn_stride: must be 16 (got 8)",
            "\(spec.path):154:1: training_config.learning_rate.soft_start.base_lr: must be > 0 (got 0.0)",
            "\(spec.path):195:18: dataset_config.include_difficult_in_training: unknown field 'include_difficult_in_training' in DatasetConfig",
            "3 errors",
        ])
    }

    @Test func garbageAndMissingFilesExitTwo() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("frcnn-garbage-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }).write(to: file)
        let garbage = try FrcnnProcess.run(["validate", "-e", file.path])
        #expect(garbage.status == 2)
        #expect(garbage.stderr.contains("not a text file"))
        let missing = try FrcnnProcess.run(["validate", "-d", "/nonexistent/convert.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("/nonexistent/convert.txt: spec file does not exist"))
    }

    @Test func exactlyOneSpecIsRequired() throws {
        let result = try FrcnnProcess.run(["validate"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("give exactly one of -e (experiment spec) or -d (dataset_convert spec)"))
    }
}
