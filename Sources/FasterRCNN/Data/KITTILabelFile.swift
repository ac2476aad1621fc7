import Foundation

/// One object of a KITTI label file: 15 space-separated fields per line.
///
/// The box is `left, top, right, bottom` in absolute pixels of the original image (0-based, x1y1x2y2,
/// no +1 convention), exactly as the file gives it.
public struct KITTIObject: Equatable, Sendable {
    /// Field 1, as written (TAO lowercases it when converting).
    public var className: String
    /// Field 2: 0 (fully visible) to 1 (truncated).
    public var truncation: Float
    /// Field 3: 0 visible, 1 partly, 2 largely occluded, 3 unknown (TAO: ≥ 1 means difficult).
    public var occlusion: Int
    /// Field 4: observation angle alpha, radians.
    public var alpha: Float
    /// Fields 5–8: left, top, right, bottom.
    public var left: Float, top: Float, right: Float, bottom: Float
    /// Fields 9–11: 3-D height, width, length in metres.
    public var height: Float, width: Float, length: Float
    /// Fields 12–14: 3-D location x, y, z in camera coordinates, metres.
    public var x: Float, y: Float, z: Float
    /// Field 15: rotation around the camera y axis, radians.
    public var rotationY: Float

    /// Creates an object; the 3-D fields default to 0.
    public init(className: String, truncation: Float = 0, occlusion: Int = 0, alpha: Float = 0,
                left: Float, top: Float, right: Float, bottom: Float,
                height: Float = 0, width: Float = 0, length: Float = 0,
                x: Float = 0, y: Float = 0, z: Float = 0, rotationY: Float = 0) {
        self.className = className
        self.truncation = truncation
        self.occlusion = occlusion
        self.alpha = alpha
        (self.left, self.top, self.right, self.bottom) = (left, top, right, bottom)
        (self.height, self.width, self.length) = (height, width, length)
        (self.x, self.y, self.z) = (x, y, z)
        self.rotationY = rotationY
    }

    /// The occlusion values frcnn accepts, in label files and in records: KITTI's 0 (visible), 1 (partly),
    /// 2 (largely occluded) and 3 (unknown), and the -1 KITTI writes on `DontCare` regions.
    public static let occlusionLevels = -1...3

    /// ``occlusionLevels`` in words, for error messages ("… is not <this>").
    static let occlusionLevelsText = "a KITTI occlusion level: a whole number from -1 (DontCare) to 3 (unknown)"

    /// The names of the 15 fields, in file order, as error messages use them.
    public static let fieldNames = [
        "type", "truncated", "occluded", "alpha", "bbox left", "bbox top", "bbox right", "bbox bottom",
        "height", "width", "length", "location x", "location y", "location z", "rotation_y",
    ]

    /// The label line, 15 fields separated by single spaces; floats print in their shortest exact form.
    public var line: String {
        let floats = [alpha, left, top, right, bottom, height, width, length, x, y, z, rotationY]
        return ([className, "\(truncation)", "\(occlusion)"] + floats.map { "\($0)" }).joined(separator: " ")
    }
}

/// Reads KITTI label files.
public enum KITTILabelFile {
    /// Parses the file at `path`. Blank lines are skipped; any other line must hold exactly 15 fields with
    /// numeric fields 2–15, else the error names the file, the 1-based line and the field.
    public static func read(path: String) throws -> [KITTIObject] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(path: path, reason: "cannot read the label file (missing or unreadable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DataError(path: path, reason: "the label file is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses label `text`; `path` names the source in errors.
    public static func parse(_ text: String, path: String) throws -> [KITTIObject] {
        var objects: [KITTIObject] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count == 15 else {
                throw DataError(path: path, location: .line(lineNumber),
                                reason: "expected 15 fields, found \(fields.count)")
            }
            var numbers: [Float] = []
            for index in 1..<15 {
                guard let value = Float(fields[index]) else {
                    throw DataError(path: path, location: .line(lineNumber), field: KITTIObject.fieldNames[index],
                                    reason: "'\(fields[index])' is not a number")
                }
                numbers.append(value)
            }
            // Every value must be finite (NaN or inf in a box would poison training), and `occluded` one of
            // KITTI's levels (the records' reader checks the same).
            for index in 1..<15 where !numbers[index - 1].isFinite {
                throw DataError(path: path, location: .line(lineNumber), field: KITTIObject.fieldNames[index],
                                reason: "'\(fields[index])' is not a finite number")
            }
            guard let occlusion = Int(exactly: numbers[1]), KITTIObject.occlusionLevels.contains(occlusion) else {
                throw DataError(path: path, location: .line(lineNumber), field: KITTIObject.fieldNames[2],
                                reason: "'\(fields[2])' is not \(KITTIObject.occlusionLevelsText)")
            }
            objects.append(KITTIObject(
                className: String(fields[0]), truncation: numbers[0], occlusion: occlusion, alpha: numbers[2],
                left: numbers[3], top: numbers[4], right: numbers[5], bottom: numbers[6],
                height: numbers[7], width: numbers[8], length: numbers[9],
                x: numbers[10], y: numbers[11], z: numbers[12], rotationY: numbers[13]))
        }
        return objects
    }
}
