/// The options of `frcnn prune`, TAO's MagNet "min weight" pruning (`prune`).
public struct PruningSettings: Sendable {
    /// How a layer's filter norms are scaled before they are compared with the threshold.
    public enum Normalizer: String, Sendable, CaseIterable {
        /// Divided by the layer's largest norm.
        case max
        /// Divided by the L2 norm of all the layer's norms, times their count (TAO's `L2`).
        case l2 = "L2"
    }

    /// How the scaled norms of layers whose channels are tied (summed, multiplied, depthwise) are merged.
    public enum Equalization: String, Sendable, CaseIterable {
        /// The largest: a channel stays when any tied layer keeps it.
        case union
        /// The smallest: a channel stays only when every tied layer keeps it.
        case intersection
        case arithmeticMean = "arithmetic_mean"
        case geometricMean = "geometric_mean"
    }

    public var normalizer: Normalizer
    public var equalization: Equalization
    /// The number of kept filters is rounded up to a multiple of this (`-pg`).
    public var granularity: Int
    /// Filters whose scaled norm is not above this are pruned (`-pth`).
    public var threshold: Double
    /// A layer keeps at least this many filters, or all it has if fewer (`-nf`; at least 1).
    public var minimumFilters: Int
    /// Layer names (TAO's, as in `--excluded_layers`) whose filters are all kept, with every layer tied to them.
    public var excludedLayers: Set<String>

    /// TAO's defaults: `max`, `union`, granularity 8, threshold 0.1, at least 16 filters, nothing excluded.
    public init(normalizer: Normalizer = .max, equalization: Equalization = .union, granularity: Int = 8,
                threshold: Double = 0.1, minimumFilters: Int = 16, excludedLayers: Set<String> = []) {
        self.normalizer = normalizer
        self.equalization = equalization
        self.granularity = granularity
        self.threshold = threshold
        self.minimumFilters = minimumFilters
        self.excludedLayers = excludedLayers
    }

    /// The layers never pruned: the four output layers, whose channels are anchors and classes.
    public static let outputLayers: Set<String> = ["rpn_out_class", "rpn_out_regress", "dense_class_td", "dense_regress_td"]
}

/// A model that cannot be pruned as asked, or a pruning option out of range.
public struct PruningError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
