import Foundation
import Testing
import Torch
@testable import FasterRCNN

/// Which batch-norm momentum and epsilon a model gets (spec section, the model a run continues, the pretrained
/// file's kind, TAO's), and that layers, checkpoints and evaluation keep them.
@Suite struct BatchNormSettingsTests {
    private let custom = BatchNormSettings(momentum: 0.95, epsilon: 1e-4)

    @Test func defaultFollowsThePretrainedFile() {
        func chosen(_ spec: BatchNormSettings?, _ continuing: BatchNormSettings?, _ file: String?) -> BatchNormSettings {
            BatchNormSettings.forTraining(spec: spec, continuing: continuing, pretrainedWeights: file).settings
        }
        #expect(chosen(nil, nil, nil) == .tao)
        #expect(chosen(nil, nil, "weights/mobilenet_v2-b0353104.pth") == .pytorch)
        #expect(chosen(nil, nil, "backbone.SafeTensors") == .tao)
        for keras in ["resnet_18.hdf5", "weights.H5", "model.tlt"] {  // Keras files: TAO's settings
            #expect(PretrainedFileFormat(path: keras) == .keras && chosen(nil, nil, keras) == .tao)
        }
        #expect(chosen(nil, custom, "weights.pth") == custom)
        #expect(chosen(.tao, custom, "weights.pth") == .tao)
        #expect(abs(BatchNormSettings.pytorch.updateRate - 0.1) < 1e-12 && abs(BatchNormSettings.tao.updateRate - 0.01) < 1e-12)
    }

    /// `model_config.batch_norm`: values as written, 0 meaning TAO's, absent meaning "not chosen by the spec";
    /// out-of-range values are errors naming the field.
    @Test func specSection() throws {
        func resolved(_ section: String) throws -> BatchNormSettings? {
            let text = SpecFixtures.replacing("model_config {", with: "model_config {\n  " + section)
            return try ExperimentSpec.parse(text, file: "spec.txt").resolved.model.batchNorm
        }
        #expect(try resolved("") == nil)
        #expect(try resolved("batch_norm { }") == .tao)
        #expect(try resolved("batch_norm { momentum: 0.9 epsilon: 1e-5 }") == BatchNormSettings(momentum: 0.9, epsilon: 1e-5))
        #expect(try resolved("batch_norm { momentum: 0.9 epsilon: 1e-5 }")?.description == "momentum 0.9, epsilon 1e-05")
        #expect(try resolved("batch_norm { momentum: 0.5 }") == BatchNormSettings(momentum: 0.5, epsilon: nil))
        for (section, field) in [("batch_norm { momentum: 1 }", "model_config.batch_norm.momentum"),
                                 ("batch_norm { momentum: -0.1 }", "model_config.batch_norm.momentum"),
                                 ("batch_norm { epsilon: -1e-5 }", "model_config.batch_norm.epsilon"),
                                 ("batch_norm { epsilon: nan }", "model_config.batch_norm.epsilon")] {
            let errors = SpecFixtures.errors(SpecFixtures.replacing("model_config {", with: "model_config {\n  " + section))
            #expect(errors.contains { $0.description.contains(field) }, "\(section): \(errors)")
        }
    }

    /// Every batch norm a builder makes takes the settings' momentum (libtorch's convention) and epsilon; with
    /// TAO's settings each keeps its Keras epsilon (1.001e-5 in resnet101).
    @Test func layersTakeTheSettings() throws {
        let store = ParameterStore()
        let pytorch = LayerBuilder(path: store.root / "a", options: BackboneOptions(batchNorm: .pytorch))
        let tao = LayerBuilder(path: store.root / "b", options: BackboneOptions())
        let a = try pytorch.batchNorm("bn", 4, eps: 1.001e-5), b = try tao.batchNorm("bn", 4), c = try tao.batchNorm("bn2", 4, eps: 1.001e-5)
        #expect(abs(a.momentum - 0.1) < 1e-12 && a.eps == 1e-5)
        #expect(abs(b.momentum - 0.01) < 1e-12 && b.eps == 1e-3 && c.eps == 1.001e-5)
        let store2 = ParameterStore()
        let norm = try LayerBuilder(path: store2.root, options: BackboneOptions(batchNorm: custom)).batchNorm("bn", 1)
        _ = try norm(Tensor([Float](arrayLiteral: 1, 3, 5, 7), shape: [4, 1, 1, 1]))
        // running_mean: 0.95 · 0 + 0.05 · 4 (the batch mean)
        #expect(abs(try norm.runningMean.toArray(Float.self)[0] - 0.2) < 1e-6)
    }

    /// Checkpoints store the settings; a file written before they were stored reads as TAO's; a malformed value
    /// is an error naming the file; evaluation builds the model with the checkpoint's settings.
    @Test func checkpointsKeepTheSettings() throws {
        let folder = try DataTestSupport.scratchDirectory("batch-norm-checkpoint")
        let experiment = try ExperimentSpec.parse(SpecFixtures.experiment, file: "spec.txt").resolved
        let trainee = try FasterRCNNTrainee(experiment: experiment, seed: 1, batchNorm: custom, pretrainedWeights: nil)
        let path = folder + "/custom.hdf5"
        try TrainingCheckpoint(epoch: 1, globalStep: 1, architecture: "resnet:18", optimizerKind: "sgd", spec: "",
                               model: trainee.store.namedTensors(), optimizer: [:], generatorState: nil,
                               earlyStopping: nil, learningRate: 0.01, batchNorm: custom).write(to: path, key: nil)
        let read = try TrainingCheckpoint.read(from: path, key: nil)
        #expect(read.batchNorm == custom)
        let model = try CheckpointModel.model(of: read, path: path, experiment: experiment, purpose: .evaluation)
        #expect((model.backbone as? TAOBackbone)?.options.batchNorm == custom)

        func write(_ value: String?, to name: String) throws -> String {
            var metadata = ["format": "frcnn-checkpoint", "epoch": "0", "global_step": "0", "architecture": "resnet:18",
                            "optimizer": "sgd", "spec": "", "learning_rate": "0.01"]
            metadata["batch_norm"] = value
            let payload = try SafeTensors.encode(["model/x": try Tensor([Float](arrayLiteral: 1))], metadata: metadata)
            try SealedFile.seal(payload, key: nil).write(to: URL(fileURLWithPath: folder + "/" + name))
            return folder + "/" + name
        }
        #expect(try TrainingCheckpoint.read(from: write(nil, to: "old.hdf5"), key: nil).batchNorm == .tao)
        #expect(try TrainingCheckpoint.read(from: write("0.9 keras", to: "keras.hdf5"), key: nil).batchNorm
            == BatchNormSettings(momentum: 0.9, epsilon: nil))
        let bad = try write("0.9", to: "bad.hdf5")
        let error = #expect(throws: TrainingError.self) { try TrainingCheckpoint.read(from: bad, key: nil) }
        #expect(error?.message == "\(bad): checkpoint 'batch_norm' is malformed (\"0.9\")")
    }
}
