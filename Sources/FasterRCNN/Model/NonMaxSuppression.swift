import Torch

/// Greedy non-maximum suppression with TensorFlow's semantics (`tf.image.non_max_suppression` and the per-class
/// part of `combined_non_max_suppression`): boxes are (y1, x1, y2, x2), visited by descending score (ties in
/// input order), and a box is dropped when its IoU with an already kept box of the same group is greater than
/// the threshold. IoU uses continuous areas (no +1), like TensorFlow.
///
/// The work runs in Swift over contiguous Float buffers with an early exit once `maxOutput` boxes are kept;
/// each candidate is compared only with kept boxes of its own group, so several classes are suppressed in one
/// pass (equivalent to offsetting each class's coordinates, without the float-precision loss of large offsets).
public enum NonMaxSuppression {
    /// Indices (into the input) of the kept boxes, in descending-score order.
    /// - Parameters:
    ///   - boxes: flat (y1, x1, y2, x2) values, 4 per box.
    ///   - scores: one score per box.
    ///   - groups: optional group (class) per box; boxes of different groups never suppress each other.
    ///   - maxPerGroup: at most this many boxes are kept per group (defaults to no limit beyond `maxOutput`).
    ///   - scoreThreshold: boxes with a score not greater than this are ignored (nil: keep all).
    public static func select(
        boxes: [Float], scores: [Float], groups: [Int]? = nil, iouThreshold: Float, maxOutput: Int,
        maxPerGroup: Int? = nil, scoreThreshold: Float? = nil
    ) -> [Int] {
        let count = scores.count
        precondition(boxes.count == 4 * count, "NMS: \(boxes.count / 4) boxes but \(count) scores")
        var order = Array(0..<count)
        if let threshold = scoreThreshold { order.removeAll { !(scores[$0] > threshold) } }
        // Descending score; ties keep input order (stable).
        order.sort { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
        return greedy(boxes: boxes, order: order, groups: groups, iouThreshold: iouThreshold,
                      maxOutput: maxOutput, maxPerGroup: maxPerGroup ?? maxOutput)
    }

    /// Visits `order` and keeps boxes that overlap no kept box of their group by more than the threshold.
    static func greedy(
        boxes: [Float], order: [Int], groups: [Int]?, iouThreshold: Float, maxOutput: Int, maxPerGroup: Int
    ) -> [Int] {
        guard maxOutput > 0 else { return [] }
        var kept: [Int] = []
        kept.reserveCapacity(Swift.min(maxOutput, order.count))
        // Per group slot: the kept boxes (flat coordinates) and their areas.
        var slotOfGroup: [Int: Int] = [:]
        var keptBoxes: [[Float]] = [[]]
        var keptAreas: [[Float]] = [[]]
        boxes.withUnsafeBufferPointer { all in
            for index in order {
                var slot = 0
                if let group = groups?[index] {
                    if let existing = slotOfGroup[group] {
                        slot = existing
                    } else {
                        slot = slotOfGroup.count
                        slotOfGroup[group] = slot
                        if slot > 0 {
                            keptBoxes.append([])
                            keptAreas.append([])
                        }
                    }
                }
                if keptAreas[slot].count >= maxPerGroup { continue }
                let area = BoxOverlap.continuous.area(all, index)
                let suppressed = keptBoxes[slot].withUnsafeBufferPointer { other in
                    keptAreas[slot].withUnsafeBufferPointer { areas in
                        areas.indices.contains { k in
                            BoxOverlap.continuous.iou(all, index, area: area, other, k, area: areas[k]) > iouThreshold
                        }
                    }
                }
                if suppressed { continue }
                kept.append(index)
                keptBoxes[slot] += all[(4 * index)..<(4 * index + 4)]
                keptAreas[slot].append(area)
                if kept.count == maxOutput { break }
            }
        }
        return kept
    }

    /// NMS over tensors on any device: `boxes` [M, 4] (y1, x1, y2, x2) and `scores` [M]. The boxes travel to the
    /// CPU for the greedy pass; the returned int64 indices [K] (descending score) are on the boxes' device.
    public static func select(boxes: Tensor, scores: Tensor, iouThreshold: Float, maxOutput: Int) throws -> Tensor {
        let kept = select(
            boxes: try boxes.toArray(Float.self), scores: try scores.toArray(Float.self), iouThreshold: iouThreshold,
            maxOutput: maxOutput)
        return try Tensor(kept.map(Int64.init)).to(device: boxes.device)
    }
}
