import Foundation

/// Everything `frcnn evaluate` computed, as written to `RESULTS/evaluation.json`.
///
/// Layout (keys sorted, pretty-printed): `tao` holds TAO's numbers (per IoU threshold: every class's AP,
/// precision, recall, TP/FP/FN, ground-truth count and PR-curve points; the per-threshold mAP; the overall
/// mAP; RPN recall per class); `coco` the COCO-style numbers; `kitti` the KITTI benchmark APs. A value that
/// is undefined (`nil`: no proposals, no class, no object, no truncation/occlusion labels) is left out.
public struct EvaluationReport: Sendable, Codable, Equatable {
    /// TAO's mAP, exactly as `tao model faster_rcnn evaluate` computes it.
    public var tao: TAOEvaluationResult
    /// COCO-style mAP@[.5:.95] (pycocotools' algorithm), clearly not TAO's number.
    public var coco: COCOEvaluationResult
    /// The KITTI benchmark's Easy/Moderate/Hard AP|R40, clearly not TAO's number.
    public var kitti: KITTIEvaluationResult?

    /// Creates a report.
    public init(tao: TAOEvaluationResult, coco: COCOEvaluationResult, kitti: KITTIEvaluationResult?) {
        self.tao = tao
        self.coco = coco
        self.kitti = kitti
    }

    /// The JSON text.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Writes the JSON atomically to `url` (see ``AtomicFile``).
    public func write(to url: URL) throws {
        try AtomicFile.write(jsonData(), to: url.path, mode: .replace)
    }

    /// The labelled summary printed after TAO's table: COCO-style and (when present) KITTI numbers.
    public var comparisonSummary: String {
        func value(_ number: Double?) -> String { number.map { String(format: "%.4f", $0) } ?? "n/a" }
        var lines = [
            "COCO-style (pycocotools algorithm, IoU 0.50:0.95, 101 recall points, maxDets 100; not TAO's metric):",
            "  mAP@[.5:.95] = \(value(coco.meanAP))   AP50 = \(value(coco.ap50))   AP75 = \(value(coco.ap75))"
                + "   AR@100 = \(value(coco.averageRecall))",
        ]
        if let kitti {
            lines.append("KITTI benchmark 2D AP|R40 (IoU 0.7 car, 0.5 others; original-image pixels; not TAO's metric):")
            lines.append("  " + ["Class", "Easy", "Moderate", "Hard"].map(TAOEvaluationTable.leftAligned).joined())
            for row in kitti.classes {
                let cells = [row.className, value(row.easy), value(row.moderate), value(row.hard)]
                lines.append("  " + cells.map(TAOEvaluationTable.leftAligned).joined())
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
