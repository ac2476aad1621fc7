import Foundation
import Testing
@testable import FasterRCNN

/// The library checks some spec rules again for callers that build its values by hand (`LearningRateSchedule`,
/// `DetectorConfiguration.validate()`). Over a grid of values around every boundary the spec rules and those checks
/// must agree: a spec that validates never fails later in the library, and a value the library refuses never
/// validates (an annealing point at `soft_start` once did, and failed only after the model was built).
@Suite struct RuleAgreementTests {
    private func specIsValid(_ text: String) -> Bool {
        (try? ExperimentSpec.parse(text, file: "spec.txt")) != nil
    }

    @Test func softStartScheduleAgreesWithTheSpecRules() {
        let values: [Float] = [0, 0.1, 0.5, 0.8, 0.9, 1, 1.1]
        var compared = 0
        for softStart in values {
            for first in values {
                for second in values {
                    let text = SpecFixtures.replacing(
                        "soft_start: 0.1\n      annealing_points: 0.8\n      annealing_points: 0.9",
                        with: "soft_start: \(softStart)\n      annealing_points: \(first)\n      annealing_points: \(second)")
                    let library = (try? LearningRateSchedule(
                        .softStart(baseLR: 0.02, startLR: 0.002, softStart: Double(softStart),
                                   annealingPoints: [Double(first), Double(second)], divider: 10),
                        totalSteps: 1000)) != nil
                    #expect(specIsValid(text) == library, "soft_start \(softStart), annealing points \(first), \(second)")
                    compared += 1
                }
            }
        }
        #expect(compared == 343)
    }

    @Test func stepScheduleAgreesWithTheSpecRules() {
        // Step sizes of at least one iteration of the 100 000 (the library also refuses a step shorter than one
        // iteration of the run, which only the run length decides).
        for gamma: Float in [-0.1, 0, 0.5, 1, 1.5] {
            for stepSize: Float in [-1, 0, 0.01, 10, 100, 101] {
                let text = SpecFixtures.experiment.replacingOccurrences(  // the fixture's soft_start block → step
                    of: #"soft_start \{[^}]*\}"#, with: "step { base_lr: 0.02 gamma: \(gamma) step_size: \(stepSize) }",
                    options: .regularExpression)
                let library = (try? LearningRateSchedule(
                    .step(baseLR: 0.02, gamma: Double(gamma), stepSizePercent: Double(stepSize)), totalSteps: 100_000)) != nil
                #expect(specIsValid(text) == library, "gamma \(gamma), step_size \(stepSize)")
            }
        }
    }

    @Test func overlapsAgreeWithDetectorConfiguration() throws {
        let values: [Float] = [-0.1, 0, 0.3, 0.5, 0.7, 1, 1.2]
        for (minField, maxField) in [("rpn_min_overlap", "rpn_max_overlap"), ("classifier_min_overlap", "classifier_max_overlap")] {
            let base = try #require(ExperimentSpec.parse(SpecFixtures.experiment, file: "spec.txt").resolved)
            for low in values {
                for high in values {
                    var text = SpecFixtures.experiment
                    for (field, value) in [(minField, low), (maxField, high)] {
                        text = text.replacingOccurrences(
                            of: "\(field): [0-9.]+", with: "\(field): \(value)", options: .regularExpression)
                    }
                    var configuration = DetectorConfiguration(base, stage: .evaluation)
                    if minField.hasPrefix("rpn") {
                        (configuration.rpnMinOverlap, configuration.rpnMaxOverlap) = (low, high)
                    } else {
                        (configuration.classifierMinOverlap, configuration.classifierMaxOverlap) = (low, high)
                    }
                    let library = (try? configuration.validate()) != nil
                    #expect(specIsValid(text) == library, "\(minField) \(low), \(maxField) \(high)")
                }
            }
        }
    }

    @Test func nmsThresholdsAgreeWithDetectorConfiguration() throws {
        let base = try ExperimentSpec.parse(SpecFixtures.experiment, file: "spec.txt").resolved
        for threshold: Float in [-0.1, 0, 0.3, 0.7, 1, 1.1] {
            let text = SpecFixtures.experiment.replacingOccurrences(
                of: "(rpn|classifier)_nms_overlap_threshold: [0-9.]+", with: "$1_nms_overlap_threshold: \(threshold)",
                options: .regularExpression)
            var configuration = DetectorConfiguration(base, stage: .evaluation)
            func proposals(_ settings: ProposalSettings) -> ProposalSettings {
                ProposalSettings(preNMSTopN: settings.preNMSTopN, postNMSTopN: settings.postNMSTopN, nmsIoUThreshold: threshold)
            }
            configuration.trainingProposals = proposals(configuration.trainingProposals)
            configuration.inferenceProposals = proposals(configuration.inferenceProposals)
            configuration.detection = DetectionNMSSettings(maxBoxes: configuration.detection.maxBoxes, iouThreshold: threshold,
                                                           confidenceThreshold: configuration.detection.confidenceThreshold)
            let library = (try? configuration.validate()) != nil
            #expect(specIsValid(text) == library, "NMS IoU thresholds \(threshold)")
        }
    }

    /// The metric's own checks are laxer than TAO's spec rules (it also takes an IoU of exactly 1 and a confidence
    /// of 1 or more), so only one direction holds: whatever validates, the metric accepts.
    @Test func evaluationThresholdsThatValidateAreAcceptedByTheMetric() throws {
        var validated = 0
        for iou: Float in [-0.1, 0, 0.5, 0.95, 1, 1.1] {
            for confidence: Float in [-0.1, 0, 0.0001, 0.5, 1] {
                let text = SpecFixtures.experiment
                    .replacingOccurrences(of: "gt_matching_iou_threshold: 0.5", with: "gt_matching_iou_threshold: \(iou)")
                    .replacingOccurrences(of: "object_confidence_thres: 0.0001", with: "object_confidence_thres: \(confidence)")
                guard let spec = try? ExperimentSpec.parse(text, file: "spec.txt") else { continue }
                let evaluation = spec.resolved.evaluation
                #expect(throws: Never.self, "iou \(iou), confidence \(confidence)") {
                    try TAOMeanAveragePrecision(iouThresholds: evaluation.iouThresholds,
                                                confidenceThreshold: Double(evaluation.nms.confidenceThreshold),
                                                interpolation: .area)
                }
                validated += 1
            }
        }
        #expect(validated == 4)  // iou 0.5 and 0.95 with confidence 0.0001 and 0.5
    }
}
