import Foundation
import Testing
@testable import FasterRCNN

/// `--gen_ds_config`'s files for TAO's ResNet-18 KITTI tutorial spec, against text written by hand from TAO's
/// exporter: BGR means in b;g;r order, 3;384;1248, three classes plus background.
@Suite struct DeepStreamConfigTests {
    @Test func tutorialSpec() throws {
        let path = SpecFixtures.repositoryRoot.appendingPathComponent("specs/resnet18_kitti.txt").path
        let experiment = try ExperimentSpec.load(path: path).resolved
        let config = DeepStreamConfig(experiment: experiment, imageHeight: 384, imageWidth: 1248, key: "nvidia_tlt")
        #expect(config.nvinferConfig == """
            net-scale-factor=1.0
            offsets=103.939;116.779;123.68
            infer-dims=3;384;1248
            tlt-model-key=nvidia_tlt
            network-type=0
            num-detected-classes=4
            model-color-format=1
            maintain-aspect-ratio=0
            output-tensor-meta=0

            """)
        #expect(config.labels == "car\ncyclist\nperson\nbackground\n")
    }
}
