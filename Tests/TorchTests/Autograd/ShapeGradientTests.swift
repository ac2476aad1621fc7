import Testing
@testable import Torch

extension TorchSuite {
    /// Finite-difference checks (float64) of views, joins and indexing ops.
    @Suite struct ShapeGradientTests {
        let x = CheckInput.spread([2, 4])

        @Test func viewsAndJoins() throws {
            let ops: [(String, (Tensor) throws -> Tensor)] = [
                ("reshape", { try $0.reshape([4, 2]) }), ("permute", { try $0.reshape([2, 2, 2]).permute([2, 0, 1]) }),
                ("transpose", { try $0.transpose(0, 1) }), ("unsqueeze/squeeze", { try $0.unsqueeze(dim: 1).squeeze(dim: 1) }),
                ("flatten", { try $0.reshape([2, 2, 2]).flatten(from: 1) }),
                ("expand", { try $0.slice(dim: 1, start: 0, end: 1).expand(to: [2, 3]) }),
                ("repeat", { try $0.repeated([2, 3]) }), ("slice", { try $0.slice(dim: 1, start: -3, step: 2) }),
                ("split", { let p = try $0.split(sizes: [1, 3], dim: 1); return try Tensor.cat([p[1] * 2, p[0]], dim: 1) }),
                ("split size", { let p = try $0.split(size: 3, dim: 1); return try p[0].sum() * p[1].sum() }),
                ("cat", { try Tensor.cat([$0, $0 * 3], dim: 0) }), ("stack", { try Tensor.stack([$0, $0.exp()], dim: 1) }),
                ("clone", { try $0.clone() * 2 }),
                ("channels last", { try $0.reshape([1, 2, 2, 2]).contiguous(format: .channelsLast) }),
            ]
            for (name, op) in ops { try expectGradientsMatch(name, [x]) { try op($0[0]) } }
        }

        @Test func indexingOps() throws {
            let rows = try Tensor([1, 0, 1] as [Int64])
            let gatherIndex = try Tensor([3, 0, 0, 1, 2, 2] as [Int64], shape: [2, 3])
            let scatterIndex = try Tensor([0, 2, 3, 1] as [Int64], shape: [2, 2])
            let mask = try Tensor([true, false, false, true, true, false, true, false], shape: [2, 4])
            let ops: [(String, (Tensor) throws -> Tensor)] = [
                ("indexSelect", { try $0.indexSelect(dim: 0, index: rows) }),
                ("gather", { try $0.gather(dim: 1, index: gatherIndex) }),
                ("maskedSelect", { try $0.maskedSelect(mask) }), ("maskedFill", { try $0.maskedFill(mask, with: 5) }),
                ("topk", { try $0.topk(2, dim: 1).values }), ("sort", { try $0.sort(dim: 1, descending: true).values }),
                ("where", { try Tensor.where(mask, $0, $0.square()) }),
            ]
            for (name, op) in ops { try expectGradientsMatch(name, [x]) { try op($0[0]) } }
            let source = CheckInput.spread([2, 2], offset: 3)
            try expectGradientsMatch("scatter", [x, source]) { try $0[0].scatter(dim: 1, index: scatterIndex, source: $0[1]) }
            try expectGradientsMatch("scatterAdd", [x, source]) {
                try $0[0].scatterAdd(dim: 1, index: scatterIndex, source: $0[1])
            }
            let values = CheckInput.spread([2, 4], offset: 2)
            try expectGradientsMatch("indexPut accumulate", [.spread([3, 4]), values]) {
                try $0[0].indexPut(Tensor([2, 0] as [Int64]), values: $0[1], accumulate: true)
            }
            try expectGradientsMatch("indexPut mask", [.spread([3, 4]), values]) {
                try $0[0].indexPut(Tensor([true, false, true]), values: $0[1])
            }
        }
    }
}
