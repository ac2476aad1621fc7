import Foundation

/// The machine's load average (/proc/loadavg: runnable processes averaged over 1, 5 and 15 minutes), recorded at
/// the start and end of a run: the bench shares the machine, and a load above the core count slows every number.
enum LoadAverage {
    /// The 1-, 5- and 15-minute load averages now, or an empty array without /proc.
    static func now() -> [Double] {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return [] }
        return text.split(separator: " ").prefix(3).compactMap { Double($0) }
    }
}
