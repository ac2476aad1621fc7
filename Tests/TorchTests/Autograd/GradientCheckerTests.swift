import Testing
@testable import Torch

extension TorchSuite {
    @Suite struct GradientCheckerTests {
        /// The checker itself must catch a wrong gradient: detach() hides half of d(x·x)/dx from autograd.
        @Test func checkerCatchesAWrongGradient() throws {
            withKnownIssue {
                try expectGradientsMatch("x.detach() * x", [.spread([3])]) { try $0[0].detach() * $0[0] }
            }
        }

        @Test func autogradBasics() throws {
            let x = try Tensor([1, 2, 3] as [Double])
            #expect(!x.requiresGrad && x.grad == nil)
            try x.setRequiresGrad()
            let loss = try (x * x).sum()
            try loss.backward(retainGraph: true)
            #expect(try x.grad?.toArray(Double.self) == [2, 4, 6])
            try loss.backward()
            #expect(try x.grad?.toArray(Double.self) == [4, 8, 12], "gradients accumulate")
            try x.zeroGrad()
            #expect(x.grad == nil)
            #expect(try !x.detach().requiresGrad)
            let frozen = try noGrad { try x * 2 }
            #expect(!frozen.requiresGrad && isGradEnabled)
            #expect(throws: TorchError.self) { try (x * 2).backward() }  // not a scalar
            #expect(throws: TorchError.self) { try Tensor([1, 2] as [Int64]).setRequiresGrad() }
            let vectorOutput = try x * 3
            try vectorOutput.backward(gradient: Tensor([1, 0, 2] as [Double]))
            #expect(try x.grad?.toArray(Double.self) == [3, 0, 6])
        }

        @Test func noGradRestoresTheModeAfterAnError() throws {
            struct Failure: Error {}
            #expect(throws: Failure.self) { try noGrad { () throws -> Void in throw Failure() } }
            #expect(isGradEnabled)
            noGrad { noGrad { #expect(!isGradEnabled) }; #expect(!isGradEnabled) }
            #expect(isGradEnabled)
        }
    }
}
