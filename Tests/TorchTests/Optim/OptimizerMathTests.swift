import Foundation
import Testing
@testable import Torch

extension TorchSuite {
    /// The optimizers against Keras 2's update rules written out in plain Swift doubles, on the loss
    /// ½·Σ c·p² (gradient c·p), with the learning rate changed from outside every step and decay on.
    @Suite struct OptimizerMathTests {
        let start: [Double] = [1.0, -2.0, 0.5]
        let curvature: [Double] = [0.5, 1.5, 3.0]
        let rates: [Double] = [0.1, 0.05, 0.08, 0.02, 0.06]
        let decay = 0.3

        /// Runs `optimizer` for the scheduled rates and returns the parameter values.
        func run(_ make: ([ParameterStore.Entry]) throws -> any Optimizer) throws -> [Double] {
            let store = ParameterStore(dtype: .float64)
            let p = try (store.root / "layer").parameter("weight", shape: [3], initializer: .zeros)
            try noGrad { try p.copy(from: Tensor(start)) }
            let optimizer = try make(store.trainableParameters)
            for rate in rates {
                optimizer.learningRate = rate
                try optimizer.zeroGrad()
                try ((p.square() * Tensor(curvature)).sum() * 0.5).backward()
                try optimizer.step()
            }
            #expect(optimizer.iterations == rates.count)
            return try p.toArray(Double.self)
        }

        /// Keras 2 reference loop; `update` gets (iteration, decayed lr, gradient, slots) and changes p.
        func reference(_ update: (Int, Double, [Double], inout [Double], inout [[Double]]) -> Void) -> [Double] {
            var p = start
            var slots = [[Double]](repeating: [0, 0, 0], count: 3)
            for (iteration, rate) in rates.enumerated() {
                let lr = rate / (1 + decay * Double(iteration))
                let g = zip(curvature, p).map { $0 * $1 }
                update(iteration, lr, g, &p, &slots)
            }
            return p
        }

        func expectClose(_ a: [Double], _ b: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(zip(a, b).allSatisfy { abs($0 - $1) < 1e-12 }, "\(a) vs \(b)", sourceLocation: sourceLocation)
        }

        @Test(arguments: [false, true]) func sgd(nesterov: Bool) throws {
            let momentum = 0.9
            let actual = try run { try SGD($0, momentum: momentum, nesterov: nesterov, decay: decay) }
            let expected = reference { _, lr, g, p, slots in
                for i in 0..<3 {
                    slots[0][i] = momentum * slots[0][i] - lr * g[i]
                    p[i] += nesterov ? momentum * slots[0][i] - lr * g[i] : slots[0][i]
                }
            }
            expectClose(actual, expected)
        }

        @Test(arguments: [false, true]) func adam(amsgrad: Bool) throws {
            let (b1, b2) = (0.8, 0.95)
            let actual = try run { try Adam($0, beta1: b1, beta2: b2, amsgrad: amsgrad, decay: decay) }
            let expected = reference { iteration, lr, g, p, slots in
                let t = Double(iteration + 1)
                let lrT = lr * (1 - pow(b2, t)).squareRoot() / (1 - pow(b1, t))
                for i in 0..<3 {
                    slots[0][i] = b1 * slots[0][i] + (1 - b1) * g[i]
                    slots[1][i] = b2 * slots[1][i] + (1 - b2) * g[i] * g[i]
                    slots[2][i] = max(slots[2][i], slots[1][i])
                    let second = amsgrad ? slots[2][i] : slots[1][i]
                    p[i] -= lrT * slots[0][i] / (second.squareRoot() + 1e-7)
                }
            }
            expectClose(actual, expected)
        }

        @Test func rmsprop() throws {
            let actual = try run { try RMSProp($0, rho: 0.9, decay: decay) }
            let expected = reference { _, lr, g, p, slots in
                for i in 0..<3 {
                    slots[0][i] = 0.9 * slots[0][i] + 0.1 * g[i] * g[i]
                    p[i] -= lr * g[i] / (slots[0][i].squareRoot() + 1e-7)
                }
            }
            expectClose(actual, expected)
        }

        @Test func frozenAndGradientlessParametersStayPut() throws {
            let store = ParameterStore()
            let used = try store.root.parameter("used", shape: [2], initializer: .ones)
            let unused = try store.root.parameter("unused", shape: [2], initializer: .ones)
            let optimizer = try SGD(store.trainableParameters, learningRate: 0.5)
            try used.sum().backward()
            try optimizer.step()
            #expect(try used.toArray(Float.self) == [0.5, 0.5])
            #expect(try unused.toArray(Float.self) == [1, 1])
            #expect(try store.freeze(prefix: "used") == 1)
            #expect(store.trainableParameters.map(\.name) == ["unused"])
        }
    }
}
