import Foundation

/// A one-line text progress bar with rate and ETA, redrawn in place on a terminal (`\r`), or printed
/// every 10% when the output is not a terminal. Not thread-safe: advance it from one thread.
public final class ProgressBar {
    private let total: Int
    private let label: String
    private let width: Int
    private let start = Date()
    private let interactive: Bool
    private let output: (String) -> Void
    private var lastDraw = Date.distantPast
    private var lastDecile = -1
    /// Items done so far.
    public private(set) var completed = 0

    /// A bar for `total` items, written with `output` (standard error by default).
    public init(total: Int, label: String, width: Int = 30, interactive: Bool = isatty(STDERR_FILENO) != 0,
                output: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = max(total, 0)
        self.label = label
        self.width = width
        self.interactive = interactive
        self.output = output
    }

    /// Marks `count` more items done and redraws (at most 10 times a second on a terminal).
    public func advance(by count: Int = 1) {
        completed = min(completed + count, total)
        let now = Date()
        if interactive {
            if completed == total || now.timeIntervalSince(lastDraw) >= 0.1 {
                lastDraw = now
                output("\r" + line(now: now) + (completed == total ? "\n" : ""))
            }
        } else {
            let decile = total == 0 ? 10 : completed * 10 / total
            if decile != lastDecile {
                lastDecile = decile
                output(line(now: now) + "\n")
            }
        }
    }

    /// The bar as text, e.g. `label [=========>          ]  45/100  12.3/s  ETA 00:04`.
    public func line(now: Date = Date()) -> String {
        let fraction = total == 0 ? 1 : Double(completed) / Double(total)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "")
            + String(repeating: " ", count: max(0, width - filled - 1))
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(completed) / elapsed : 0
        let eta = rate > 0 ? Double(total - completed) / rate : 0
        return "\(label) [\(bar)] \(completed)/\(total) \(String(format: "%.1f", rate))/s ETA \(Self.clock(eta))"
    }

    /// `seconds` as `mm:ss`, or `h:mm:ss` from one hour.
    public static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%02d:%02d", minutes, secs)
    }
}
