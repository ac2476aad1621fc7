import Testing
@testable import Torch

extension TorchSuite {
    /// Finite-difference checks (float64) of the elementwise, reduction and matrix ops.
    @Suite struct ElementwiseGradientTests {
        let x = CheckInput.spread([3, 4])
        let positive = CheckInput.spread([3, 4], offset: 2)
        let y = CheckInput.spread([3, 4], offset: 0.1, scale: 0.9)

        @Test func unaryOps() throws {
            let unary: [(String, (Tensor) throws -> Tensor)] = [
                ("neg", { try -$0 }), ("exp", { try $0.exp() }), ("abs", { try $0.abs() }),
                ("square", { try $0.square() }), ("tanh", { try $0.tanh() }), ("sigmoid", { try $0.sigmoid() }),
                ("relu", { try $0.relu() }), ("silu", { try $0.silu() }), ("leakyRelu", { try $0.leakyRelu(slope: 0.2) }),
                ("clamp", { try $0.clamp(min: -0.5, max: 0.4) }), ("remainder", { try $0.remainder(0.7) }),
                ("pow scalar", { try $0.pow(3) }),
            ]
            for (name, op) in unary { try expectGradientsMatch(name, [x]) { try op($0[0]) } }
            let positiveOnly: [(String, (Tensor) throws -> Tensor)] = [
                ("log", { try $0.log() }), ("log1p", { try $0.log1p() }), ("sqrt", { try $0.sqrt() }),
                ("rsqrt", { try $0.rsqrt() }), ("reciprocal", { try $0.reciprocal() }),
                ("scalar / tensor", { try 3 / $0 }), ("scalar - tensor", { try 3 - $0 }),
            ]
            for (name, op) in positiveOnly { try expectGradientsMatch(name, [positive]) { try op($0[0]) } }
            try expectGradientsMatch("relu6", [.spread([3, 4], offset: 2, scale: 8)]) { try $0[0].relu6() }
        }

        @Test func binaryOps() throws {
            let binary: [(String, (Tensor, Tensor) throws -> Tensor)] = [
                ("add", { try $0 + $1 }), ("sub", { try $0 - $1 }), ("mul", { try $0 * $1 }),
                ("maximum", { try $0.maximum($1) }), ("minimum", { try $0.minimum($1) }),
            ]
            for (name, op) in binary { try expectGradientsMatch(name, [x, y]) { try op($0[0], $0[1]) } }
            try expectGradientsMatch("div", [x, positive]) { try $0[0] / $0[1] }
            try expectGradientsMatch("pow tensor", [positive, y]) { try $0[0].pow($0[1]) }
            try expectGradientsMatch("broadcast add", [x, .spread([4])]) { try $0[0] + $0[1] }
            let low = try Tensor([Double](repeating: -0.3, count: 4), shape: [4])
            try expectGradientsMatch("clamp tensor", [x]) { try $0[0].clamp(min: low, max: nil) }
        }

        @Test func reductions() throws {
            let reductions: [(String, (Tensor) throws -> Tensor)] = [
                ("sum", { try $0.sum() }), ("sum dims", { try $0.sum(dims: [1], keepDim: true) }),
                ("mean", { try $0.mean() }), ("mean dims", { try $0.mean(dims: [0]) }),
                ("max", { try $0.max() }), ("min", { try $0.min() }), ("amax", { try $0.amax(dims: [1]) }),
                ("amin", { try $0.amin(dims: [0]) }), ("max dim", { try $0.max(dim: 1).values }),
                ("min dim", { try $0.min(dim: 0, keepDim: true).values }), ("prod", { try $0.prod() }),
                ("prod dims", { try $0.prod(dims: [1]) }), ("cumsum", { try $0.cumsum(dim: 1) }),
            ]
            for (name, op) in reductions { try expectGradientsMatch(name, [x]) { try op($0[0]) } }
        }

        @Test func matrixOps() throws {
            try expectGradientsMatch("matmul", [.spread([2, 3]), .spread([3, 2], offset: 0.2)]) { try $0[0].matmul($0[1]) }
            try expectGradientsMatch("linear", [.spread([3, 4]), .spread([2, 4], offset: 0.1), .spread([2])]) {
                try $0[0].linear(weight: $0[1], bias: $0[2])
            }
            try expectGradientsMatch("linear without bias", [.spread([3, 4]), .spread([2, 4])]) {
                try $0[0].linear(weight: $0[1])
            }
        }
    }
}
