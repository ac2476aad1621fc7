import Testing
import Torch
@testable import FasterRCNN

/// `freeze_blocks` and `freeze_bn`: after training steps, frozen layers (parameters and batch-norm running
/// statistics) are bit-identical to before, while the others did change.
@Suite(.serialized) struct BackboneFreezeTests {
    /// Two SGD steps (lr 0.1, momentum 0.9, over ALL parameters, frozen ones included) in training mode on a
    /// loss of the features and of the head on random crops.
    func train(_ backbone: TAOBackbone, store: ParameterStore) throws {
        store.isTraining = true
        let optimizer = try SGD(store.parameters, learningRate: 0.1, momentum: 0.9)
        for _ in 0..<2 {
            try optimizer.zeroGrad()
            let side = backbone.options.cropSize
            let features = try backbone.features(Tensor.randn([2, backbone.options.inputChannels, 64, 64]))
            let head = try backbone.head(Tensor.randn([3, backbone.featureChannels, side, side]))
            let loss = try features.square().mean() + head.square().mean()
            try loss.backward()
            try optimizer.step()
        }
    }

    /// Clones of every tensor (parameters and buffers) of the given layers.
    func snapshot(_ backbone: TAOBackbone, layers: [BackboneLayer]) throws -> [String: Tensor] {
        var copies: [String: Tensor] = [:]
        for layer in layers {
            let prefix = backbone.path.name(of: layer.name) + "."
            for entry in backbone.path.store.all where entry.name.hasPrefix(prefix) { copies[entry.name] = try entry.tensor.clone() }
        }
        return copies
    }

    func unchanged(_ copies: [String: Tensor], store: ParameterStore) throws -> [String: Bool] {
        try copies.mapValues { _ in false }.merging(copies.map { ($0.key, try store[$0.key]!.isEqual(to: $0.value).all().item() == 1) }) { $1 }
    }

    static let cases: [(String, Set<Int>)] = [
        ("resnet:18", [0, 1, 2]), ("resnet101", [0, 1]), ("vgg:16", [1, 2]), ("vgg16", [1, 3]), ("googlenet", [0, 4]),
        ("mobilenet_v1", [0, 5]), ("mobilenet_v2", [0, 3, 13]), ("darknet:19", [1, 5]), ("darknet:53", [0, 2]),
        ("efficientnet:b0", [0, 2]),
    ]

    @Test(arguments: cases)
    func frozenBlocksStayIdentical(arch: String, blocks: Set<Int>) throws {
        Runtime.manualSeed(7)
        let store = ParameterStore()
        let backbone = try BackboneFactory.make(arch: arch, options: BackboneOptions(freezeBlocks: blocks), path: store.root / "backbone")
        let frozen = backbone.layers.filter { $0.block.map(blocks.contains) == true }
        let others = backbone.layers.filter { $0.block.map(blocks.contains) != true }
        #expect(!frozen.isEmpty)
        let frozenBefore = try snapshot(backbone, layers: frozen)
        let othersBefore = try snapshot(backbone, layers: others)
        try train(backbone, store: store)
        let frozenSame = try unchanged(frozenBefore, store: store)
        for (name, same) in frozenSame { #expect(same, "\(arch): frozen \(name) changed") }
        let othersSame = try unchanged(othersBefore, store: store)
        #expect(othersSame.contains { !$0.value && $0.key.hasSuffix(".weight") }, "\(arch): no trainable weight changed")
        let hasBatchNorm = arch != "vgg16"  // the classic VGG16 has none
        #expect(othersSame.contains { !$0.value && $0.key.hasSuffix(".running_mean") } == hasBatchNorm, "\(arch): running means")
        #expect(store.trainableParameters.allSatisfy { entry in !frozenBefore.keys.contains(entry.name) })
    }

    /// freeze_bn: every batch norm's gamma, beta, running mean and variance stay bit-identical; convolutions train.
    @Test(arguments: ["resnet:18", "mobilenet_v2", "efficientnet:b0"])
    func frozenBatchNorm(arch: String) throws {
        let store = ParameterStore()
        let backbone = try BackboneFactory.make(arch: arch, options: BackboneOptions(freezeBN: true), path: store.root / "backbone")
        let norms = store.all.filter { $0.name.hasSuffix("running_var") }.map { String($0.name.dropLast(".running_var".count)) }
        let before = try Dictionary(uniqueKeysWithValues: store.all.map { ($0.name, try $0.tensor.clone()) })
        try train(backbone, store: store)
        var convolutionsChanged = 0
        for entry in store.all {
            let same = try entry.tensor.isEqual(to: before[entry.name]!).all().item() == 1
            let isNorm = norms.contains { entry.name.hasPrefix($0 + ".") }
            if isNorm { #expect(same, "\(arch): frozen batch norm \(entry.name) changed") } else if !same { convolutionsChanged += 1 }
        }
        #expect(!norms.isEmpty && convolutionsChanged > 0)
    }

    /// Ids outside a family's set are rejected with the field name (TAO's assert), EfficientNet's are not checked.
    @Test func invalidFreezeBlocks() throws {
        #expect(throws: BackboneError.invalidFreezeBlock(arch: "resnet:18", id: 4, allowed: 0...3)) {
            try BackboneFactory.make(arch: "resnet:18", options: BackboneOptions(freezeBlocks: [4]), path: ParameterStore().root)
        }
        #expect(throws: BackboneError.invalidFreezeBlock(arch: "vgg:19", id: 0, allowed: 1...5)) {
            try BackboneFactory.make(arch: "vgg:19", options: BackboneOptions(freezeBlocks: [0]), path: ParameterStore().root)
        }
        #expect("\(BackboneError.invalidFreezeBlock(arch: "vgg", id: 0, allowed: 1...5))".contains("model_config.freeze_blocks"))
        _ = try BackboneFactory.make(arch: "efficientnet:b0", options: BackboneOptions(freezeBlocks: [42]), path: ParameterStore().root)
        #expect(throws: BackboneError.unknownArch("resnet:20")) {
            try BackboneFactory.make(arch: "resnet:20", options: BackboneOptions(), path: ParameterStore().root)
        }
    }
}
