import Testing
import Torch
@testable import FasterRCNN

/// TAO's min-weight statistics against hand-computed values (magnet_prune / core.pruning semantics).
@Suite struct FilterStatisticsTests {
    @Test func normsAreTheL2NormOfEachFilter() throws {
        // Filters [3, 4], [0, 0], [1, 0] → 5, 0, 1.
        let weight = try Tensor([Float(3), 4, 0, 0, 1, 0], shape: [3, 2, 1, 1])
        #expect(try FilterStatistics.norms(weight) == [5, 0, 1])
    }

    @Test func normalizers() {
        #expect(FilterStatistics.normalize([5, 0, 1], .max) == [1, 0, 0.2])
        // L2: each ÷ √26 × 3 → 2.94174, 0, 0.588348.
        let l2 = FilterStatistics.normalize([5, 0, 1], .l2)
        #expect(abs(l2[0] - 2.941742) < 1e-6 && l2[1] == 0 && abs(l2[2] - 0.588348) < 1e-6)
        #expect(FilterStatistics.normalize([0, 0], .max) == [0, 0])
    }

    @Test func equalizationCriteria() {
        let stats: [[Double]] = [[1, 0.2], [0.5, 0.6]]
        #expect(FilterStatistics.merge(stats, .union) == [1, 0.6])
        #expect(FilterStatistics.merge(stats, .intersection) == [0.5, 0.2])
        let mean = FilterStatistics.merge(stats, .arithmeticMean)
        #expect(abs(mean[0] - 0.75) < 1e-12 && abs(mean[1] - 0.4) < 1e-12)
        let geometric = FilterStatistics.merge(stats, .geometricMean)  // √0.5, √0.12
        #expect(abs(geometric[0] - 0.707107) < 1e-6 && abs(geometric[1] - 0.346410) < 1e-6)
        #expect(FilterStatistics.merge([[0, 1], [1, 1]], .geometricMean) == [0, 1])
    }

    @Test func retainedFiltersFollowThresholdMinimumAndGranularity() {
        let stat = [0.05, 0.9, 0.3, 0.2, 0.95, 0.1]
        func kept(threshold: Double, minimum: Int, granularity: Int) -> [Int] {
            FilterStatistics.retained(stat, settings: PruningSettings(granularity: granularity, threshold: threshold, minimumFilters: minimum))
        }
        // Above 0.25: filters 1, 2, 4.
        #expect(kept(threshold: 0.25, minimum: 1, granularity: 1) == [1, 2, 4])
        // Three rounded up to four: the next highest is filter 3 (0.2).
        #expect(kept(threshold: 0.25, minimum: 1, granularity: 2) == [1, 2, 3, 4])
        // At least five: filter 5 (0.1) joins.
        #expect(kept(threshold: 0.25, minimum: 5, granularity: 1) == [1, 2, 3, 4, 5])
        // A minimum above the layer's depth keeps all; a granularity past the depth is clamped to it.
        #expect(kept(threshold: 0.25, minimum: 16, granularity: 1) == [0, 1, 2, 3, 4, 5])
        #expect(kept(threshold: 0.99, minimum: 1, granularity: 8) == [0, 1, 2, 3, 4, 5])
        // Two above 0.5 rounded up to three: filter 2 (0.3) joins.
        #expect(kept(threshold: 0.5, minimum: 1, granularity: 3) == [1, 2, 4])
        // Equal statistics: the lower indices first.
        #expect(FilterStatistics.retained([0.5, 0.5, 0.5], settings: PruningSettings(granularity: 1, threshold: 0.6, minimumFilters: 2)) == [0, 1])
    }
}
