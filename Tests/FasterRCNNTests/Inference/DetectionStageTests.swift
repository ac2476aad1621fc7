import Foundation
import Testing
import Torch
@testable import FasterRCNN

/// `inference` runs a model only with `inference_config`'s proposal and NMS settings, `evaluate` only with
/// `evaluation_config`'s: the detector carries the settings it was built with, and the runners check them.
@Suite struct DetectionStageTests {
    @Test func runnersRefuseAModelBuiltForTheOtherSection() throws {
        let text = SpecFixtures.replacing("classifier_nms_max_boxes: 100", with: "classifier_nms_max_boxes: 50")
        let experiment = try ExperimentSpec.parse(text, file: "spec.txt").resolved
        #expect(experiment.inference.stage != experiment.evaluation.stage)
        func model(_ purpose: CheckpointModel.Purpose) throws -> FasterRCNNModel {
            let store = ParameterStore()
            let backbone = try BackboneFactory.make(arch: experiment.model.backbone.arch, options: BackboneOptions(experiment: experiment),
                                                    path: store.root / "backbone")
            return try FasterRCNNModel(backbone: backbone, store: store,
                                       configuration: CheckpointModel.configuration(experiment, purpose: purpose))
        }
        let forEvaluation = try model(.evaluation)
        let forInference = try model(.inference)
        #expect(CheckpointDetector(model: forEvaluation, classNames: experiment.classes.names).stage == experiment.evaluation.stage)
        #expect(CheckpointDetector(model: forInference, classNames: experiment.classes.names).stage == experiment.inference.stage)
        #expect(throws: InferenceError.self) { try InferenceRunner(model: forEvaluation, experiment: experiment) }
        #expect(try InferenceRunner(model: forInference, experiment: experiment).batchSize == experiment.inference.batchSize)
    }
}
