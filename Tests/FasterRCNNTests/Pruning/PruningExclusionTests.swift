import Testing
import Torch
@testable import FasterRCNN

/// `--excluded_layers`: an excluded layer keeps its filters, and so does every layer tied to it; a name that is
/// not a layer is an error.
extension DetectionSuite {
    @Suite struct PruningExclusionTests {
        @Test func excludedLayersAndTheirTiesKeepEveryFilter() throws {
            Runtime.manualSeed(5)
            var configuration = DetectorConfiguration(classCount: 1)
            configuration.anchorScales = [32]
            let model = try PruningEquivalenceTests.model(arch: "resnet:10", configuration: configuration, store: ParameterStore())
            // Threshold 2 is above every max-normalized norm: everything not excluded falls to the minimum (8).
            let settings = PruningSettings(granularity: 8, threshold: 2, minimumFilters: 8,
                                           excludedLayers: ["block_1a_conv_1", "block_2a_conv_shortcut"])
            let layers = Dictionary(uniqueKeysWithValues: try ModelPruner.prune(model, settings: settings).layers.map { ($0.name, $0) })
            for kept in ["block_1a_conv_1", "block_2a_conv_shortcut", "block_2a_conv_2", "rpn_out_class", "dense_regress_td"] {
                #expect(layers[kept].map { $0.after == $0.before } == true, "\(kept)")
            }
            for pruned in ["conv1", "block_1a_conv_2", "block_2a_conv_1", "block_3a_conv_2", "rpn_conv1", "block_4a_conv_1"] {
                #expect(layers[pruned]?.after == 8, "\(pruned)")
            }
            #expect(throws: PruningError.self) {
                try ModelPruner.prune(model, settings: PruningSettings(excludedLayers: ["block_9z_conv_1"]))
            }
        }
    }
}
