import Foundation
import Testing
@testable import FasterRCNN

extension DetectionSuite {
    /// The detector settings of the ResNet-18 KITTI example spec, and configuration validation.
    @Suite struct DetectorConfigurationTests {
        @Test func fromExampleSpec() throws {
            let path = SpecFixtures.repositoryRoot.appendingPathComponent("specs/resnet18_kitti.txt").path
            let experiment = try ExperimentSpec.load(path: path).resolved
            let configuration = DetectorConfiguration(experiment, stage: .inference)
            // Targets car, cyclist, person → 3 object classes.
            #expect(configuration.classCount == 3)
            #expect(configuration.anchorScales == [64, 128, 256])
            #expect(configuration.anchorRatios == [1, 0.5, 2])
            #expect(configuration.anchorsPerCell == 9)
            #expect(configuration.roiMiniBatch == 256 && configuration.rpnMiniBatch == 256)
            #expect(configuration.cropSize == 7)
            #expect(configuration.rpnMinOverlap == 0.3 && configuration.rpnMaxOverlap == 0.7)
            #expect(configuration.classifierMinOverlap == 0 && configuration.classifierMaxOverlap == 0.5)
            #expect(configuration.classifierRegressionStd == [10, 10, 5, 5])
            #expect(configuration.trainingProposals == .training)
            #expect(configuration.inferenceProposals == .inference)
            #expect(configuration.detection == .standard)
            #expect(configuration.regularizer == .l2(weight: 1e-4))
            #expect(configuration.lossWeights == LossWeights())
            try configuration.validate()
        }

        @Test func validationNamesTheField() {
            var configuration = DetectorConfiguration(classCount: 2)
            configuration.rpnMinOverlap = 0.8
            #expect(throws: DetectorConfigurationError.self) { try configuration.validate() }
            do {
                try configuration.validate()
            } catch {
                #expect(error.field == "rpn_min_overlap/rpn_max_overlap")
            }
            configuration = DetectorConfiguration(classCount: 2)
            configuration.anchorRatios = []
            #expect(throws: DetectorConfigurationError(
                field: "anchor_box_config.ratio", message: "must be non-empty with every value > 0, got []")
            ) { try configuration.validate() }
        }
    }
}
