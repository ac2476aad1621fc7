/// Per-anchor training targets of the RPN for one image, in anchor order (a, i, j).
public struct RPNTargets: Sendable, Equatable {
    /// 1 for a sampled positive anchor, else 0 (TAO's `y_rpn_overlap`).
    public var labels: [Float]
    /// 1 for a sampled anchor (positive or negative), else 0 (TAO's `y_is_box_valid` after sampling): the
    /// classification loss mask. The regression mask is ``labels``.
    public var weights: [Float]
    /// (dx, dy, dw, dh) per anchor, encoded with +1 widths; zero where the anchor is not positive.
    public var deltas: [Float]

    /// Positive and negative counts after sampling.
    public var positiveCount: Int { labels.reduce(0) { $0 + Int($1) } }
    public var negativeCount: Int { weights.reduce(0) { $0 + Int($1) } - positiveCount }
}

/// Assigns RPN targets like TAO's `compute_rpn_target_np` (run on the CPU per image):
/// 1. IoU (+1 areas) between anchors and ground truth; anchors not fully inside [0, W−1]×[0, H−1] get IoU 0.
/// 2. Positive if the best IoU ≥ `rpnMaxOverlap`; negative if it is ≤ `rpnMinOverlap` and the anchor is inside.
/// 3. A ground-truth box with no positive anchor forces its best anchor (first maximum, IoU > 0) positive,
///    with its own deltas; when several such boxes share that anchor, the last box wins.
/// 4. At most `rpnMiniBatch/2` random positives stay; negatives are randomly cut to fill `rpnMiniBatch`.
/// Positive deltas are relative to the ground-truth box of highest IoU (first maximum).
public struct RPNTargetAssigner {
    public let anchors: AnchorGrid
    public let imageHeight: Int
    public let imageWidth: Int
    public let minOverlap: Float
    public let maxOverlap: Float
    public let miniBatch: Int
    private let inside: [Bool]

    public init(anchors: AnchorGrid, imageHeight: Int, imageWidth: Int, configuration: DetectorConfiguration) {
        self.anchors = anchors
        self.imageHeight = imageHeight
        self.imageWidth = imageWidth
        minOverlap = configuration.rpnMinOverlap
        maxOverlap = configuration.rpnMaxOverlap
        miniBatch = configuration.rpnMiniBatch
        inside = anchors.insideMask(imageHeight: imageHeight, imageWidth: imageWidth)
    }

    /// The targets for ground-truth boxes `boxes` (flat y1x1y2x2).
    public func assign(boxes: [Float], using generator: inout some RandomNumberGenerator) -> RPNTargets {
        let anchorCount = anchors.count
        let boxCount = boxes.count / 4
        var labels = [Float](repeating: 0, count: anchorCount)
        var weights = [Float](repeating: 0, count: anchorCount)
        var deltas = [Float](repeating: 0, count: anchorCount * 4)
        var overlaps = BoxOverlap.inclusive.matrix(anchors.boxes, boxes)
        for k in 0..<anchorCount where !inside[k] {
            for g in 0..<boxCount { overlaps[k * boxCount + g] = 0 }
        }
        var hasPositive = [Bool](repeating: false, count: boxCount)
        func setDeltas(anchor k: Int, box g: Int) {
            let d = BoxCoding.encode(
                target: boxes[(4 * g)..<(4 * g + 4)], reference: anchors.boxes[(4 * k)..<(4 * k + 4)])
            deltas.replaceSubrange((4 * k)..<(4 * k + 4), with: d)
        }
        for k in 0..<anchorCount {
            var best: Float = boxCount == 0 ? 0 : -1
            var bestBox = 0
            for g in 0..<boxCount where overlaps[k * boxCount + g] > best {
                best = overlaps[k * boxCount + g]
                bestBox = g
            }
            if boxCount > 0, best >= maxOverlap {
                labels[k] = 1
                weights[k] = 1
                hasPositive[bestBox] = true
                setDeltas(anchor: k, box: bestBox)
            } else if best <= minOverlap, inside[k] {
                weights[k] = 1
            }
        }
        for g in 0..<boxCount where !hasPositive[g] {
            var best: Float = 0
            var bestAnchor = -1
            for k in 0..<anchorCount where overlaps[k * boxCount + g] > best {
                best = overlaps[k * boxCount + g]
                bestAnchor = k
            }
            guard bestAnchor >= 0 else { continue }
            labels[bestAnchor] = 1
            weights[bestAnchor] = 1
            setDeltas(anchor: bestAnchor, box: g)
        }
        subsample(labels: &labels, weights: &weights, using: &generator)
        for k in 0..<anchorCount where labels[k] == 0 {
            for c in 0..<4 { deltas[4 * k + c] = 0 }
        }
        return RPNTargets(labels: labels, weights: weights, deltas: deltas)
    }

    /// Keeps at most miniBatch/2 positives, then at most miniBatch − positives negatives (TAO's order).
    private func subsample(labels: inout [Float], weights: inout [Float], using generator: inout some RandomNumberGenerator) {
        let positives = labels.indices.filter { labels[$0] == 1 && weights[$0] == 1 }
        let negatives = labels.indices.filter { labels[$0] == 0 && weights[$0] == 1 }
        var positiveCount = positives.count
        if positives.count > miniBatch / 2 {
            for k in positives.sampled(positives.count - miniBatch / 2, using: &generator) {
                weights[k] = 0
                labels[k] = 0
            }
            positiveCount = miniBatch / 2
        }
        if negatives.count + positiveCount > miniBatch {
            for k in negatives.sampled(negatives.count - (miniBatch - positiveCount), using: &generator) {
                weights[k] = 0
            }
        }
    }
}
