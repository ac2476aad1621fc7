import Testing
@testable import Torch

extension TorchSuite {
    @Suite struct ParameterStoreTests {
        @Test func namesFollowThePathHierarchy() throws {
            let store = ParameterStore()
            let block = store.root / "backbone" / "block_1a"
            _ = try Conv2d(block / "conv_1", inChannels: 3, outChannels: 4, kernelSize: (3, 3))
            _ = try BatchNorm2d(block / "bn_conv1", channels: 4)
            _ = try Linear(store.root / "head", inFeatures: 4, outFeatures: 2, bias: false)
            #expect(store.all.map(\.name) == [
                "backbone.block_1a.conv_1.weight", "backbone.block_1a.conv_1.bias",
                "backbone.block_1a.bn_conv1.weight", "backbone.block_1a.bn_conv1.bias",
                "backbone.block_1a.bn_conv1.running_mean", "backbone.block_1a.bn_conv1.running_var", "head.weight",
            ])
            #expect(store.buffers.count == 2)
            #expect(store.parameters.allSatisfy { $0.tensor.requiresGrad })
            #expect(throws: TorchError.self) { try Linear(store.root / "head", inFeatures: 4, outFeatures: 2) }
        }

        @Test func storedShapesReplaceTheModulesShapes() throws {
            // A pruned model: conv 8→6 channels (was 8→16), its batch norm and a depthwise conv over the 6 left.
            let store = ParameterStore(shapes: [
                "conv.weight": [6, 3, 3, 3], "conv.bias": [6], "bn.weight": [6], "bn.bias": [6],
                "bn.running_mean": [6], "bn.running_var": [6], "dw.weight": [6, 1, 3, 3],
            ])
            let conv = try Conv2d(store.root / "conv", inChannels: 3, outChannels: 16, kernelSize: (3, 3), padding: (1, 1))
            let norm = try BatchNorm2d(store.root / "bn", channels: 16)
            let depthwise = try Conv2d(store.root / "dw", inChannels: 16, outChannels: 16, kernelSize: (3, 3),
                                       padding: (1, 1), groups: 16, bias: false)
            #expect(conv.weight.shape == [6, 3, 3, 3] && conv.bias?.shape == [6] && conv.groups == 1)
            #expect(norm.runningMean.shape == [6] && norm.runningVar.shape == [6])
            #expect(depthwise.groups == 6)
            let output = try depthwise(norm(conv(Tensor.randn([2, 3, 8, 8]))))
            #expect(output.shape == [2, 6, 8, 8])
            #expect(throws: TorchError.self) {
                try Linear(ParameterStore(shapes: ["fc.weight": [4]]).root / "fc", inFeatures: 2, outFeatures: 4)
            }
        }

        @Test func freezingByPrefix() throws {
            let store = ParameterStore()
            _ = try Conv2d(store.root / "backbone" / "conv_1", inChannels: 1, outChannels: 1, kernelSize: (1, 1))
            _ = try Conv2d(store.root / "backbone_2", inChannels: 1, outChannels: 1, kernelSize: (1, 1))
            #expect(try store.freeze(prefix: "backbone") == 2)
            #expect(store.trainableParameters.map(\.name) == ["backbone_2.weight", "backbone_2.bias"])
            #expect(store["backbone.conv_1.weight"]?.requiresGrad == false)
            try store.unfreeze(prefix: "backbone.conv_1.bias")
            #expect(store["backbone.conv_1.bias"]?.requiresGrad == true)
        }

        @Test func glorotInitializationStaysInsideItsLimit() throws {
            Runtime.manualSeed(3)
            let store = ParameterStore()
            let conv = try Conv2d(store.root / "c", inChannels: 8, outChannels: 16, kernelSize: (3, 3))
            let limit = (6.0 / Double(8 * 9 + 16 * 9)).squareRoot()
            let weights = try conv.weight.toArray(Float.self)
            #expect(weights.allSatisfy { abs(Double($0)) <= limit })
            #expect(weights.map { abs(Double($0)) }.max()! > 0.9 * limit)
            #expect(try conv.bias!.toArray(Float.self).allSatisfy { $0 == 0 })
        }

        @Test func batchNormUpdatesRunningStatsOnlyInTraining() throws {
            let store = ParameterStore()
            let bn = try BatchNorm2d(store.root / "bn", channels: 1, momentum: 0.5)
            let x = try Tensor([1, 3, 5, 7] as [Float], shape: [1, 1, 2, 2])
            let y = try bn(x)
            // Batch mean 4, biased variance 5; unbiased variance 20/3 goes into the running stats.
            #expect(try abs(y.toArray(Float.self)[0] - Float(-3 / (5 + 1e-3).squareRoot())) < 1e-5)
            #expect(try bn.runningMean.toArray(Float.self) == [2])
            #expect(try abs(bn.runningVar.toArray(Float.self)[0] - Float(0.5 + 0.5 * 20.0 / 3.0)) < 1e-5)
            store.isTraining = false
            _ = try bn(x)
            #expect(try bn.runningMean.toArray(Float.self) == [2])
            store.isTraining = true
            try bn.setFrozen(true)
            #expect(bn.isFrozen && !bn.weight.requiresGrad)
            let frozen = try bn(x)
            #expect(try bn.runningMean.toArray(Float.self) == [2])
            let expected = try (x - 2) / (bn.runningVar + 1e-3).sqrt()
            #expect(try (frozen - expected).abs().max().item() < 1e-5)
            try bn.setFrozen(false)
            try store.freeze(prefix: "bn")
            _ = try bn(x)
            #expect(try bn.runningMean.toArray(Float.self) == [3], "frozen parameters alone keep batch statistics")
        }

        @Test func loadAndConvertKeepModulesWorking() throws {
            let store = ParameterStore()
            let linear = try Linear(store.root / "fc", inFeatures: 2, outFeatures: 1)
            try store.load(["fc.weight": Tensor([2, 3] as [Float], shape: [1, 2]), "fc.bias": Tensor([1] as [Float])])
            let x = try Tensor([1, 1] as [Float], shape: [1, 2])
            #expect(try linear(x).item() == 6)
            #expect(throws: TorchError.self) { try store.load(["fc.weight": Tensor.zeros([1, 2])]) }
            #expect(throws: TorchError.self) {
                try store.load(["fc.weight": Tensor.zeros([2, 2]), "fc.bias": Tensor.zeros([1])])
            }
            try store.convert(dtype: .float64)
            #expect(linear.weight.dtype == .float64 && linear.weight.requiresGrad)
            #expect(try linear(x.to(dtype: .float64)).item() == 6)
        }
    }
}
