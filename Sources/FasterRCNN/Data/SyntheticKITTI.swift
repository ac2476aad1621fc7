import Foundation

/// A small deterministic KITTI-layout dataset for tests and demos: `image_2/<stem>.<ext>` images and
/// `label_2/<stem>.txt` 15-field labels.
///
/// Two styles share the file layout and the label format:
/// - ``Style/simple``: 1–`maxObjects` flat rectangles in the fixed class colours of ``classes`` on a striped
///   gray background; the occlusion field is random (0 or 1). Unit tests rely on its exact output.
/// - ``Style/varied(_:)``: the demo data of ``SyntheticScene``: textured backgrounds, class-specific shapes,
///   sizes, aspects and jittered colours, measured occlusion and truncation, and some frames without objects.
///
/// Each label box is the drawn shape's pixel-edge extent, clipped to the image: a shape covering columns
/// `x1..<x2` and rows `y1..<y2` is labelled `x1 y1 x2 y2` (x1y1x2y2, no +1 convention).
public enum SyntheticKITTI {
    /// The classes drawn, with their colours (RGB).
    public static let classes: [(name: String, color: [UInt8])] = [
        ("Car", [220, 40, 40]), ("Pedestrian", [40, 200, 60]), ("Cyclist", [50, 70, 230]),
    ]

    /// What the frames look like.
    public enum Style: Sendable {
        /// Flat rectangles of ``classes`` on stripes, at least one per frame (the unit tests' data).
        case simple
        /// The demo data, drawn by ``SyntheticScene`` with these settings.
        case varied(SyntheticScene)
    }

    /// One generated frame.
    public struct Frame: Sendable {
        public var stem: String
        public var objects: [KITTIObject]
    }

    /// Writes `count` frames of `width`×`height` under `root` (creating `image_2/` and `label_2/`) as PNG or
    /// JPEG (`imageExtension` "png" or "jpg") with stems `000000`, `000001`, …, and returns them.
    /// `maxObjects` bounds the objects per frame. The same arguments always give the same files.
    @discardableResult
    public static func write(to root: String, count: Int, width: Int = 320, height: Int = 192,
                             imageExtension: String = "png", maxObjects: Int = 4, seed: UInt64 = 1,
                             style: Style = .simple) throws -> [Frame] {
        guard imageExtension == "png" || imageExtension == "jpg" else {
            throw DataError(path: root, field: "image extension", reason: "\"\(imageExtension)\" is not png or jpg")
        }
        guard width >= 16, height >= 16, maxObjects >= 1, count >= 0 else {
            throw DataError(path: root, reason: "need width and height >= 16, maxObjects >= 1 and count >= 0 " +
                            "(got \(width)x\(height), maxObjects \(maxObjects), count \(count))")
        }
        let imageDirectory = root + "/image_2", labelDirectory = root + "/label_2"
        for directory in [imageDirectory, labelDirectory] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var random = AugmentationRandom(state: seed)
        var frames: [Frame] = []
        for index in 0..<count {
            let stem = String(format: "%06d", index)
            let (image, objects): (RasterImage, [KITTIObject])
            switch style {
            case .simple:
                (image, objects) = simpleFrame(width: width, height: height, maxObjects: maxObjects, index: index,
                                               random: &random)
            case .varied(let scene):
                (image, objects) = scene.frame(width: width, height: height, maxObjects: maxObjects, random: &random)
            }
            let encoded = imageExtension == "png" ? try PNGCodec.encode(image) : try JPEGCodec.encode(image, quality: 95)
            try encoded.write(to: URL(fileURLWithPath: "\(imageDirectory)/\(stem).\(imageExtension)"))
            let label = objects.map { $0.line + "\n" }.joined()
            try label.write(toFile: "\(labelDirectory)/\(stem).txt", atomically: true, encoding: .utf8)
            frames.append(Frame(stem: stem, objects: objects))
        }
        return frames
    }

    /// One frame of the ``Style/simple`` style.
    private static func simpleFrame(width: Int, height: Int, maxObjects: Int, index: Int,
                                    random: inout AugmentationRandom) -> (RasterImage, [KITTIObject]) {
        var image = background(width: width, height: height, phase: index)
        var objects: [KITTIObject] = []
        for _ in 0..<random.integer(1, maxObjects) {
            let kind = classes[random.integer(0, classes.count - 1)]
            let boxWidth = random.integer(width / 10, width / 3), boxHeight = random.integer(height / 10, height / 2)
            let x1 = random.integer(0, width - boxWidth), y1 = random.integer(0, height - boxHeight)
            image.fill(x0: x1, y0: y1, x1: x1 + boxWidth, y1: y1 + boxHeight, color: kind.color)
            objects.append(KITTIObject(
                className: kind.name, truncation: 0, occlusion: random.integer(0, 1), alpha: -1.5,
                left: Float(x1), top: Float(y1), right: Float(x1 + boxWidth), bottom: Float(y1 + boxHeight),
                height: 1.5, width: 1.6, length: 3.9, x: 1, y: 1.5, z: 20, rotationY: 0.25))
        }
        return (image, objects)
    }

    /// A gray, gently textured RGB background (diagonal stripes plus a per-frame phase).
    public static func background(width: Int, height: Int, phase: Int) -> RasterImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for row in 0..<height {
            for column in 0..<width {
                let stripe = UInt8(((column + 2 * row + 5 * phase) / 6) % 4) * 12
                let base = (row * width + column) * 3
                pixels[base] = 90 + stripe
                pixels[base + 1] = 100 + stripe
                pixels[base + 2] = 110 + stripe
            }
        }
        return RasterImage(width: width, height: height, channels: 3, pixels: pixels)
    }
}
