import Foundation

/// The table TAO's `evaluate` prints (`compute_map_list` in `faster_rcnn/utils/utils.py`), character for
/// character: per IoU threshold a rule of 90 `=`, the header in 20-character columns (with `RPN_recall`
/// when RPN recall exists), a rule of 90 `-`, one row per class followed by a dashed rule, and
/// `mAP@<iou> = <value>` with the value left-aligned in 20 characters. With several thresholds a final
/// `mAP@[<first>:<last>] = <value>` line follows. Thresholds print as Python's `repr` of a float does.
public enum TAOEvaluationTable {
    /// The printed text, lines separated by `\n`, ending with a newline.
    public static func render(_ result: TAOEvaluationResult) -> String {
        var lines: [String] = []
        let rpn = result.rpnRecall ?? [:]
        for threshold in result.thresholds {
            lines.append(String(repeating: "=", count: 90))
            let header = ["Class", "AP", "precision", "recall"] + (rpn.isEmpty ? [] : ["RPN_recall"])
            lines.append(header.map { leftAligned($0) }.joined())
            lines.append(String(repeating: "-", count: 90))
            for row in threshold.classes {
                var cells = [leftAligned(row.className)] + [row.averagePrecision, row.precision, row.recall].map(fixed)
                if let recall = rpn[row.className] { cells.append(fixed(recall)) }
                lines.append(cells.joined())
                lines.append(String(repeating: "-", count: 90))
            }
            lines.append("mAP@\(pythonRepr(threshold.iouThreshold)) = \(fixed(threshold.meanAP))")
        }
        if result.thresholds.count > 1, let first = result.thresholds.first, let last = result.thresholds.last {
            let label = "mAP@[\(pythonRepr(first.iouThreshold)):\(pythonRepr(last.iouThreshold))]"
            lines.append("\(label) = \(fixed(result.meanAP))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `'{:<20}'.format(text)`: padded with spaces to 20 characters, never cut.
    static func leftAligned(_ text: String) -> String {
        text.count >= 20 ? text : text + String(repeating: " ", count: 20 - text.count)
    }

    /// `'{:<20.4f}'.format(value)`; `nil` prints as `nan`, as NumPy's mean of nothing does.
    private static func fixed(_ value: Double?) -> String {
        leftAligned(value.map { String(format: "%.4f", $0) } ?? "nan")
    }

    /// Python's `repr` of a float: the shortest round-tripping digits, which is also how Swift prints a
    /// `Double` (`0.5`, `0.6000000000000001`, `1.0`, `1e-05`).
    static func pythonRepr(_ value: Double) -> String {
        "\(value)"
    }
}
