import Testing
import Torch
@testable import FasterRCNN

/// Pruning removes exactly the channels it decides to remove, consistently in every layer that reads them.
///
/// For each architecture: a model with random weights and batch-norm statistics is pruned once (intersection,
/// threshold 0.93, so tied groups lose channels too); the filters it would remove are then set to zero in the
/// original model (kernel rows, biases, the batch-norm entries and depthwise kernels that follow them). Pruning
/// that model at threshold 1e-9 (granularity 1, minimum 1) must remove exactly those channels, and the pruned
/// model, rebuilt from the pruned tensors' shapes alone, must give the zeroed model's RPN and RCNN outputs: a
/// zero channel contributes nothing, so a consumer or follower sliced at the wrong positions, or a tie the graph
/// missed, changes the outputs or fails to build.
extension DetectionSuite {
    @Suite struct PruningEquivalenceTests {
        static let archs = ["resnet:10", "resnet:50", "resnet101", "vgg:16", "vgg16", "googlenet", "mobilenet_v1",
                            "mobilenet_v2", "darknet:19", "darknet:53", "efficientnet:b0"]

        @Test(arguments: archs) func prunedModelMatchesTheZeroedModel(arch: String) throws {
            Runtime.manualSeed(11)
            var configuration = DetectorConfiguration(classCount: 2)
            configuration.anchorScales = [32, 64]
            let model = try Self.model(arch: arch, configuration: configuration, store: ParameterStore())
            try Self.randomize(model.store)
            let first = PruningSettings(equalization: .intersection, granularity: 2, threshold: 0.93, minimumFilters: 4)
            let graph = try ChannelGraph(model: model)
            let decided = try ModelPruner.keptSlots(graph, settings: first)
            #expect(decided.contains(false), "\(arch): nothing pruned")
            try Self.zero(model.store, graph: graph, kept: decided)

            let exact = PruningSettings(granularity: 1, threshold: 1e-9, minimumFilters: 1)
            #expect(try ModelPruner.keptSlots(ChannelGraph(model: model), settings: exact) == decided, "\(arch)")
            let result = try ModelPruner.prune(model, settings: exact)
            #expect(result.prunedCount < result.originalCount)
            #expect(result.layers.contains { $0.after < $0.before })
            for output in PruningSettings.outputLayers {
                #expect(result.layers.first { $0.name == output }.map { $0.after == $0.before } == true, "\(output)")
            }
            let pruned = try Self.model(arch: arch, configuration: configuration,
                                        store: ParameterStore(shapes: result.tensors.mapValues(\.shape)))
            _ = try pruned.store.load(result.tensors, strict: true)
            #expect(pruned.store.parameters.reduce(0) { $0 + $1.tensor.count } < model.store.parameters.reduce(0) { $0 + $1.tensor.count })

            model.store.isTraining = false
            pruned.store.isTraining = false
            let images = try Tensor.randn([1, 3, 64, 96])
            let rois = try Tensor([Float(0), 0, 32, 32, 10, 20, 60, 90, 5, 5, 40, 70], shape: [1, 3, 4])
            let (expected, actual) = try noGrad {
                try (Self.outputs(model, images, rois), Self.outputs(pruned, images, rois))
            }
            for (name, (want, got)) in zip(["rpn logits", "rpn deltas", "rcnn logits", "rcnn deltas"], zip(expected, actual)) {
                let scale = max(1, want.map { abs($0) }.max() ?? 0)
                expectClose(got, want, tolerance: 1e-4 * scale, "\(arch) \(name)")
            }
        }

        static func model(arch: String, configuration: DetectorConfiguration, store: ParameterStore) throws -> FasterRCNNModel {
            let backbone = try BackboneFactory.make(arch: arch, options: BackboneOptions(), path: store.root / "backbone")
            return try FasterRCNNModel(backbone: backbone, store: store, configuration: configuration)
        }

        /// Random batch-norm parameters and statistics, and random weights where the detector starts from zeros.
        static func randomize(_ store: ParameterStore) throws {
            try noGrad {
                for entry in store.all {
                    let tensor = entry.tensor
                    if entry.name.hasSuffix("running_var") {
                        try tensor.copy(from: Tensor.rand(tensor.shape) + 0.5)
                    } else if tensor.rank == 1 {
                        try tensor.copy(from: Tensor.randn(tensor.shape) * 0.1 + (entry.name.hasSuffix(".weight") ? 1 : 0))
                    } else if try tensor.abs().max().item() == 0 {
                        try tensor.copy(from: Tensor.randn(tensor.shape) * 0.05)
                    }
                }
            }
        }

        /// Zeroes, along every first-dimension axis (a producer's filters and what follows them), the removed slots.
        static func zero(_ store: ParameterStore, graph: ChannelGraph, kept: [Bool]) throws {
            try noGrad {
                for axis in graph.axes where axis.dimension == 0 {
                    let tensor = try #require(store[axis.tensor])
                    let mask = axis.slots.map { kept[$0] ? Float(1) : 0 }
                    let shape = [mask.count] + Array(repeating: 1, count: tensor.rank - 1)
                    try tensor.copy(from: tensor * Tensor(mask, shape: shape))
                }
            }
        }

        /// RPN logits and deltas on `images`, RCNN logits and deltas for `rois` (y1, x1, y2, x2 in pixels).
        static func outputs(_ model: FasterRCNNModel, _ images: Tensor, _ rois: Tensor) throws -> [[Float]] {
            let (features, logits, deltas) = try model.runRPN(images)
            let rcnn = try model.runRCNN(features: features, rois: rois, imageHeight: images.shape[2], imageWidth: images.shape[3])
            return try [logits, deltas, rcnn.logits, rcnn.deltas].map { try $0.contiguous().toArray(Float.self) }
        }
    }
}
