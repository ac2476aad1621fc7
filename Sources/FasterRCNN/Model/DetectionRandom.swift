/// A small, seedable random generator (SplitMix64) for the RPN and RoI sampling, so that a training run
/// with a fixed seed is reproducible.
public struct DetectionRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array {
    /// `count` distinct elements in random order (all of them, shuffled, when there are fewer).
    func sampled(_ count: Int, using generator: inout some RandomNumberGenerator) -> [Element] {
        Array(shuffled(using: &generator).prefix(count))
    }

    /// `count` elements drawn uniformly with replacement; empty when the array is.
    func sampledWithReplacement(_ count: Int, using generator: inout some RandomNumberGenerator) -> [Element] {
        guard !isEmpty else { return [] }
        return (0..<count).map { _ in self[Int.random(in: 0..<self.count, using: &generator)] }
    }
}
