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
    /// - resnet101: torchvision's resnet101 without fc (Keras' ResNet101 without top has 42,552,832 trainable
    ///   parameters = this + the 52,672 conv biases, checked with use_bias in ``kerasResNet101WithBias()``).
    /// - vgg16: Keras' VGG16 without top (14,714,688) + fc1 (25,088·4,096 + 4,096) + fc2 (4,096² + 4,096).
    /// - vgg:16 / vgg:19: torchvision vgg16/vgg19 `features` (14,714,688 / 20,024,384) without conv biases
    ///   (4,224 / 5,504), plus BN gamma/beta (2 × those), plus fc1 + fc2.
    /// - googlenet: torchvision's GoogLeNet (6,624,904) without fc (1,025,000), plus the difference of a real 5×5
    ///   over torchvision's 3×3 in the 5×5 branches: 16 · Σ reduce·out = 16 · 23,808.
    /// - mobilenet_v1: Keras' MobileNet (alpha 1) without top, trainable: 3,206,976.
    /// - mobilenet_v2: torchvision's mobilenet_v2 (3,504,872) without classifier (1,281,000) = Keras' trainable.
    /// - darknet:19/53, efficientnet:b1…b7: hand formulas below (``darknetCount(_:)``, ``efficientNetCount(_:)``);
    ///   efficientnet:b0 also Keras' EfficientNetB0 without top, trainable: 4,007,548.
    static let expectedCounts: [(arch: String, count: Int)] = [
        ("resnet:10", 9_536 + 78_208 + 230_144 + 919_040 + 3_673_088),
        ("resnet:18", 11_689_512 - 513_000 + 4_224),
        ("resnet:34", 21_797_672 - 513_000 + 4_224),
        ("resnet:50", 25_557_032 - 2_049_000),
        ("resnet:101", 44_549_160 - 2_049_000),
        ("resnet101", 44_549_160 - 2_049_000),
        ("vgg16", 14_714_688 + 102_764_544 + 16_781_312),
        ("vgg:16", 14_714_688 - 4_224 + 8_448 + 102_764_544 + 16_781_312),
        ("vgg:19", 20_024_384 - 5_504 + 11_008 + 102_764_544 + 16_781_312),
        ("googlenet", 6_624_904 - 1_025_000 + 16 * 23_808),
        ("mobilenet_v1", 3_206_976),
        ("mobilenet_v2", 3_504_872 - 1_281_000),
        ("darknet:19", darknetCount(19)),
        ("darknet:53", darknetCount(53)),
        ("efficientnet:b0", 4_007_548),
    ] + (1...7).map { ("efficientnet:b\($0)", efficientNetCount($0)) }

    /// Σ over convolutions of k²·in·out + 2·out (no bias, BN gamma/beta), DarkNet's layer lists written out.
    static func darknetCount(_ depth: Int) -> Int {
        func conv(_ k: Int, _ i: Int, _ o: Int) -> Int { k * k * i * o + 2 * o }
        var total = conv(3, 3, 32)
        if depth == 19 {
            let layers = [(3, 32, 64), (3, 64, 128), (1, 128, 64), (3, 64, 128), (3, 128, 256), (1, 256, 128),
                          (3, 128, 256), (3, 256, 512), (1, 512, 256), (3, 256, 512), (1, 512, 256), (3, 256, 512),
                          (3, 512, 1024), (1, 1024, 512), (3, 512, 1024), (1, 1024, 512), (3, 512, 1024)]
            return total + layers.map { conv($0.0, $0.1, $0.2) }.reduce(0, +)
        }
        for (k, units) in zip(1...5, [1, 2, 8, 8, 4]) {
            let w = 32 << k
            total += conv(3, w / 2, w) + units * (conv(1, w, w / 2) + conv(3, w / 2, w))
        }
        return total
    }

    /// EfficientNet from Keras' block table: stem, MBConv blocks (expand, depthwise, SE with bias, project), top.
    static func efficientNetCount(_ variant: Int) -> Int {
        let (width, depth) = [(1.0, 1.0), (1.0, 1.1), (1.1, 1.2), (1.2, 1.4), (1.4, 1.8), (1.6, 2.2), (1.8, 2.6), (2.0, 3.1)][variant]
        func filters(_ f: Int) -> Int {
            let x = Double(f) * width
            let r = max(8, Int(x + 4) / 8 * 8)
            return Double(r) < 0.9 * x ? r + 8 : r
        }
        let table = [(3, 1, 32, 16, 1), (3, 2, 16, 24, 6), (5, 2, 24, 40, 6), (3, 3, 40, 80, 6), (5, 3, 80, 112, 6),
                     (5, 4, 112, 192, 6), (3, 1, 192, 320, 6)]
        var total = 9 * 3 * filters(32) + 2 * filters(32)
        var channels = filters(32)
        for (k, r, _, out, e) in table {
            for _ in 0..<Int((depth * Double(r)).rounded(.up)) {
                let x = channels * e
                let se = max(1, channels / 4)
                total += (e == 1 ? 0 : channels * x + 2 * x) + k * k * x + 2 * x
                total += x * se + se + se * x + x + x * filters(out) + 2 * filters(out)
                channels = filters(out)
            }
        }
        return total + channels * filters(1280) + 2 * filters(1280)
    }

    @Test(arguments: expectedCounts.map(\.arch))
    func parameterCount(arch: String) throws {
        let store = ParameterStore()
        let backbone = try BackboneFactory.make(arch: arch, options: BackboneOptions(), path: store.root / "backbone")
        let expected = Self.expectedCounts.first { $0.arch == arch }!.count
        #expect(backbone.parameterCount == expected, "\(arch)")
    }

    /// mobilenet_v2 with all_projections, as TAO's template builds it: every block with an identity shortcut
    /// (stride 1, equal widths: blocks 2, 4, 5, 7–9, 11, 12, 14, 15) projects its input with a 1×1 convolution
    /// and no batch norm; the other blocks have no shortcut. Parameters: the plain count + Σ c² over those blocks
    /// (24² + 2·32² + 3·64² + 2·96² + 2·160² = 84,544).
    @Test func mobileNetV2AllProjections() throws {
        let backbone = try BackboneFactory.make(arch: "mobilenet_v2", options: BackboneOptions(allProjections: true),
                                                path: ParameterStore().root)
        let projected = backbone.layers.map(\.name).filter { $0.contains("projected_inputs") }
        #expect(projected == [2, 4, 5, 7, 8, 9, 11, 12, 14, 15].map { "block_\($0)_projected_inputs" })
        #expect(backbone.parameterCount == 2_223_872 + 84_544)
    }

    /// Keras' ResNet101 (no top, use_bias): 42,552,832 trainable parameters.
    @Test func kerasResNet101WithBias() throws {
        let backbone = try BackboneFactory.make(arch: "resnet101", options: BackboneOptions(useBias: true), path: ParameterStore().root)
        #expect(backbone.parameterCount == 42_552_832)
    }

    /// Keras' EfficientNetB0…B7 without top, total parameter counts (Keras counts batch-norm moving mean/variance
    /// and the input Normalization layer's 7 weights too): ours + running statistics + 7 must equal them.
    @Test(arguments: zip(0...7, [4_049_571, 6_575_239, 7_768_569, 10_783_535, 17_673_823, 28_513_527, 40_960_143, 64_097_687]))
    func efficientNetKerasTotals(variant: Int, kerasTotal: Int) throws {
        let store = ParameterStore()
        let backbone = try BackboneFactory.make(arch: "efficientnet:b\(variant)", options: BackboneOptions(), path: store.root)
        let statistics = store.buffers.reduce(0) { $0 + $1.tensor.count }
        #expect(backbone.parameterCount + statistics + 7 == kerasTotal)
    }

    /// Grayscale input: conv1 has 1 input channel instead of 3 (7·7·64·2 fewer weights).
    @Test func grayscaleInput() throws {
        let backbone = try BackboneFactory.make(arch: "resnet:18", options: BackboneOptions(inputChannels: 1), path: ParameterStore().root)
        #expect(backbone.parameterCount == 11_689_512 - 513_000 + 4_224 - 2 * 49 * 64)
        try checkShapes(arch: "resnet:18", height: 160, width: 320, options: BackboneOptions(inputChannels: 1))
    }

    /// Every arch at 160×320: features are [1, C, 10, 20] and the head gives [R, headOutputSize], with and
    /// without pool_size_2x.
    @Test(arguments: BackboneFactory.architectures)
    func smallShapes(arch: String) throws {
        try checkShapes(arch: arch, height: 160, width: 320, options: BackboneOptions())
        try checkShapes(arch: arch, height: 160, width: 320, options: BackboneOptions(poolSize2x: true))
    }

    /// Every arch at TAO's KITTI size (batch 1, no grad, eval mode): [1, 3, 384, 1248] → [1, C, 24, 78]; head on
    /// 7×7 crops.
    @Test(arguments: BackboneFactory.architectures)
    func fullSizeShapes(arch: String) throws {
        try checkShapes(arch: arch, height: 384, width: 1248, options: BackboneOptions())
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
