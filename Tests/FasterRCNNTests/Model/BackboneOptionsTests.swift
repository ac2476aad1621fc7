import Foundation
import Testing
import Torch
@testable import FasterRCNN

/// model_config → BackboneOptions, memory format and dtype choices, and the train-mode-only layers.
@Suite(.serialized) struct BackboneOptionsTests {
    /// A resolved spec's model_config and input become the options the backbone is built with.
    @Test func fromResolvedSpec() throws {
        let text = SpecFixtures.replacing("model_config {", with: """
            model_config {
              dropout_rate: 0.5
              drop_connect_rate: 0.2
              activation { activation_type: "relu" }
            """)
            .replacingOccurrences(of: "freeze_blocks: 1", with: "freeze_blocks: 2")
            .replacingOccurrences(of: "use_bias: false", with: "use_bias: true")
            .replacingOccurrences(of: "use_pooling: false", with: "use_pooling: true")
        var experiment = try ExperimentSpec.parse(
            text.replacingOccurrences(of: "arch: \"resnet:18\"", with: "arch: \"efficientnet:b1\""), file: "spec.txt").resolved
        var options = BackboneOptions(experiment: experiment)
        #expect(experiment.model.backbone.arch == "efficientnet:b1")
        #expect(options.inputChannels == experiment.input.channels && options.freezeBlocks == [0, 2] && options.freezeBN)
        #expect(options.useBias && options.allProjections && options.usePooling && options.dropoutRate == 0.5)
        #expect(abs(options.dropConnectRate - 0.2) < 1e-6 && options.activation == .relu)
        #expect(options.poolSize == experiment.model.poolSize && options.poolSize2x == experiment.model.poolSize2x)
        let unset = text.replacingOccurrences(of: "activation_type: \"relu\"", with: "activation_type: \"\"")
        experiment = try ExperimentSpec.parse(
            unset.replacingOccurrences(of: "arch: \"resnet:18\"", with: "arch: \"efficientnet:b1\""), file: "spec.txt").resolved
        #expect(BackboneOptions(experiment: experiment).activation == .swish)  // EfficientNet's default
        experiment = try ExperimentSpec.parse(unset, file: "spec.txt").resolved
        #expect(BackboneOptions(experiment: experiment).activation == .relu)  // every other family
    }

    /// Every example spec in specs/ gives options its backbone accepts (freeze ids, activation, pooling, …).
    @Test func exampleSpecsBuild() throws {
        let folder = SpecFixtures.repositoryRoot.appendingPathComponent("specs")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") && !$0.contains("convert") }
        #expect(names.count >= 8)
        for name in names {
            let experiment = try ExperimentSpec.load(path: folder.appendingPathComponent(name).path).resolved
            let arch = experiment.model.backbone.arch
            let backbone = try BackboneFactory.make(arch: arch, options: BackboneOptions(experiment: experiment), path: ParameterStore().root)
            #expect(backbone.arch == arch && backbone.options.freezeBlocks == Set(experiment.model.freezeBlocks), "\(name)")
            if experiment.model.backbone.family == .efficientnet {
                #expect(backbone.options.activation == BackboneActivation(rawValue: experiment.model.activation), "\(name)")
            }
        }
    }

    /// Channels-last gives the same numbers as NCHW-contiguous (within float rounding) and stays channels-last.
    @Test func channelsLastMatchesContiguous() throws {
        let plain = ParameterStore()
        let fast = ParameterStore()
        plain.isTraining = false
        fast.isTraining = false
        let a = try BackboneFactory.make(arch: "resnet:18", options: BackboneOptions(), path: plain.root)
        let b = try BackboneFactory.make(arch: "resnet:18", options: BackboneOptions(memoryFormat: .channelsLast), path: fast.root)
        try fast.load(plain.namedTensors())
        try noGrad {
            let image = try Tensor.randn([1, 3, 96, 160])
            let (x, y) = (try a.features(image), try b.features(image))
            #expect(y.isContiguous(format: .channelsLast))
            #expect(try (x - y).abs().max().item() < 1e-4)
            let crops = try Tensor.randn([2, 256, 7, 7])
            #expect(try (a.head(crops) - b.head(crops)).abs().max().item() < 1e-4)
        }
    }

    /// A bfloat16 store runs end to end in bfloat16.
    @Test func bfloat16() throws {
        let store = ParameterStore(dtype: .bfloat16)
        store.isTraining = false
        let backbone = try BackboneFactory.make(arch: "mobilenet_v2", options: BackboneOptions(), path: store.root)
        try noGrad {
            let features = try backbone.features(Tensor.randn([1, 3, 64, 96]).to(dtype: .bfloat16))
            #expect(features.dtype == .bfloat16 && features.shape == [1, 96, 4, 6])
        }
    }

    /// VGG's fc dropout and EfficientNet's drop-connect act only in training mode.
    @Test(arguments: [("vgg:16", BackboneOptions(dropoutRate: 0.5)), ("efficientnet:b0", BackboneOptions(dropConnectRate: 0.5))])
    func stochasticLayersOnlyInTraining(arch: String, options: BackboneOptions) throws {
        let store = ParameterStore()
        let backbone = try BackboneFactory.make(arch: arch, options: options, path: store.root)
        try noGrad {
            let crops = try Tensor.randn([4, backbone.featureChannels, 7, 7])
            let images = try Tensor.randn([4, 3, 32, 32])
            func run() throws -> Tensor { arch.hasPrefix("vgg") ? try backbone.head(crops) : try backbone.features(images) }
            store.isTraining = false
            #expect(try run().isEqual(to: run()).all().item() == 1)
            store.isTraining = true
            #expect(try run().isEqual(to: run()).all().item() == 0)
        }
    }

    /// Wrong input shapes are rejected with the expected shape.
    @Test func badInputs() throws {
        let backbone = try BackboneFactory.make(arch: "resnet:10", options: BackboneOptions(), path: ParameterStore().root)
        #expect { try backbone.features(Tensor.zeros([1, 1, 32, 32])) } throws: { "\($0)".contains("[N, 3, H, W]") }
        #expect { try backbone.head(Tensor.zeros([1, 256, 14, 14])) } throws: { "\($0)".contains("[R, 256, 7, 7]") }
    }
}
