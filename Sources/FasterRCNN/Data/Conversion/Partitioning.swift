/// How TAO's converters split frames into partitions (folds) and shards.
public enum Partitioning {
    /// `random` mode: the first `Int(valSplit / 100 × N)` of the name-sorted `stems` form partition 0
    /// (validation), the rest partition 1; each is then shuffled with `random`.
    public static func random(stems: [String], valSplitPercent: Double, random: inout PythonRandom) -> [[String]] {
        let validationCount = Int(valSplitPercent / 100 * Double(stems.count))
        var partitions = [Array(stems[..<validationCount]), Array(stems[validationCount...])]
        for index in partitions.indices { random.shuffle(&partitions[index]) }
        return partitions
    }

    /// `sequence` mode: sequences sorted by descending frame count, then name, dealt round-robin to
    /// `count` partitions, and the partition list reversed (TAO keeps Rumpy's fold order). With `count` ≤ 1
    /// all frames form one partition, sequences taken in name order.
    public static func sequence(_ sequences: [String: [String]], count: Int) -> [[String]] {
        if count <= 1 {
            return [sequences.keys.sorted(by: DataPaths.codePointOrder).flatMap { sequences[$0]! }]
        }
        let ordered = sequences.sorted { lhs, rhs in
            lhs.value.count != rhs.value.count ? lhs.value.count > rhs.value.count : DataPaths.codePointOrder(lhs.key, rhs.key)
        }
        var partitions = [[String]](repeating: [], count: count)
        for (position, sequence) in ordered.enumerated() { partitions[position % count] += sequence.value }
        return partitions.reversed()
    }

    /// Cuts each non-empty partition into `shards[p]` equal shards (0 means 1), the last taking the
    /// remainder. Like TAO, empty partitions are dropped, so the numbering of later partitions shifts down.
    public static func shard<Item>(_ partitions: [[Item]], shards: [Int]) -> [[[Item]]] {
        zip(partitions, shards).compactMap { partition, requested in
            guard !partition.isEmpty else { return nil }
            let count = max(requested, 1), size = partition.count / count
            return (0..<count).map { index in
                Array(partition[(index * size)..<(index + 1 < count ? (index + 1) * size : partition.count)])
            }
        }
    }
}
