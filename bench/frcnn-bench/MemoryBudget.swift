/// How much memory a training run may use on this shared machine: the 24 GiB the issue names, or less when other
/// work holds memory now, keeping a reserve so that builds and other jobs beside the bench are not OOM-killed.
enum MemoryBudget {
    /// The machine size the issue names.
    static let machineMiB = 24.0 * 1024
    /// Left free for other work (a Swift build takes about 3 GiB).
    static let reserveMiB = 4.0 * 1024

    /// min(24 GiB, MemAvailable − 4 GiB) at this moment, MiB (24 GiB without /proc).
    static func now() -> (budgetMiB: Double, availableMiB: Double?) {
        let available = availableMiB()
        return (min(machineMiB, (available ?? .infinity) - reserveMiB), available)
    }

    /// MemAvailable of /proc/meminfo in MiB, or nil without /proc.
    static func availableMiB() -> Double? {
        procValue("/proc/meminfo", "MemAvailable").map { $0 / 1024 }
    }
}
