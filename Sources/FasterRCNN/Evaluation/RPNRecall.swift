/// TAO's RPN recall (`calc_rpn_recall` in `faster_rcnn/utils/utils.py`): per class, the fraction of
/// ground-truth objects (difficult ones included) covered by at least one RPN proposal with IoU ≥ 0.5.
///
/// Box convention: proposals and ground truth in the same pixel coordinates, IoU with the `+1` pixel
/// convention of ``BoundingBoxIoU/taoInclusive(_:_:)``, coordinates not truncated.
public enum RPNRecall {
    /// The IoU a proposal needs to cover an object.
    public static let overlapThreshold = 0.5

    /// RPN recall per class name over the images that carry proposals; `nil` when none does. An image with
    /// an empty proposal list counts all its objects as not covered.
    public static func perClass(_ images: [EvaluationImage]) -> [String: Double]? {
        var hits: [String: (covered: Int, total: Int)] = [:]
        var sawProposals = false
        for image in images {
            guard let proposals = image.proposals else { continue }
            sawProposals = true
            for object in image.groundTruth {
                let covered = proposals.contains {
                    BoundingBoxIoU.taoInclusive($0, object.box) >= overlapThreshold
                }
                let old = hits[object.className, default: (0, 0)]
                hits[object.className] = (old.covered + (covered ? 1 : 0), old.total + 1)
            }
        }
        guard sawProposals else { return nil }
        return hits.mapValues { Double($0.covered) / Double($0.total) }
    }
}
