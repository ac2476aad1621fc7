import Foundation
import Testing

@testable import FasterRCNN

/// The inference output path without a model: known detections at known network-input pixels go through the
/// runner's mapping into label files and annotated images, which are read back.
@Suite struct InferenceOutputTests {
    /// A new temporary folder with empty `images/` and `labels/` subfolders (the writer expects prepared folders).
    private func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "frcnn-infer-out-\(UUID().uuidString.prefix(8))"
        for subfolder in ["images", "labels"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + subfolder, withIntermediateDirectories: true)
        }
        return folder
    }

    private let gray = RGBColor(red: 90, green: 100, blue: 110)

    /// A 200×100 image resized to a 160×160 network input: ratio 0.8 across, 1.6 down.
    private func prediction(path: String) throws -> InferencePrediction {
        let image = RasterImage(width: 200, height: 100, color: [gray.red, gray.green, gray.blue])
        let mapping = OriginalImageMapping(ratioX: 0.8, ratioY: 1.6, originalWidth: 200, originalHeight: 100)
        return InferencePrediction(imagePath: path, image: image, mapping: mapping, detections: [
            Detection(box: BoundingBox(x1: 40, y1: 32, x2: 120, y2: 96), className: "car", score: 0.9),
            Detection(box: BoundingBox(x1: 8, y1: 16.8, x2: 24, y2: 150), className: "person", score: 0.61234567),
        ])
    }

    @Test("Label files hold the boxes in original pixels and parse back to the detections")
    func labelFiles() throws {
        let folder = try temporaryFolder()
        let writer = InferenceWriter(imagesDirectory: folder + "/images", labelsDirectory: folder + "/labels",
                                     renderer: DetectionImageRenderer(palette: ClassColorPalette(classNames: ["car", "person"]),
                                                                      drawsCaptions: false))
        let written = try writer.write(prediction(path: "/somewhere/frame_7.png"))
        #expect(written.labelFile == folder + "/labels/frame_7.txt")
        let text = try String(contentsOfFile: written.labelFile, encoding: .utf8)
        // x / 0.8 and y / 1.6, two decimals; the score with seven.
        #expect(text == """
            car 0 0 0 50.00 20.00 150.00 60.00 0 0 0 0 0 0 0 0.9000000
            person 0 0 0 10.00 10.50 30.00 93.75 0 0 0 0 0 0 0 0.6123457

            """)
        let parsed = try KITTIPredictionLabels.read(URL(fileURLWithPath: written.labelFile))
        #expect(parsed.map(\.className) == ["car", "person"])
        #expect(parsed[1].box == BoundingBox(x1: 10, y1: 10.5, x2: 30, y2: 93.75))
    }

    @Test("Annotated PNG keeps the original size and draws each box outline at the mapped pixels")
    func annotatedPNG() throws {
        let folder = try temporaryFolder()
        let palette = ClassColorPalette(classNames: ["car", "person"])
        let writer = InferenceWriter(imagesDirectory: folder + "/images", labelsDirectory: folder + "/labels",
                                     renderer: DetectionImageRenderer(palette: palette, drawsCaptions: false))
        let written = try writer.write(prediction(path: "/somewhere/frame_7.png"))
        #expect(written.imageFile == folder + "/images/frame_7.png")
        let image = try ImageFile.read(path: written.imageFile)
        #expect((image.width, image.height, image.channels) == (200, 100, 3))
        func pixel(_ x: Int, _ y: Int) -> RGBColor {
            let base = (y * image.width + x) * 3
            return RGBColor(red: image.pixels[base], green: image.pixels[base + 1], blue: image.pixels[base + 2])
        }
        // car: columns 50 and 150, rows 20 and 60 (40/0.8, 32/1.6, 120/0.8, 96/1.6).
        let car = palette.color(for: "car")
        for (x, y) in [(50, 20), (150, 20), (50, 60), (150, 60), (100, 20), (100, 60), (50, 40), (150, 40)] {
            #expect(pixel(x, y) == car, "car outline at (\(x), \(y))")
        }
        for (x, y) in [(49, 40), (51, 40), (100, 19), (100, 21), (100, 40), (151, 40)] {
            #expect(pixel(x, y) == gray, "no outline at (\(x), \(y))")
        }
        // person: 8/0.8 = 10, 16.8/1.6 = 10.5 → 10 (half to even), 24/0.8 = 30, 150/1.6 = 93.75 → 94.
        let person = palette.color(for: "person")
        for (x, y) in [(10, 10), (30, 10), (10, 94), (30, 94), (18, 10), (10, 50)] {
            #expect(pixel(x, y) == person, "person outline at (\(x), \(y))")
        }
        #expect(pixel(31, 50) == gray && pixel(18, 11) == gray && pixel(18, 9) == gray)
    }

    @Test("A JPEG input gives a JPEG of the original size; captions sit at the box corner")
    func annotatedJPEG() throws {
        let folder = try temporaryFolder()
        let writer = InferenceWriter(imagesDirectory: folder, labelsDirectory: folder,
                                     renderer: DetectionImageRenderer(palette: ClassColorPalette(classNames: ["car", "person"]),
                                                                      drawsCaptions: true))
        let written = try writer.write(prediction(path: "/x/photo.jpeg"))
        let data = try Data(contentsOf: URL(fileURLWithPath: written.imageFile))
        #expect(try ImageFile.format(of: data, path: written.imageFile) == .jpeg)
        let image = try ImageFile.read(path: written.imageFile)
        #expect((image.width, image.height) == (200, 100))
        // The white caption box starts at the car's top-left corner (50, 20).
        let base = (21 * 200 + 51) * 3
        #expect(image.pixels[base..<(base + 3)].allSatisfy { $0 > 180 })
    }

    @Test("Writing the same image twice fails and keeps the first files")
    func neverReplaces() throws {
        let folder = try temporaryFolder()
        let writer = InferenceWriter(imagesDirectory: folder, labelsDirectory: folder,
                                     renderer: DetectionImageRenderer(palette: ClassColorPalette(classNames: ["car"]),
                                                                      drawsCaptions: false))
        let first = try writer.write(prediction(path: "/x/a.png"))
        let before = try Data(contentsOf: URL(fileURLWithPath: first.labelFile))
        var other = try prediction(path: "/x/a.png")
        other.detections = []
        #expect(throws: (any Error).self) { try writer.write(other) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.labelFile)) == before)
    }

    @Test("Output folders: a missing or empty folder is used, a folder with files gets a fresh subfolder")
    func outputFolders() throws {
        let folder = try temporaryFolder()
        let missing = try OutputFolder.prepare(folder + "/new/labels", runName: "run-1")
        #expect(missing.path == folder + "/new/labels" && !missing.isRedirected)
        let empty = try OutputFolder.prepare(folder + "/new/labels", runName: "run-1")
        #expect(!empty.isRedirected)
        try "keep".write(toFile: folder + "/new/labels/old.txt", atomically: true, encoding: .utf8)
        let busy = try OutputFolder.prepare(folder + "/new/labels", runName: "run-1")
        #expect(busy.path == folder + "/new/labels/run-1" && busy.isRedirected)
        let again = try OutputFolder.prepare(folder + "/new/labels", runName: "run-1")
        #expect(again.path == folder + "/new/labels/run-1-2")
        #expect(try String(contentsOfFile: folder + "/new/labels/old.txt", encoding: .utf8) == "keep")
        try "x".write(toFile: folder + "/file", atomically: true, encoding: .utf8)
        #expect(throws: InferenceError.self) { try OutputFolder.prepare(folder + "/file", runName: "run-1") }
        #expect(OutputFolder.runName(at: Date(timeIntervalSince1970: 0)).hasPrefix("run-19"))
    }

    @Test("Image listing: jpg, jpeg and png in name order; any other file is an error naming it")
    func listing() throws {
        let folder = try temporaryFolder()
        for name in ["b.png", "a.jpg", "c.jpeg", ".hidden"] { _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data()) }
        #expect(try InferenceImages.list(folder) == ["a.jpg", "b.png", "c.jpeg"].map { folder + "/" + $0 })
        _ = FileManager.default.createFile(atPath: folder + "/notes.txt", contents: Data())
        #expect(throws: InferenceError("\(folder)/notes.txt: not an image (inference reads only .jpg, .jpeg and .png files; move the file out of the images folder)")) {
            try InferenceImages.list(folder)
        }
        try FileManager.default.removeItem(atPath: folder + "/notes.txt")
        _ = FileManager.default.createFile(atPath: folder + "/a.png", contents: Data())
        #expect(throws: InferenceError.self) { try InferenceImages.list(folder) }
        let empty = try temporaryFolder()
        #expect(throws: InferenceError.self) { try InferenceImages.list(empty) }
    }
}
