import Testing
@testable import Torch

extension TorchSuite {
    @Suite struct TensorIndexingTests {
        let m = try! Tensor([5, 1, 4, 2, 8, 3] as [Float], shape: [2, 3])

        @Test func shapeOps() throws {
            #expect(try m.transpose(0, 1).toArray(Float.self) == [5, 2, 1, 8, 4, 3])
            #expect(try m.permute([1, 0]).shape == [3, 2])
            #expect(try m.unsqueeze(dim: 0).shape == [1, 2, 3])
            #expect(try m.unsqueeze(dim: 0).squeeze(dim: 0).shape == [2, 3])
            #expect(try m.flatten().shape == [6])
            #expect(try m.reshape([-1, 2]).shape == [3, 2])
            #expect(try m.slice(dim: 1, start: 1).toArray(Float.self) == [1, 4, 8, 3])
            #expect(try m.slice(dim: 1, start: 0, end: 3, step: 2).toArray(Float.self) == [5, 4, 2, 3])
            #expect(try m.slice(dim: 1, start: -1).toArray(Float.self) == [4, 3])
            #expect(try Tensor.cat([m, m], dim: 1).shape == [2, 6])
            #expect(try Tensor.stack([m, m], dim: 0).shape == [2, 2, 3])
            let pieces = try m.split(size: 2, dim: 1)
            #expect(pieces.map(\.shape) == [[2, 2], [2, 1]])
            #expect(try m.split(sizes: [1, 2], dim: 1)[1].toArray(Float.self) == [1, 4, 8, 3])
            #expect(throws: TorchError.self) { try m.split(sizes: [1, 1], dim: 1) }
            #expect(try m.slice(dim: 1, start: 0, end: 1).expand(to: [2, 4]).toArray(Float.self) == [5, 5, 5, 5, 2, 2, 2, 2])
            #expect(try m.repeated([1, 2]).shape == [2, 6])
            #expect(throws: TorchError.self) { try Tensor.cat([], dim: 0) }
        }

        @Test func selectionOps() throws {
            #expect(try m.indexSelect(dim: 1, index: Tensor([2, 0] as [Int64])).toArray(Float.self) == [4, 5, 3, 2])
            #expect(try m.gather(dim: 1, index: Tensor([1, 1, 0, 2] as [Int64], shape: [2, 2])).toArray(Float.self) == [1, 1, 2, 3])
            let scattered = try Tensor.zeros([2, 3]).scatter(
                dim: 1, index: Tensor([2, 0] as [Int64], shape: [2, 1]), source: Tensor([7, 9] as [Float], shape: [2, 1]))
            #expect(try scattered.toArray(Float.self) == [0, 0, 7, 9, 0, 0])
            let added = try Tensor.zeros([3]).scatterAdd(dim: 0, index: Tensor([1, 1, 2] as [Int64]), source: Tensor([1, 2, 3] as [Float]))
            #expect(try added.toArray(Float.self) == [0, 3, 3])
            let mask = try m.isGreater(than: 3)
            #expect(try m.maskedSelect(mask).toArray(Float.self) == [5, 4, 8])
            #expect(try m.maskedFill(mask, with: -1).toArray(Float.self) == [-1, 1, -1, 2, -1, 3])
            #expect(try Tensor.where(mask, m, Tensor.zeros([1])).toArray(Float.self) == [5, 0, 4, 0, 8, 0])
            #expect(try mask.nonzero().toArray(Int64.self) == [0, 0, 0, 2, 1, 1])
            #expect(try mask.nonzero().shape == [3, 2])
            let put = try Tensor.zeros([3, 2]).indexPut(Tensor([true, false, true]), values: Tensor([1, 2] as [Float]))
            #expect(try put.toArray(Float.self) == [1, 2, 0, 0, 1, 2])
            #expect(throws: TorchError.self) { try m.indexSelect(dim: 1, index: Tensor([3] as [Int64])) }
        }

        @Test func sortingOps() throws {
            let (values, indices) = try m.topk(2, dim: 1)
            #expect(try values.toArray(Float.self) == [5, 4, 8, 3])
            #expect(try indices.toArray(Int64.self) == [0, 2, 1, 2])
            let smallest = try m.flatten().topk(2, largest: false)
            #expect(try smallest.values.toArray(Float.self) == [1, 2])
            let sorted = try Tensor([3, 1, 3, 2] as [Float]).sort(descending: true, stable: true)
            #expect(try sorted.values.toArray(Float.self) == [3, 3, 2, 1])
            #expect(try sorted.indices.toArray(Int64.self) == [0, 2, 3, 1])
            #expect(try m.argmax(dim: 1).toArray(Int64.self) == [0, 1])
            #expect(try m.argmin(dim: 0, keepDim: true).shape == [1, 3])
            #expect(throws: TorchError.self) { try m.topk(4, dim: 1) }
        }

        @Test func factoriesAndTheGlobalGenerator() throws {
            #expect(try Tensor.arange(0, 5).toArray(Int64.self) == [0, 1, 2, 3, 4])
            #expect(try Tensor.arange(1, 2, step: 0.25, dtype: .float32).toArray(Float.self) == [1, 1.25, 1.5, 1.75])
            #expect(try Tensor.full([2], value: 3, dtype: .int32).toArray(Int32.self) == [3, 3])
            #expect(try Tensor.ones(like: m).sum().item() == 6)
            #expect(try Tensor(scalar: 2.5, dtype: .float64).shape == [])
            Runtime.manualSeed(123)
            let first = try [Tensor.rand([4]), Tensor.randn([4]), Tensor.randint(3..<9, shape: [50]), Tensor.randperm(6)]
            Runtime.manualSeed(123)
            let second = try [Tensor.rand([4]), Tensor.randn([4]), Tensor.randint(3..<9, shape: [50]), Tensor.randperm(6)]
            for (a, b) in zip(first, second) { #expect(try a.toArray(Double.self) == b.toArray(Double.self)) }
            let integers = try first[2].toArray(Int64.self)
            #expect(integers.allSatisfy { (3..<9).contains($0) } && Set(integers).count == 6)
            #expect(try first[3].toArray(Int64.self).sorted() == [0, 1, 2, 3, 4, 5])
            #expect(try first[0].toArray(Float.self).allSatisfy { $0 >= 0 && $0 < 1 })
        }

        @Test func runtimeSettings() throws {
            let original = Runtime.threadCount
            Runtime.threadCount = 1
            #expect(Runtime.threadCount == 1)
            Runtime.threadCount = original
            #expect(Runtime.threadCount == original)
            #expect(try Tensor([1, 2] as [Float]).description.contains("2"))
        }
    }
}
