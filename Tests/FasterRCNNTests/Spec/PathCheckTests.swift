import Foundation
import Testing
@testable import FasterRCNN

/// Paths that do not exist: warnings in `validate`, errors in the subtask that reads them.
@Suite("Spec path checks")
struct PathCheckTests {
    /// The fixture with its relative paths placed under `root`.
    private func spec(rootedAt root: URL) throws -> ExperimentSpec {
        var text = SpecFixtures.experiment
        for relative in ["data/", "pretrained/", "results/"] {
            text = text.replacingOccurrences(of: "\"\(relative)", with: "\"\(root.path)/\(relative)")
        }
        return try ExperimentSpec.parse(text, file: "spec.txt")
    }

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("frcnn-paths-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func touch(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data().write(to: url)
    }

    @Test func missingInputsAreListedPerSubtask() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let spec = try spec(rootedAt: root)
        #expect(spec.missingPaths(for: .train).map(\.path) == [
            "dataset_config.data_sources[0].image_directory_path",
            "dataset_config.data_sources[0].tfrecords_path",
            "training_config.pretrained_weights",
        ])
        #expect(spec.missingPaths(for: .train, severity: .warning).allSatisfy { $0.severity == .warning })
        #expect(spec.missingPaths(for: .inference).map(\.path) == ["inference_config.model", "inference_config.images_dir"])
        #expect(spec.missingPaths(for: .export).isEmpty)
        #expect(throws: SpecError.self) { try spec.requirePaths(for: .evaluate) }
    }

    @Test func existingInputsPass() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("data/training"), withIntermediateDirectories: true)
        try touch(root.appendingPathComponent("data/tfrecords/kitti_trainval-fold-000-of-002"))
        try touch(root.appendingPathComponent("pretrained/resnet_18.hdf5"))
        try touch(root.appendingPathComponent("results/frcnn_resnet_18.epoch_12.hdf5"))
        try touch(root.appendingPathComponent("data/testing/image_2/000001.png"))
        let spec = try spec(rootedAt: root)
        for subtask in SpecSubtask.allCases {
            #expect(throws: Never.self) { try spec.requirePaths(for: subtask) }
        }
    }

    @Test func imagesOfTheDatasetExtensionAreRequiredForInference() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try touch(root.appendingPathComponent("data/testing/image_2/000001.jpg"))
        try touch(root.appendingPathComponent("model.hdf5"))
        let missing = try spec(rootedAt: root).missingPaths(for: .inference, modelOverride: root.appendingPathComponent("model.hdf5").path)
        #expect(missing.map(\.message) == ["no *.png image in \(root.path)/data/testing/image_2"])
    }

    @Test func evaluationNeedsValidationData() throws {
        let text = SpecFixtures.replacing("validation_fold: 0", with: "")
        let missing = try ExperimentSpec.parse(text).missingPaths(for: .evaluate)
        #expect(missing.contains { $0.path == "dataset_config" && $0.message.contains("evaluation needs validation data") })
    }

    @Test func unsetSourcePathsAreNamed() throws {
        var text = SpecFixtures.replacing("tfrecords_path: \"data/tfrecords/kitti_trainval*\"", with: "")
        text = SpecFixtures.replacing("validation_fold: 0", with: "validation_data_source { tfrecords_path: \"val*\" }", in: text)
        let missing = try ExperimentSpec.parse(text).missingPaths(for: .evaluate).map { "\($0.path): \($0.message)" }
        #expect(missing.contains("dataset_config.data_sources[0].tfrecords_path: TFRecord path not set"))
        #expect(missing.contains("dataset_config.validation_data_source.image_directory_path: image directory not set"))
        #expect(missing.contains("dataset_config.validation_data_source.tfrecords_path: no TFRecord file matches val*"))
    }

    @Test func convertInputsAreChecked() throws {
        let spec = try DatasetExportSpec.parse(SpecFixtures.kittiConvert, file: "convert.txt")
        #expect(spec.missingPaths().map(\.path) == [
            "kitti_config.root_directory_path", "kitti_config.image_dir_name", "kitti_config.label_dir_name",
        ])
        #expect(throws: SpecError.self) { try spec.requirePaths() }
    }
}
