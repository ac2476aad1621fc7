import Foundation

/// The distribution of repeated timings (or any repeated value): median, quartiles, extremes, count.
struct Spread: Codable {
    var median: Double
    var q1: Double
    var q3: Double
    var min: Double
    var max: Double
    var count: Int

    /// Linear-interpolated quantiles (numpy's default) of a non-empty sample.
    init(_ values: [Double]) {
        let sorted = values.sorted()
        func quantile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down)), upper = Swift.min(lower + 1, sorted.count - 1)
            return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
        }
        (median, q1, q3, min, max, count) = (quantile(0.5), quantile(0.25), quantile(0.75), sorted[0], sorted.last!, sorted.count)
    }

    /// The same distribution with every value multiplied by `factor` (a positive unit change).
    func scaled(_ factor: Double) -> Spread {
        var copy = self
        (copy.median, copy.q1, copy.q3, copy.min, copy.max) = (median * factor, q1 * factor, q3 * factor, min * factor, max * factor)
        return copy
    }

    /// "median [min–max]" with `decimals` digits.
    func text(_ decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f [%.\(decimals)f–%.\(decimals)f]", median, min, max)
    }
}

/// How often to run a measured body: `warmup` untimed runs, then `repeats` timed ones.
struct Repetition: Codable {
    var warmup: Int
    var repeats: Int
}

/// Seconds of a `Duration`.
func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Runs `body` `warmup + repeats` times and returns the seconds of the timed runs.
func measure(_ repetition: Repetition, _ body: () throws -> Void) rethrows -> [Double] {
    let clock = ContinuousClock()
    var times: [Double] = []
    for index in 0..<(repetition.warmup + repetition.repeats) {
        let start = clock.now
        try body()
        if index >= repetition.warmup { times.append(seconds(clock.now - start)) }
    }
    return times
}

/// The number after `key:` in a /proc file of "Key:   value kB" lines (/proc/self/status, /proc/meminfo), or nil.
func procValue(_ file: String, _ key: String) -> Double? {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") })
    else { return nil }
    return Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
}

/// This process's peak resident set size (VmHWM in /proc/self/status) in MiB, or nil where there is no /proc.
func peakResidentMiB() -> Double? {
    procValue("/proc/self/status", "VmHWM").map { $0 / 1024 }
}

/// What one measured configuration (one child process) reports: its settings, the spreads of its timings and
/// single values (rates, FLOPs, memory). Units are in the key names (`_s`, `_ms`, `_per_s`, `_mib`, `_gflop`).
struct Record: Codable {
    var section: String
    var label: String
    var settings: [String: String] = [:]
    var spreads: [String: Spread] = [:]
    var values: [String: Double] = [:]
}
