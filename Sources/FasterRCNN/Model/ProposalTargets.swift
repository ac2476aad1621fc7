/// The sampled RoIs of one image and their RCNN targets, in TAO's layouts.
public struct ProposalTargets: Sendable, Equatable {
    /// `roiMiniBatch` boxes (y1, x1, y2, x2), flat: positives, then negatives, then zero padding.
    public var rois: [Float]
    /// One-hot class rows of C+1 (background last), flat; all-zero rows mark padding.
    public var classTargets: [Float]
    /// Per RoI and class, [mask × 4, deltas × 4] (8 values per class, C·8 per RoI), flat. Only the true
    /// class of a positive RoI has mask 1; its deltas are encoded with +1 widths and multiplied by
    /// `classifier_regr_std`.
    public var regressionTargets: [Float]
    /// Sampled positives and negatives.
    public var positiveCount: Int
    public var negativeCount: Int
}

/// TAO's `generate_proposal_target_v1`: samples `roiMiniBatch` RoIs from the proposals of one image.
///
/// Zero (padding) proposals are dropped; with `gtAsRoI` the ground-truth boxes are appended first. A RoI is
/// positive when its best IoU (+1 areas) with the ground truth is ≥ `classifierMaxOverlap`, negative when it lies
/// in [`classifierMinOverlap`, `classifierMaxOverlap`). With both kinds, up to ⌊roiMiniBatch/4⌋ random positives
/// are kept and the rest is filled with negatives (drawn with replacement when too few). With only one kind, the
/// whole batch is drawn from it (without replacement when there are enough, else with). An image without ground
/// truth yields no RoIs (TAO's best IoU over no boxes is −∞). The result is zero-padded to `roiMiniBatch`.
public struct ProposalTargetSampler {
    public let classCount: Int
    public let miniBatch: Int
    public let minOverlap: Float
    public let maxOverlap: Float
    public let regressionStd: [Float]
    public let gtAsRoI: Bool
    /// The positive fraction, fixed at 0.25 in TAO.
    public static let positiveFraction = 0.25

    public init(configuration: DetectorConfiguration) {
        classCount = configuration.classCount
        miniBatch = configuration.roiMiniBatch
        minOverlap = configuration.classifierMinOverlap
        maxOverlap = configuration.classifierMaxOverlap
        regressionStd = configuration.classifierRegressionStd
        gtAsRoI = configuration.gtAsRoI
    }

    /// Samples from `proposals` (flat y1x1y2x2, zero rows are padding) against `groundTruth`.
    public func sample(
        proposals: [Float], groundTruth: GroundTruth, using generator: inout some RandomNumberGenerator
    ) -> ProposalTargets {
        var candidates = proposals + (gtAsRoI ? groundTruth.boxes : [])
        candidates = stride(from: 0, to: candidates.count, by: 4)
            .filter { candidates[$0..<($0 + 4)].contains { $0 != 0 } }
            .flatMap { candidates[$0..<($0 + 4)] }
        let roiCount = candidates.count / 4
        let boxCount = groundTruth.count
        let overlaps = BoxOverlap.inclusive.matrix(candidates, groundTruth.boxes)
        var bestBox = [Int](repeating: 0, count: roiCount)
        var positives: [Int] = []
        var negatives: [Int] = []
        for r in 0..<roiCount where boxCount > 0 {
            var best = -Float.infinity
            for g in 0..<boxCount where overlaps[r * boxCount + g] > best {
                best = overlaps[r * boxCount + g]
                bestBox[r] = g
            }
            if best >= maxOverlap {
                positives.append(r)
            } else if best >= minOverlap {
                negatives.append(r)
            }
        }
        let (chosenPositives, chosenNegatives) = choose(positives: positives, negatives: negatives, using: &generator)
        return targets(
            rois: candidates, positives: chosenPositives, negatives: chosenNegatives, bestBox: bestBox,
            groundTruth: groundTruth)
    }

    /// TAO's four cases of positive/negative availability.
    private func choose(
        positives: [Int], negatives: [Int], using generator: inout some RandomNumberGenerator
    ) -> ([Int], [Int]) {
        func fill(_ pool: [Int], _ count: Int) -> [Int] {
            pool.count >= count
                ? pool.sampled(count, using: &generator) : pool.sampledWithReplacement(count, using: &generator)
        }
        switch (positives.isEmpty, negatives.isEmpty) {
        case (false, false):
            let chosen = positives.sampled(Int(Double(miniBatch) * Self.positiveFraction), using: &generator)
            return (chosen, fill(negatives, miniBatch - chosen.count))
        case (false, true): return (fill(positives, miniBatch), [])
        case (true, false): return ([], fill(negatives, miniBatch))
        case (true, true): return ([], [])
        }
    }

    private func targets(
        rois: [Float], positives: [Int], negatives: [Int], bestBox: [Int], groundTruth: GroundTruth
    ) -> ProposalTargets {
        let classes = classCount + 1
        var outRois = [Float](repeating: 0, count: miniBatch * 4)
        var classTargets = [Float](repeating: 0, count: miniBatch * classes)
        var regression = [Float](repeating: 0, count: miniBatch * classCount * 8)
        for (row, r) in (positives + negatives).enumerated() {
            outRois.replaceSubrange((4 * row)..<(4 * row + 4), with: rois[(4 * r)..<(4 * r + 4)])
            guard row < positives.count else {
                classTargets[row * classes + classCount] = 1
                continue
            }
            let g = bestBox[r]
            let classID = groundTruth.classIDs[g]
            classTargets[row * classes + classID] = 1
            let deltas = BoxCoding.encode(
                target: groundTruth.boxes[(4 * g)..<(4 * g + 4)], reference: rois[(4 * r)..<(4 * r + 4)])
            let base = (row * classCount + classID) * 8
            for c in 0..<4 {
                regression[base + c] = 1
                regression[base + 4 + c] = deltas[c] * regressionStd[c]
            }
        }
        return ProposalTargets(
            rois: outRois, classTargets: classTargets, regressionTargets: regression,
            positiveCount: positives.count, negativeCount: negatives.count)
    }
}
