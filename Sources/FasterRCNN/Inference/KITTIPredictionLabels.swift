import Foundation

/// One line of a prediction label file.
public struct KITTIPrediction: Sendable, Equatable {
    /// The class name (one token, no spaces).
    public var className: String
    /// The box in original-image pixels, `x1y1x2y2` (see ``OriginalImageMapping/labelBox(_:)``).
    public var box: BoundingBox
    /// The confidence.
    public var score: Double

    /// Creates a prediction.
    public init(className: String, box: BoundingBox, score: Double) {
        self.className = className
        self.box = box
        self.score = score
    }
}

/// The 16-field KITTI label files TAO's `inference` writes to `labels_dump_dir/<image stem>.txt`
/// (`dump_kitti_labels`): `cls 0 0 0 x1 y1 x2 y2 0 0 0 0 0 0 0 score`, the box with 2 decimals and the
/// score with 7, one line per detection, each ending in `\n`. Truncation, occlusion, alpha, dimensions,
/// location and rotation are written as a plain `0`.
public enum KITTIPredictionLabels {
    /// The text of one label file.
    public static func text(_ predictions: [KITTIPrediction]) -> String {
        predictions.map { prediction in
            let box = [prediction.box.x1, prediction.box.y1, prediction.box.x2, prediction.box.y2]
                .map { String(format: "%.2f", $0) }.joined(separator: " ")
            return "\(prediction.className) 0 0 0 \(box) 0 0 0 0 0 0 0 \(String(format: "%.7f", prediction.score))\n"
        }.joined()
    }

    /// Writes a label file atomically.
    public static func write(_ predictions: [KITTIPrediction], to url: URL) throws {
        try AtomicFile.write(Data(text(predictions).utf8), to: url.path, mode: .replace)
    }

    /// Parses a 16-field label file back. Empty lines are skipped.
    /// - Parameter source: the file name used in error messages.
    /// - Throws: ``KITTILabelParseError`` naming the file, the 1-based line and the field.
    public static func parse(_ text: String, source: String) throws -> [KITTIPrediction] {
        var predictions: [KITTIPrediction] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            func fail(_ field: String, _ reason: String) -> KITTILabelParseError {
                KITTILabelParseError(source: source, line: index + 1, field: field, reason: reason)
            }
            guard fields.count == 16 else {
                throw fail("line", "expected 16 space-separated fields, found \(fields.count)")
            }
            let names = ["x1 (field 5)", "y1 (field 6)", "x2 (field 7)", "y2 (field 8)", "score (field 16)"]
            let values = try zip([4, 5, 6, 7, 15], names).map { position, name in
                guard let value = Double(fields[position]), value.isFinite else {
                    throw fail(name, "not a number: '\(fields[position])'")
                }
                return value
            }
            predictions.append(KITTIPrediction(
                className: String(fields[0]),
                box: BoundingBox(x1: values[0], y1: values[1], x2: values[2], y2: values[3]),
                score: values[4]))
        }
        return predictions
    }

    /// Reads and parses a label file.
    public static func read(_ url: URL) throws -> [KITTIPrediction] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw KITTILabelParseError(source: url.path, line: 0, field: "file", reason: "cannot read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KITTILabelParseError(source: url.path, line: 0, field: "file", reason: "not UTF-8 text")
        }
        return try parse(text, source: url.path)
    }
}

/// A malformed prediction label file.
public struct KITTILabelParseError: Error, Equatable, CustomStringConvertible {
    /// The file.
    public var source: String
    /// The 1-based line (0 for the whole file).
    public var line: Int
    /// The field.
    public var field: String
    /// What is wrong.
    public var reason: String

    public var description: String {
        line > 0 ? "\(source):\(line): \(field): \(reason)" : "\(source): \(reason)"
    }
}
