import Foundation
import Testing
import Torch
@testable import FasterRCNN

extension DetectionSuite {
    /// Each loss against a value worked out by hand from TAO's definitions.
    @Suite struct LossTests {
        /// Image 1: BCE(1, σ(0)) = log 2, BCE(0, σ(2)) = log(1+e²), third anchor masked → (log 2 + log(1+e²))/4·λ2
        /// = 1.4100376. Image 2: BCE(1, σ(1)) = log(1+e⁻¹) → 0.1566308. Mean over images: 0.7833342.
        @Test func rpnClass() throws {
            let loss = try DetectionLoss.rpnClass(
                logits: Tensor([Float(0), 2, -1, 1, 0, 0], shape: [2, 3]),
                labels: Tensor([Float(1), 0, 0, 1, 0, 0], shape: [2, 3]),
                weights: Tensor([Float(1), 1, 0, 1, 0, 0], shape: [2, 3]), miniBatch: 4, lambda: 2)
            #expect(abs(try loss.item() - 0.7833342) < 1e-5)
        }

        /// Positive anchor differences (0.05, −0.5, 0, 2) with σ = 3: 4.5·0.05², 0.5 − 1/18, 0, 2 − 1/18 → sum
        /// 2.4001389 / 4 = 0.6000347; the second (negative) anchor is ignored.
        @Test func rpnRegression() throws {
            let loss = try DetectionLoss.rpnRegression(
                deltas: Tensor([Float(0.05), -0.5, 0, 2, 9, 9, 9, 9], shape: [1, 2, 4]),
                targets: Tensor([Float](repeating: 0, count: 8), shape: [1, 2, 4]),
                positives: Tensor([Float(1), 0], shape: [1, 2]), miniBatch: 4, lambda: 1)
            #expect(abs(try loss.item() - 0.6000347) < 1e-5)
        }

        /// Row 0: class 2 of logits (1, 2, 3) → log(e + e² + e³) − 3; row 1: class 0 of zeros → log 3; row 2 is
        /// padding. (0.4076059 + 1.0986123) / (4 · 1) = 0.3765546.
        @Test func rcnnClass() throws {
            let loss = try DetectionLoss.rcnnClass(
                logits: Tensor([Float(1), 2, 3, 0, 0, 0, 5, -5, 0], shape: [3, 3]),
                oneHot: Tensor([Float(0), 0, 1, 1, 0, 0, 0, 0, 0], shape: [3, 3]), miniBatch: 4, batch: 1, lambda: 1)
            #expect(abs(try loss.item() - 0.3765546) < 1e-5)
        }

        /// Row 0 is a positive of class 1 with differences (0.5, −2, 0, 1) → σ = 1: 0.125 + 1.5 + 0 + 0.5 = 2.125,
        /// / (4 · 1) = 0.53125. Class 0 of row 0 and all of row 1 are masked out.
        @Test func rcnnRegression() throws {
            let deltas = try Tensor([Float(7), 7, 7, 7, 0.5, -2, 0, 1, 3, 3, 3, 3, 3, 3, 3, 3], shape: [2, 8])
            var targets = [Float](repeating: 0, count: 32)
            for c in 0..<4 { targets[8 + c] = 1 }  // row 0, class 1: mask
            let loss = try DetectionLoss.rcnnRegression(
                deltas: deltas, targets: Tensor(targets, shape: [2, 16]), miniBatch: 4, batch: 1, lambda: 1)
            #expect(abs(try loss.item() - 0.53125) < 1e-6)
        }

        /// L2: weight · Σw² over kernels only (a [2, 1] kernel (1, 2) and a bias (5) → 0.1 · 5); L1: 0.1 · 3.
        @Test func regularizerCoversKernelsOnly() throws {
            let store = ParameterStore()
            let layer = try Linear(store.root / "dense", inFeatures: 1, outFeatures: 2, weightInitializer: .constant(1),
                                   biasInitializer: .constant(5))
            try noGrad { try layer.weight.copy(from: Tensor([Float(1), 2], shape: [2, 1])) }
            #expect(abs(try ResolvedTraining.Regularizer.l2(weight: 0.1).penalty(store).item() - 0.5) < 1e-6)
            #expect(abs(try ResolvedTraining.Regularizer.l1(weight: 0.1).penalty(store).item() - 0.3) < 1e-6)
            #expect(try ResolvedTraining.Regularizer.none.penalty(store).item() == 0)
        }
    }
}
