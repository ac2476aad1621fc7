import Foundation

/// What a conversion wrote.
public struct ConversionSummary: Sendable {
    /// Output files, in writing order.
    public var files: [String] = []
    /// Objects written per fold (index as in the file names) and class (as stored, lowercase).
    public var objectCounts: [[String: Int]] = []
    /// Examples written per fold.
    public var exampleCounts: [Int] = []
    /// Source class name → name stored in the records.
    public var classMap: [String: String] = [:]
    /// Skipped degenerate boxes: label location → `[x1, y1, x2, y2]` truncated to integers.
    public var warnings: [String: [Int]] = [:]
    /// The warnings file, when there were warnings.
    public var warningFile: String?

    /// The end-of-run report: per-fold and total object counts per class, and the class map.
    public var report: String {
        var lines: [String] = []
        var total: [String: Int] = [:]
        for (fold, counts) in objectCounts.enumerated() {
            lines.append("Fold \(fold): \(exampleCounts[fold]) examples; objects per class:")
            for (name, count) in counts.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(name): \(count)")
                total[name, default: 0] += count
            }
        }
        lines.append("All folds: \(exampleCounts.reduce(0, +)) examples; objects per class:")
        for (name, count) in total.sorted(by: { $0.key < $1.key }) { lines.append("  \(name): \(count)") }
        lines.append("Class map (label in GT: label in tfrecords):")
        for (source, stored) in classMap.sorted(by: { $0.key < $1.key }) { lines.append("  \(source): \(stored)") }
        lines.append("Use the labels in the tfrecords for target_class_mapping in the experiment spec.")
        if let warningFile {
            lines.append("\(warnings.count) degenerate boxes were skipped; they are listed in \(warningFile)")
        }
        return lines.joined(separator: "\n")
    }
}

/// Writes sharded partitions under TAO's names, `PREFIX-fold-000-of-002-shard-00000-of-00010`, all under
/// temporary names renamed only when every shard is complete; refuses to replace existing files.
public struct ShardWriter {
    /// The `-o` prefix.
    public var prefix: String
    /// `num_partitions`, as written in the names (0: no fold part).
    public var partitionCount: Int
    /// `num_shards` per fold index (0: no shard part).
    public var shardCounts: [Int]

    public init(prefix: String, partitionCount: Int, shardCounts: [Int]) {
        (self.prefix, self.partitionCount, self.shardCounts) = (prefix, partitionCount, shardCounts)
    }

    /// The file name of shard `shard` of fold `fold`.
    public func fileName(fold: Int, shard: Int) -> String {
        var name = prefix
        if partitionCount != 0 { name += String(format: "-fold-%03d-of-%03d", fold, partitionCount) }
        let shards = fold < shardCounts.count ? shardCounts[fold] : 0
        if shards != 0 { name += String(format: "-shard-%05d-of-%05d", shard, shards) }
        return name
    }

    /// Writes `sharded` (fold → shard → items), turning each item into a record with `makeRecord` (nil skips
    /// it; it may add warnings and class-map entries to the summary it is given) and passing each record
    /// through `modifier`. Counts objects per fold and class into `summary`.
    public func write<Item>(_ sharded: [[[Item]]], modifier: inout SampleModifier?, summary: inout ConversionSummary,
                            progress: ProgressBar?,
                            makeRecord: (Item, inout ConversionSummary) throws -> FrameRecord?) throws {
        let names = sharded.enumerated().flatMap { fold, shards in shards.indices.map { fileName(fold: fold, shard: $0) } }
        try ensureAbsent(names + [prefix + "_warning.json"])
        let directory = (prefix as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        var writers: [TFRecordWriter] = []
        do {
            for (fold, shards) in sharded.enumerated() {
                summary.objectCounts.append([:])
                summary.exampleCounts.append(0)
                for (index, shard) in shards.enumerated() {
                    let writer = try TFRecordWriter(path: fileName(fold: fold, shard: index))
                    writers.append(writer)
                    for item in shard {
                        defer { progress?.advance() }
                        guard let record = try makeRecord(item, &summary) else { continue }
                        let copies = modifier?.modify(record, fold: fold) ?? [record]
                        for copy in copies {
                            try writer.write(try copy.serialized())
                            summary.exampleCounts[fold] += 1
                            for object in copy.objects { summary.objectCounts[fold][object.className, default: 0] += 1 }
                        }
                    }
                }
            }
            let warningFile = summary.warnings.isEmpty ? nil : prefix + "_warning.json"
            if let warningFile { try writeWarnings(summary.warnings, to: warningFile + ".partial") }
            for writer in writers { try writer.finish() }
            if let warningFile {
                try FileManager.default.moveItem(atPath: warningFile + ".partial", toPath: warningFile)
                summary.warningFile = warningFile
            }
            summary.files = names
        } catch {
            for writer in writers { writer.abandon() }
            try? FileManager.default.removeItem(atPath: prefix + "_warning.json.partial")
            throw error
        }
    }

    private func ensureAbsent(_ paths: [String]) throws {
        for path in paths where FileManager.default.fileExists(atPath: path) {
            throw DataError(path: path, reason: "already exists; choose another output prefix (existing files are never replaced)")
        }
    }

    private func writeWarnings(_ warnings: [String: [Int]], to path: String) throws {
        let data = try JSONSerialization.data(withJSONObject: warnings, options: [.prettyPrinted, .sortedKeys])
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw DataError(path: path, reason: "cannot write the warnings file")
        }
    }
}
