import Foundation
import Testing
@testable import Torch

extension TorchSuite {
    @Suite struct MemoryTests {
        /// Resident set size from /proc/self/statm (pages × page size).
        static func residentBytes() throws -> Int {
            let statm = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
            let fields = statm.split(separator: " ")
            let pages = try #require(fields.count > 1 ? Int(fields[1]) : nil)
            return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        }

        /// 2,000 training steps keep resident memory flat: after a 300-step warm-up, growth over the next
        /// 1,700 steps stays under 12 MiB. Each step creates ~40 tensors; leaking even the 8 KiB input batch
        /// of every step would add 13 MiB, and leaking the graph or a 32 KiB activation far more.
        @Test func trainingStepsDoNotLeak() throws {
            let growth = try Self.growthOverTraining(retainingLosses: false)
            #expect(growth < 12 << 20, "resident memory grew by \(growth >> 10) KiB over 1,700 steps")
        }

        /// The measurement is sensitive enough: keeping every step's loss (and so its graph) alive is caught.
        @Test func aDeliberateLeakIsCaught() throws {
            let growth = try Self.growthOverTraining(retainingLosses: true)
            withKnownIssue {
                #expect(growth < 12 << 20, "resident memory grew by \(growth >> 10) KiB over 1,700 steps")
            }
        }

        /// Resident growth over steps 300..<2000 of training the toy net with Adam.
        static func growthOverTraining(retainingLosses: Bool) throws -> Int {
            let problem = try ToyProblem(count: 32)
            let net = try ToyNet(seed: 3)
            let optimizer = try Adam(net.store.trainableParameters, learningRate: 0.001)
            var retained: [Tensor] = []
            func step() throws {
                let batch = try problem.images + 0  // a fresh tensor every step
                try optimizer.zeroGrad()
                let loss = try net.logits(batch).crossEntropy(target: problem.labels)
                try loss.backward(retainGraph: retainingLosses)
                try optimizer.step()
                _ = try loss.item()
                if retainingLosses { retained.append(loss) }
            }
            for _ in 0..<300 { try step() }
            let before = try residentBytes()
            for _ in 300..<2000 { try step() }
            let growth = try residentBytes() - before
            return growth
        }
    }
}
