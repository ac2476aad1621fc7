import Foundation
@testable import FasterRCNN

/// Experiment specs for the loader tests, made from the project's ResNet-18 KITTI spec.
enum LoaderTestSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// The ResNet-18 spec with the data paths, the input size, and optionally the augmentation blocks replaced.
    static func experiment(tfrecords: String = "/nonexistent/*", images: String = "/nonexistent", width: Int = 320,
                           height: Int = 192, spatial: String? = nil, color: String? = nil,
                           extra: [(String, String)] = []) throws -> ResolvedExperiment {
        var text = try String(contentsOfFile: repositoryRoot + "/specs/resnet18_kitti.txt", encoding: .utf8)
        var replacements: [(String, String)] = [
            ("data/kitti/tfrecords/kitti_trainval/kitti_trainval*", tfrecords),
            ("\"data/kitti/training\"", "\"\(images)\""),
            ("height: 384\nwidth: 1248", "height: \(height)\nwidth: \(width)"),
            ("output_image_width: 1248\noutput_image_height: 384", "output_image_width: \(width)\noutput_image_height: \(height)"),
        ] + extra
        if let spatial { replacements.append((block(text, "spatial_augmentation"), "spatial_augmentation {\n\(spatial)\n}")) }
        if let color { replacements.append((block(text, "color_augmentation"), "color_augmentation {\n\(color)\n}")) }
        for (old, new) in replacements {
            precondition(text.contains(old), "spec text lacks \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try ExperimentSpec.parse(text, file: "test-spec.txt").resolved
    }

    /// The text of `name { ... }` (no nested braces) in `text`.
    private static func block(_ text: String, _ name: String) -> String {
        let start = text.range(of: name + " {")!.lowerBound
        let end = text[start...].firstIndex(of: "}")!
        return String(text[start...end])
    }

    /// Spatial augmentation text with everything off except the given lines.
    static func spatial(_ lines: String = "") -> String {
        "hflip_probability: 0.0\nzoom_min: 1.0\nzoom_max: 1.0\n" + lines
    }
}
