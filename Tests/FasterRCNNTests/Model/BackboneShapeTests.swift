import Testing
import Torch
@testable import FasterRCNN

/// Parameter counts and output shapes of every TAO backbone.
@Suite(.serialized) struct BackboneShapeTests {
    /// Expected parameter counts (weights, biases, BN gamma/beta; not running statistics) with the default
    /// options (RGB, use_bias false unless noted). Sources, per entry:
    /// - resnet:18/34/50/101: torchvision's resnet counts without `fc` (11,689,512 − 513,000; 21,797,672 − 513,000;
    ///   25,557,032 − 2,049,000; 44,549,160 − 2,049,000), plus, for 18/34, NVIDIA's projection shortcut on
    ///   block_1a that torchvision's layer1 lacks (1×1 64→64 conv + BN: 4,096 + 128).
    /// - resnet:10: hand-computed: conv1 9,408 + BN 128; one basic unit with projection per stage
    ///   c_in→c: 9·c_in·c + 9·c² + c_in·c + 6c → 78,208 + 230,144 + 919,040 + 3,673,088.
    static let expectedCounts: [(arch: String, count: Int)] = [
        ("resnet:10", 9_536 + 78_208 + 230_144 + 919_040 + 3_673_088),
        ("resnet:18", 11_689_512 - 513_000 + 4_224),
        ("resnet:34", 21_797_672 - 513_000 + 4_224),
        ("resnet:50", 25_557_032 - 2_049_000),
        ("resnet:101", 44_549_160 - 2_049_000),
    ]

    @Test(arguments: expectedCounts.map(\.arch))
    func parameterCount(arch: String) throws {
        let store = ParameterStore()
        let backbone = try BackboneFactory.make(arch: arch, options: BackboneOptions(), path: store.root / "backbone")
        let expected = Self.expectedCounts.first { $0.arch == arch }!.count
        #expect(backbone.parameterCount == expected, "\(arch)")
    }

    /// Full-size forward (batch 1, no grad, eval mode): [1, 3, 384, 1248] → [1, C, 24, 78]; head on 7×7 crops.
    @Test(arguments: ["resnet:18"])
    func fullSizeShapes(arch: String) throws {
        try checkShapes(arch: arch, height: 384, width: 1248, options: BackboneOptions())
    }

    /// pool_size_2x: the head takes 14×14 crops and its first block halves them.
    @Test func poolSize2xHead() throws {
        try checkShapes(arch: "resnet:10", height: 160, width: 320, options: BackboneOptions(poolSize2x: true))
    }

    func checkShapes(arch: String, height: Int, width: Int, options: BackboneOptions) throws {
        let store = ParameterStore()
        store.isTraining = false
        let backbone = try BackboneFactory.make(arch: arch, options: options, path: store.root)
        try noGrad {
            let features = try backbone.features(Tensor.randn([1, options.inputChannels, height, width]))
            #expect(features.shape == [1, backbone.featureChannels, height / 16, width / 16], "\(arch)")
            let crops = try Tensor.randn([3, backbone.featureChannels, options.cropSize, options.cropSize])
            #expect(try backbone.head(crops).shape == [3, backbone.headOutputSize], "\(arch)")
        }
    }
}
