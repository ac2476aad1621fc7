import Foundation

/// The deterministic random source of the augmentations: SplitMix64, seeded per image from the
/// experiment's `random_seed`, the epoch and the image's position, so results do not depend on which
/// loader thread handles an image.
public struct AugmentationRandom: Sendable {
    private var state: UInt64

    /// A generator for one image.
    public init(seed: UInt64, epoch: Int, index: Int) {
        state = seed
        state = next64() ^ UInt64(truncatingIfNeeded: epoch) &* 0x9E37_79B9_7F4A_7C15
        state = next64() ^ UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03
    }

    /// A generator started directly from `state`.
    public init(state: UInt64) { self.state = state }

    /// The next 64 random bits.
    public mutating func next64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    public mutating func unit() -> Double { Double(next64() >> 11) * 0x1.0p-53 }

    /// Uniform between `low` and `high` (either order, like `tf.random.uniform`).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * unit() }

    /// A uniform integer in `low...high`.
    public mutating func integer(_ low: Int, _ high: Int) -> Int {
        low + Int(next64() % UInt64(high - low + 1))
    }

    /// `true` with probability `probability`.
    public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// A normal sample, re-drawn while more than two standard deviations from the mean
    /// (`tf.random.truncated_normal`).
    public mutating func truncatedNormal(mean: Double, standardDeviation: Double) -> Double {
        guard standardDeviation > 0 else { return mean }
        while true {
            let radius = (-2 * log(1 - unit())).squareRoot()
            let z = radius * cos(2 * Double.pi * unit())
            if abs(z) <= 2 { return mean + z * standardDeviation }
        }
    }
}
