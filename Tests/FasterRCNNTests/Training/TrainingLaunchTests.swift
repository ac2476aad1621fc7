import Foundation
import Testing
import Torch
@testable import FasterRCNN

@Suite("Training launch checks")
struct TrainingLaunchTests {
    /// The spec fixture with its inputs pointing at files that exist under `folder`, and `extra` appended to
    /// the training_config block.
    private func writeSpec(in folder: String, training extra: String = "", encKey: String? = nil) throws -> String {
        try FileManager.default.createDirectory(atPath: folder + "/data/training", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/data/tfrecords", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: folder + "/data/tfrecords/kitti_trainval-fold-000-of-002"))
        try Data().write(to: URL(fileURLWithPath: folder + "/resnet_18.hdf5"))
        var text = SpecFixtures.replacing("data/tfrecords/kitti_trainval*", with: folder + "/data/tfrecords/kitti_trainval*")
        text = SpecFixtures.replacing("\"data/training\"", with: "\"\(folder)/data/training\"", in: text)
        text = SpecFixtures.replacing("pretrained/resnet_18.hdf5", with: folder + "/resnet_18.hdf5", in: text)
        text = SpecFixtures.replacing("num_epochs: 12", with: "num_epochs: 12\n  " + extra, in: text)
        if let encKey { text = "enc_key: \"\(encKey)\"\n" + text }
        let path = folder + "/spec.txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func settingsComeFromTheResolvedSpec() throws {
        let folder = try DataTestSupport.scratchDirectory("launch-settings")
        let launch = try TrainingLaunch.prepare(specPath: try writeSpec(in: folder, encKey: "spec_key"),
                                                resultsDirectory: folder + "/results", key: nil)
        #expect(launch.settings.epochs == 12 && launch.settings.checkpointStem == "frcnn_resnet_18")
        #expect(launch.settings.architecture == "resnet:18" && launch.settings.validationPeriod == 1)
        #expect(launch.settings.key == "spec_key")
        #expect(launch.resumeFrom == nil)
        #expect(FileManager.default.fileExists(atPath: folder + "/results"))
        let overridden = try TrainingLaunch.prepare(specPath: folder + "/spec.txt", resultsDirectory: folder + "/results",
                                                    key: "cli_key")
        #expect(overridden.settings.key == "cli_key")
    }

    /// A rule violation stops the run before anything is created.
    @Test func specProblemsStopBeforeAnyWork() throws {
        let folder = try DataTestSupport.scratchDirectory("launch-bad-spec")
        let path = try writeSpec(in: folder)
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "num_epochs: 12", with: "num_epochs: 0")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: SpecError.self) {
            try TrainingLaunch.prepare(specPath: path, resultsDirectory: folder + "/results", key: nil)
        }
        #expect(error?.description.contains("num_epochs") == true)
        #expect(!FileManager.default.fileExists(atPath: folder + "/results"))
    }

    @Test func aFreshRunRefusesAFolderWithCheckpoints() throws {
        let folder = try DataTestSupport.scratchDirectory("launch-occupied")
        try FileManager.default.createDirectory(atPath: folder + "/results", withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/results/frcnn_resnet_18.epoch_2.hdf5"))
        let error = #expect(throws: TrainingError.self) {
            try TrainingLaunch.prepare(specPath: try writeSpec(in: folder), resultsDirectory: folder + "/results", key: nil)
        }
        #expect(error?.message.contains("already holds frcnn_resnet_18.epoch_2.hdf5; refusing to overwrite: resume with training_config.resume_from_model") == true)
    }

    /// resume_from_model is read and decrypted at launch: the right key loads it, a wrong one fails with the
    /// decryption message before any model is built.
    @Test func resumeCheckpointIsDecryptedAtLaunch() throws {
        let folder = try DataTestSupport.scratchDirectory("launch-resume")
        try FileManager.default.createDirectory(atPath: folder + "/results", withIntermediateDirectories: true)
        let checkpointPath = folder + "/results/frcnn_resnet_18.epoch_2.hdf5"
        try TrainingCheckpoint(
            epoch: 2, globalStep: 10, architecture: "resnet:18", optimizerKind: "sgd", spec: "", model: [:], optimizer: [:],
            generatorState: nil, earlyStopping: nil, learningRate: 0.01
        ).write(to: checkpointPath, key: "right")
        let spec = try writeSpec(in: folder, training: "resume_from_model: \"\(checkpointPath)\"")
        let launch = try TrainingLaunch.prepare(specPath: spec, resultsDirectory: folder + "/results", key: "right")
        #expect(launch.resumeFrom?.epoch == 2 && launch.resumeFrom?.globalStep == 10)
        let error = #expect(throws: TrainingError.self) {
            try TrainingLaunch.prepare(specPath: spec, resultsDirectory: folder + "/results", key: "wrong")
        }
        #expect(error?.message == "\(checkpointPath): cannot decrypt the checkpoint: the key is wrong or the file is damaged")
    }

    /// The run's batch-norm settings: the resumed model's when the spec has no batch_norm section, the spec's
    /// when it has one; for a fresh run TAO's with a Keras pretrained file (the fixture's `.hdf5`) and PyTorch's
    /// with a PyTorch file.
    @Test func batchNormSettingsFollowTheModelTheRunContinues() throws {
        let folder = try DataTestSupport.scratchDirectory("launch-batch-norm")
        let fresh = try TrainingLaunch.prepare(specPath: try writeSpec(in: folder), resultsDirectory: folder + "/results", key: nil)
        #expect(fresh.settings.batchNorm == .tao)
        let torchSpec = try String(contentsOfFile: try writeSpec(in: folder), encoding: .utf8)
            .replacingOccurrences(of: folder + "/resnet_18.hdf5", with: folder + "/resnet_18.pth")
        try Data().write(to: URL(fileURLWithPath: folder + "/resnet_18.pth"))
        try torchSpec.write(toFile: folder + "/torch-spec.txt", atomically: true, encoding: .utf8)
        let torch = try TrainingLaunch.prepare(specPath: folder + "/torch-spec.txt", resultsDirectory: folder + "/results", key: nil)
        #expect(torch.settings.batchNorm == .pytorch)
        let checkpointPath = folder + "/results/frcnn_resnet_18.epoch_2.hdf5"
        let custom = BatchNormSettings(momentum: 0.95, epsilon: 1e-4)
        try TrainingCheckpoint(
            epoch: 2, globalStep: 10, architecture: "resnet:18", optimizerKind: "sgd", spec: "", model: [:], optimizer: [:],
            generatorState: nil, earlyStopping: nil, learningRate: 0.01, batchNorm: custom
        ).write(to: checkpointPath, key: nil)
        let spec = try writeSpec(in: folder, training: "resume_from_model: \"\(checkpointPath)\"")
        #expect(try TrainingLaunch.prepare(specPath: spec, resultsDirectory: folder + "/results", key: nil).settings.batchNorm == custom)
        let text = try String(contentsOfFile: spec, encoding: .utf8)
            .replacingOccurrences(of: "model_config {", with: "model_config {\n  batch_norm { momentum: 0.5 epsilon: 0.25 }")
        try text.write(toFile: spec, atomically: true, encoding: .utf8)
        #expect(try TrainingLaunch.prepare(specPath: spec, resultsDirectory: folder + "/results", key: nil).settings.batchNorm
            == BatchNormSettings(momentum: 0.5, epsilon: 0.25))
    }
}
