/// TAO's sample modifier (`SampleModifierConfig`): filters and duplicates training samples before they are
/// written. Samples of the validation fold (when one is given) are never modified.
public struct SampleModifier: Sendable {
    /// Samples whose mapped classes are all one class from this list are dropped.
    public var filterSamplesContainingOnly: [String]
    /// Classes that count as dominant when deciding whether to duplicate.
    public var dominantTargetClasses: [String]
    /// Per rare class, the imbalance above which a sample is duplicated (default 1.0).
    public var minimumTargetClassImbalance: [String: Float]
    /// Copies added when a sample is duplicated.
    public var numDuplicates: Int
    /// Source class (lowercase, as in the records) to target class, for the rules above.
    public var sourceToTargetClassMapping: [String: String]
    /// The fold left untouched (`-f`), if any.
    public var validationFold: Int?
    private var maxSamplesPerTrainingFold = 0
    private var sampleCounts: [Int]

    /// Builds the modifier; `maxTrainingSamples` > 0 caps the samples of each training fold at
    /// `max / (folds − 1)` with a validation fold, else `max / folds`. Fails when a listed class is not a
    /// target of the mapping.
    public init(filterSamplesContainingOnly: [String], dominantTargetClasses: [String],
                minimumTargetClassImbalance: [String: Float], numDuplicates: Int, maxTrainingSamples: Int,
                sourceToTargetClassMapping: [String: String], validationFold: Int?, numFolds: Int, specPath: String) throws {
        let targets = Set(sourceToTargetClassMapping.values)
        for (field, names) in [("dominant_target_classes", dominantTargetClasses),
                               ("filter_samples_containing_only", filterSamplesContainingOnly)] {
            if let unknown = names.first(where: { !targets.contains($0) }) {
                throw DataError(path: specPath, field: "sample_modifier_config.\(field)",
                                reason: "'\(unknown)' is not a target class of source_to_target_class_mapping")
            }
        }
        self.filterSamplesContainingOnly = filterSamplesContainingOnly
        self.dominantTargetClasses = dominantTargetClasses
        self.minimumTargetClassImbalance = minimumTargetClassImbalance
        self.numDuplicates = numDuplicates
        self.sourceToTargetClassMapping = sourceToTargetClassMapping
        self.validationFold = validationFold
        sampleCounts = [Int](repeating: 0, count: max(numFolds, 1))
        if maxTrainingSamples > 0 {
            let trainingFolds = validationFold == nil ? numFolds : numFolds - 1
            guard trainingFolds > 0 else {
                throw DataError(path: specPath, field: "sample_modifier_config.max_training_samples",
                                reason: "needs at least one training fold")
            }
            maxSamplesPerTrainingFold = maxTrainingSamples / trainingFolds
        }
    }

    /// The copies of `record` to write for fold `fold`: none (filtered), one, or `1 + numDuplicates`.
    public mutating func modify(_ record: FrameRecord, fold: Int) -> [FrameRecord] {
        guard fold != validationFold else { return [record] }
        let targets = record.objects.compactMap { sourceToTargetClassMapping[$0.className] }
        var copies: [FrameRecord] = [record]
        if !filterSamplesContainingOnly.isEmpty, Set(targets).count == 1,
           filterSamplesContainingOnly.contains(targets[0]) {
            copies = []
        } else if !dominantTargetClasses.isEmpty, !targets.isEmpty {
            let counts = Dictionary(targets.map { ($0, 1) }, uniquingKeysWith: +)
            let rare = Set(targets).subtracting(dominantTargetClasses)
            let exceeded = rare.contains { rareClass in
                dominantTargetClasses.contains { dominant in
                    Float(counts[rareClass, default: 0])
                        > Float(counts[dominant, default: 0]) * minimumTargetClassImbalance[rareClass, default: 1]
                }
            }
            if exceeded { copies += Array(repeating: record, count: numDuplicates) }
        }
        if maxSamplesPerTrainingFold > 0, fold < sampleCounts.count {
            copies = Array(copies.prefix(max(0, maxSamplesPerTrainingFold - sampleCounts[fold])))
            sampleCounts[fold] += copies.count
        }
        return copies
    }
}
