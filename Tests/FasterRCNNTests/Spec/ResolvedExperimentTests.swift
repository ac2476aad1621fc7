import Foundation
import Testing
import TestSupport
@testable import FasterRCNN

/// Effective values: 0-means-default rules, class ids, IoU lists, channel order, checkpoint names.
@Suite("Resolved experiment")
struct ResolvedExperimentTests {
    private func resolved(_ text: String = SpecFixtures.experiment) throws -> ResolvedExperiment {
        try ExperimentSpec.parse(text).resolved
    }

    @Test func classIdsAreSortedTargetsThenBackground() throws {
        let classes = try resolved().classes
        #expect(classes.names == ["car", "cyclist", "person", "background"])
        #expect(classes.backgroundID == 3 && classes.objectClassCount == 3)
        #expect(classes.id(forSourceClass: "van") == 0)
        #expect(classes.id(forSourceClass: "pedestrian") == 2)
        #expect(classes.id(forSourceClass: "dontcare") == nil)
    }

    @Test func classNamesSortByteWiseLikePython() {
        let classes = ClassMap(mapping: ["a": "truck", "b": "Zebra", "c": "apple", "d": "_x", "e": "truck"])
        #expect(classes.names == ["Zebra", "_x", "apple", "truck", "background"])
    }

    @Test func zeroMeansDefault() throws {
        var text = SpecFixtures.replacing("batch_size: 1\n  validation", with: "batch_size: 0\n  validation")
        text = SpecFixtures.replacing("validation_period_during_training: 1\n", with: "", in: text)
        text = SpecFixtures.replacing("batch_size: 1\n  rpn_pre", with: "rpn_pre", in: text)
        let spec = try resolved(text)
        #expect(spec.training.checkpointInterval == 1)
        #expect(spec.training.savesCheckpoints)
        #expect(spec.evaluation.validationPeriod == 1)
        #expect(spec.evaluation.batchSize == 1)
        #expect(spec.inference.batchSize == 1)
        #expect(spec.augmentation.rotateProbability == 1)
        #expect(spec.augmentation.crop == nil)
        #expect(spec.model.activation == "relu")
        #expect(spec.inference.nmsScoreBits == 0)
        #expect(spec.training.resumeFromModel == nil && spec.training.retrainPrunedModel == nil)
    }

    @Test func explicitValuesAreKept() throws {
        var text = SpecFixtures.replacing("num_epochs: 12", with: "num_epochs: 12\n  checkpoint_interval: 3")
        text = SpecFixtures.replacing("validation_period_during_training: 1", with: "validation_period_during_training: 4", in: text)
        text = SpecFixtures.replacing("zoom_max: 1.0", with: "zoom_max: 1.0\n    rotate_probability: 0.25", in: text)
        let spec = try resolved(text)
        #expect(spec.training.checkpointInterval == 3)
        #expect(spec.evaluation.validationPeriod == 4)
        #expect(spec.augmentation.rotateProbability == 0.25)
    }

    @Test func channelMeansFollowTheChannelOrder() throws {
        #expect(try resolved().input.channelMeans == [103.939, 116.779, 123.68])
        let rgb = try resolved(SpecFixtures.replacing("image_channel_order: \"bgr\"", with: "image_channel_order: \"rgb\""))
        #expect(rgb.input.channelMeans == [123.68, 116.779, 103.939])
        #expect(rgb.input.size == .fixed(height: 384, width: 1248))
    }

    @Test func grayscaleUsesOneChannelAndMeanL() throws {
        var text = SpecFixtures.replacing("image_type: RGB", with: "image_type: GRAY_SCALE")
        text = SpecFixtures.replacing("image_channel_order: \"bgr\"", with: "image_channel_order: 'l'", in: text)
        text = SpecFixtures.replacing("""
            image_channel_mean {
                  key: "b"
                  value: 103.939
                }
                image_channel_mean {
                  key: "g"
                  value: 116.779
                }
                image_channel_mean {
                  key: "r"
                  value: 123.68
                }
            """, with: "image_channel_mean { key: 'l' value: 127.5 }", in: text)
        text = SpecFixtures.replacing("output_image_channel: 3", with: "output_image_channel: 1", in: text)
        let input = try resolved(text).input
        #expect(input.channels == 1 && input.channelMeans == [127.5] && input.channelOrder == "l")
    }

    @Test func efficientNetActivationDefaultsToSwish() throws {
        let spec = try resolved(SpecFixtures.replacing("arch: \"resnet:18\"", with: "arch: \"efficientnet:b3\""))
        #expect(spec.model.activation == "swish")
        #expect(spec.model.backbone.variant == "b3")
        #expect(spec.model.backbone.checkpointStem == "frcnn_efficientnet_b3")
    }

    @Test func backbonesParse() throws {
        let resnet = try #require(BackboneArchitecture(arch: "resnet101"))
        #expect(resnet.family == .resnet && resnet.layers == 101 && resnet.isKerasApplicationsLayout)
        let vgg = try #require(BackboneArchitecture(arch: "vgg:19"))
        #expect(vgg.family == .vgg && vgg.layers == 19 && !vgg.isKerasApplicationsLayout && vgg.freezableBlocks == 1...5)
        #expect(BackboneArchitecture(arch: "darknet:53")?.freezableBlocks == 0...5)
        #expect(BackboneArchitecture(arch: "efficientnet:b0")?.freezableBlocks == nil)
        #expect(BackboneArchitecture(arch: "resnet:19") == nil && BackboneArchitecture(arch: "") == nil)
        #expect(BackboneArchitecture.validArchs.count == 22)
    }

    @Test func optimizerAndScheduleAreResolved() throws {
        let training = try resolved().training
        #expect(training.optimizer == .sgd(momentum: 0.9, decay: 0, nesterov: false))
        #expect(training.learningRate == .softStart(baseLR: 0.02, startLR: 0.002, softStart: 0.1, annealingPoints: [0.8, 0.9], divider: 10))
        #expect(training.regularizer == .l2(weight: 0.0001))
        #expect(training.classifierRegressionStd == [10, 10, 5, 5])
        #expect(training.proposal == ProposalSettings(preNMSTopN: 12000, postNMSTopN: 2000, nmsIoUThreshold: 0.7))
    }

    @Test(arguments: [
        ("results/frcnn_resnet_18.epoch_12.hdf5", 12), ("a/b.epoch_3.tlt", 3), ("m.epoch_7.h5", 7), ("m.epoch_9.d", 9),
    ])
    func checkpointEpochIsParsed(_ path: String, _ epoch: Int) {
        #expect(ResolvedTraining.epoch(inCheckpointName: path) == epoch)
    }

    @Test(arguments: ["m.epoch_3.onnx", "m.epoch_.hdf5", "m.epoch_3hdf5", "model.hdf5", "m.Epoch_3.hdf5"])
    func nonCheckpointNamesAreRejected(_ path: String) {
        #expect(ResolvedTraining.epoch(inCheckpointName: path) == nil)
    }

    @Test func iouRangeMatchesNumpyArange() throws {
        let ranges: [(Float, Float, Float)] = [(0.5, 1.0, 0.05), (0.5, 0.95, 0.05), (0.3, 0.9, 0.1), (0.1, 1.0, 0.3), (0.55, 0.6, 0.07)]
        var lines: [String] = []
        for (start, end, step) in ranges {
            let text = SpecFixtures.replacing("gt_matching_iou_threshold: 0.5",
                                              with: "gt_matching_iou_threshold_range { start: \(start) end: \(end) step: \(step) }")
            let thresholds = try resolved(text).evaluation.iouThresholds
            lines.append(thresholds.map { String($0.bitPattern) }.joined(separator: " "))
        }
        // TAO: numpy.arange over the float32 proto values widened to Python floats.
        let script = """
        import sys, numpy as np
        for a in sys.argv[1:]:
            s, e, st = (np.float32(x).item() for x in a.split(','))
            print(' '.join(str(np.float64(v).view(np.uint64)) for v in np.arange(s, e, st)))
        """
        let output = try PythonOracle.run(script, arguments: ranges.map { "\($0.0),\($0.1),\($0.2)" })
        #expect(output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) == lines)
        let tao = try resolved(SpecFixtures.replacing("gt_matching_iou_threshold: 0.5",
                                                      with: "gt_matching_iou_threshold_range { start: 0.5 end: 1.0 step: 0.05 }"))
        #expect(tao.evaluation.iouThresholds.count == 10)
        #expect(tao.evaluation.iouThresholdsAreRange)
    }

    @Test func datasetExportDefaults() throws {
        var text = SpecFixtures.replacing("  image_extension: \".png\"\n", with: "", in: SpecFixtures.kittiConvert)
        text = SpecFixtures.replacing("  partition_mode: \"random\"\n", with: "  kitti_sequence_to_frames_file: \"seq.json\"\n", in: text)
        text = SpecFixtures.replacing("num_shards: 10", with: "num_shards: 0", in: text)
        let spec = try DatasetExportSpec.parse(text).resolved
        guard case .kitti(let kitti) = spec.source else {
            Issue.record("not KITTI")
            return
        }
        #expect(kitti.imageExtension == ".png")
        #expect(kitti.partitionMode == .sequence)
        #expect(kitti.shards == 0)
        #expect(kitti.sequenceToFramesPath == "data/training/seq.json")
        #expect(spec.sampleModifier == nil)
    }
}
