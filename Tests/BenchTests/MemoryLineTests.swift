import Testing
@testable import frcnn_bench

/// The bench's largest-batch prediction: a least-squares line of peak memory over batch, against hand-computed
/// values.
@Suite struct MemoryLineTests {
    @Test func fitsTheLeastSquaresLine() throws {
        // Mean batch 7/3, mean peak 4700/3, Sxx = 14/3, Sxy = 6100/3: slope 6100/14, intercept 550.
        let line = try #require(MemoryLine([(1, 1000), (2, 1400), (4, 2300)]))
        #expect(abs(line.slope - 6100.0 / 14) < 1e-9)
        #expect(abs(line.intercept - 550) < 1e-9)
        #expect(abs(line.peakMiB(batch: 10) - (550 + 61000.0 / 14)) < 1e-9)
        // (24576 − 550) / 435.71 = 55.1.
        #expect(line.largestBatch(budgetMiB: 24576) == 55)
        #expect(line.largestBatch(budgetMiB: 900) == 0)
    }

    @Test func refusesLinesThatPredictNothing() {
        #expect(MemoryLine([(1, 1000), (1, 1200)]) == nil)  // one batch only
        #expect(MemoryLine([(1, 1000), (2, 900)]) == nil)   // memory falling with the batch
    }
}
