import ArgumentParser
import FasterRCNN
import Foundation

/// `frcnn generate_dataset -o DIR [...]`: writes a deterministic synthetic KITTI dataset (the demo's data).
struct GenerateDatasetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate_dataset",
        abstract: "Write a deterministic synthetic KITTI dataset (DIR/image_2, DIR/label_2).",
        discussion: """
            Frames have textured backgrounds and 1 to --max_objects objects (rectangles for Car, tall ellipses \
            for Pedestrian, triangles for Cyclist; other class names get their own colour) of varied size, \
            aspect and colour, some partly occluded or cut by the image border, and some frames have no \
            objects. Labels have the 15 KITTI fields with measured truncation and occlusion. The same options \
            always give the same files. DIR must not exist or be empty; files are written to a temporary \
            folder beside it and moved into place at the end.
            """,
        aliases: ["generate-dataset"]
    )

    @Option(name: [.customShort("o"), .customLong("output_dir"), .customLong("output-dir")],
            help: ArgumentHelp("Folder to create (must not exist or be empty).", valueName: "dir"))
    var outputDir: String

    @Option(name: [.customShort("n"), .customLong("images")], help: "Number of frames.")
    var images = 200

    @Option(name: [.customLong("width")], help: "Image width in pixels (at least 16).")
    var width = 320

    @Option(name: [.customLong("height")], help: "Image height in pixels (at least 16).")
    var height = 192

    @Option(name: [.customShort("s"), .customLong("seed")], help: "Random seed; the same seed gives the same dataset.")
    var seed: UInt64 = 1

    @Option(name: [.customLong("classes")], parsing: .upToNextOption,
            help: ArgumentHelp("Class names written in the labels.", valueName: "name"))
    var classes = SyntheticScene.standardClasses.map(\.name)

    @Option(name: [.customLong("max_objects"), .customLong("max-objects")], help: "Largest number of objects in a frame.")
    var maxObjects = 4

    @Option(name: [.customLong("empty_fraction"), .customLong("empty-fraction")],
            help: "Probability that a frame has no objects (0 to 1).")
    var emptyFraction = 0.1

    @Option(name: [.customLong("image_extension"), .customLong("image-extension")],
            help: ArgumentHelp("Image format: png or jpg.", valueName: "ext"))
    var imageExtension = "png"

    func validate() throws {
        guard images >= 0 else { throw ValidationError("--images must be 0 or more (got \(images))") }
        guard width >= 16, height >= 16 else { throw ValidationError("--width and --height must be at least 16 (got \(width)x\(height))") }
        guard maxObjects >= 1 else { throw ValidationError("--max_objects must be at least 1 (got \(maxObjects))") }
        guard (0...1).contains(emptyFraction) else { throw ValidationError("--empty_fraction must be between 0 and 1 (got \(emptyFraction))") }
        guard ["png", "jpg"].contains(imageExtension) else { throw ValidationError("--image_extension must be png or jpg (got \(imageExtension))") }
        guard !classes.isEmpty, Set(classes.map { $0.lowercased() }).count == classes.count, !classes.contains(where: { $0.contains(" ") || $0.isEmpty }) else {
            throw ValidationError("--classes needs distinct, non-empty names without spaces (got \(classes))")
        }
    }

    func run() throws {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: outputDir).standardizedFileURL
        if manager.fileExists(atPath: target.path), !((try? manager.contentsOfDirectory(atPath: target.path))?.isEmpty ?? false) {
            throw failure("\(outputDir) already exists and is not an empty folder; nothing was written")
        }
        try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let staging = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).generating-\(ProcessInfo.processInfo.processIdentifier)")
        let scene = SyntheticScene(classes: SyntheticScene.objectClasses(named: classes), emptyFraction: emptyFraction)
        let frames: [SyntheticKITTI.Frame]
        do {
            frames = try SyntheticKITTI.write(to: staging.path, count: images, width: width, height: height,
                                              imageExtension: imageExtension, maxObjects: maxObjects, seed: seed,
                                              style: .varied(scene))
            if manager.fileExists(atPath: target.path) {  // the empty folder checked above: fill it
                for folder in ["image_2", "label_2"] {
                    try manager.moveItem(at: staging.appendingPathComponent(folder), to: target.appendingPathComponent(folder))
                }
                try manager.removeItem(at: staging)
            } else {
                try manager.moveItem(at: staging, to: target)
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw failure("generate_dataset: \(error)")
        }
        let objects = frames.flatMap(\.objects)
        let counts = classes.map { name in "\(name) \(objects.filter { $0.className == name }.count)" }
        print("Wrote \(frames.count) frames (\(frames.filter(\.objects.isEmpty).count) without objects) to \(outputDir)/image_2 and \(outputDir)/label_2")
        print("Objects: \(counts.joined(separator: ", ")); occluded \(objects.filter { $0.occlusion > 0 }.count), truncated \(objects.filter { $0.truncation > 0 }.count)")
    }

    private func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
        return ExitCode.failure
    }
}
