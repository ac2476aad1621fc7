import Foundation
import Torch

/// TAO's min-weight statistics: per-filter L2 norms, scaled per layer, merged across tied layers, and the
/// filters to keep.
enum FilterStatistics {
    /// The L2 norm of each filter of `weight` ([out, …]: every dimension but the first is one filter).
    static func norms(_ weight: Tensor) throws -> [Double] {
        let filters = weight.shape[0]
        let values = try weight.detach().to(dtype: .float64, device: .cpu).contiguous().toArray(Double.self)
        let size = values.count / filters
        return (0..<filters).map { filter in
            values[(filter * size)..<((filter + 1) * size)].reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
    }

    /// `norms` scaled as `normalizer` says (max: ÷ largest; L2: ÷ ‖norms‖₂ × count). All-zero norms stay zero.
    static func normalize(_ norms: [Double], _ normalizer: PruningSettings.Normalizer) -> [Double] {
        let scale = switch normalizer {
        case .max: norms.max() ?? 0
        case .l2: norms.reduce(0) { $0 + $1 * $1 }.squareRoot() / Double(norms.count)
        }
        return scale > 0 ? norms.map { $0 / scale } : norms
    }

    /// The element-wise merge of equally long statistics of tied layers.
    static func merge(_ statistics: [[Double]], _ equalization: PruningSettings.Equalization) -> [Double] {
        guard let first = statistics.first else { return [] }
        return first.indices.map { index in
            let column = statistics.map { $0[index] }
            return switch equalization {
            case .union: column.max()!
            case .intersection: column.min()!
            case .arithmeticMean: column.reduce(0, +) / Double(column.count)
            case .geometricMean: Foundation.exp(column.map { Foundation.log($0) }.reduce(0, +) / Double(column.count))
            }
        }
    }

    /// The filters to keep, ascending: those above the threshold, then as many more of the highest statistics as
    /// it takes to reach the minimum (at most all) and a multiple of the granularity (at most all).
    static func retained(_ statistic: [Double], settings: PruningSettings) -> [Int] {
        let depth = statistic.count
        var count = max(min(settings.minimumFilters, depth), statistic.filter { $0 > settings.threshold }.count)
        if count % settings.granularity > 0 { count += settings.granularity - count % settings.granularity }
        count = min(count, depth)
        // Highest first; equal values keep their order (numpy's argsort of the negated values, made stable).
        let ranked = statistic.indices.sorted { (statistic[$0], $1) > (statistic[$1], $0) }
        return ranked.prefix(count).sorted()
    }
}
