import Foundation
import Testing

@testable import FasterRCNN

/// PR_curve.png and annotated images, checked as images (decoded by Pillow, independently of Cairo).
@Suite struct OutputImageTests {
    /// Two curves: car is precision 1 up to recall 0.5, then 0.5 up to recall 1; bus is 0.25 throughout.
    /// With the documented geometry (axes x 70…620, y 40…425, data −0.05…1.05):
    ///   car at (0.25, 1.0) → x = 70 + 0.30/1.1 × 550 = 220, y = 425 − 1.05/1.1 × 385 = 57.5;
    ///   car at (0.75, 0.5) → x = 470, y = 232.5; bus at (0.5, 0.25) → x = 345, y = 320.
    /// The 2-px lines fully cover pixel rows 57, 232 and 319 there. The legend (lower left) shows car's
    /// sample line at rows 386–387 and bus's at 402–403, x 86…110.
    @Test func prCurveImage() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let threshold = TAOThresholdResult(
            iouThreshold: 0.5,
            classes: [
                row("car", PRCurve(recall: [0, 0.5, 0.5, 1], precision: [1, 1, 0.5, 0.5])),
                row("bus", PRCurve(recall: [0, 1], precision: [0.25, 0.25])),
            ],
            meanAP: 0.5)
        let url = folder.appendingPathComponent("PR_curve.png")
        try PRCurvePlot.write(threshold, to: url)
        let points = [(220, 57), (470, 232), (345, 319), (98, 386), (98, 402), (600, 100), (220, 62), (345, 325)]
        let decoded = try EvaluationOracle.pngPixels(url, at: points)
        #expect((decoded.width, decoded.height) == (640, 480))
        let (blue, orange) = (PRCurvePlot.colors[0], PRCurvePlot.colors[1])
        #expect(decoded.pixels[0] == blue)
        #expect(decoded.pixels[1] == blue)
        #expect(decoded.pixels[2] == orange)
        #expect(decoded.pixels[3] == blue)
        #expect(decoded.pixels[4] == orange)
        #expect(decoded.pixels[5] == .white)
        #expect(decoded.pixels[6] == .white)  // 5 px under car's top line
        #expect(decoded.pixels[7] == .white)
        // Title, tick labels and axis labels are drawn: dark pixels in the title band and under the axes.
        let rendered = try PRCurvePlot.render(threshold)
        #expect(darkPixels(rendered, x: 200..<490, y: 8..<34) > 50)
        #expect(darkPixels(rendered, x: 60..<630, y: 430..<480) > 100)
        #expect(darkPixels(rendered, x: 0..<30, y: 150..<320) > 30)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["PR_curve.png"])
    }

    /// Two boxes on a 64×48 gray image, no captions: the outline covers exactly the inclusive pixel
    /// columns x1, x2 and rows y1, y2; pixels one step inside or outside stay gray.
    @Test func annotatedBoxesAtTheRightPixels() throws {
        let gray = RGBColor(red: 128, green: 128, blue: 128)
        let image = try RGBPixelBuffer(width: 64, height: 48, filledWith: gray)
        let palette = ClassColorPalette(classNames: ["car", "person"])
        let renderer = DetectionImageRenderer(palette: palette, drawsCaptions: false)
        let items = [
            DetectionImageRenderer.Item(box: PixelBox(x1: 5, y1: 6, x2: 20, y2: 30), className: "car", score: 0.9),
            DetectionImageRenderer.Item(box: PixelBox(x1: 30, y1: 10, x2: 40, y2: 40), className: "person", score: 0.8),
        ]
        let output = try renderer.render(items, on: image)
        let car = palette.color(for: "car"), person = palette.color(for: "person")
        #expect(car != person)
        for (x, y) in [(5, 6), (20, 6), (5, 30), (20, 30), (12, 6), (12, 30), (5, 18), (20, 18)] {
            #expect(output.pixel(x: x, y: y) == car, "car outline at (\(x), \(y))")
        }
        for (x, y) in [(6, 7), (19, 29), (4, 18), (21, 18), (12, 5), (12, 31), (12, 18)] {
            #expect(output.pixel(x: x, y: y) == gray, "off the car outline at (\(x), \(y))")
        }
        for (x, y) in [(30, 10), (40, 40), (35, 10), (30, 25), (40, 25)] {
            #expect(output.pixel(x: x, y: y) == person)
        }
        // The same through a PNG file decoded by Pillow.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("annotated.png")
        try AtomicFile.write(output.pngData(), to: url.path, mode: .replace)
        let decoded = try EvaluationOracle.pngPixels(url, at: [(5, 6), (20, 30), (6, 7), (40, 40)])
        #expect((decoded.width, decoded.height) == (64, 48))
        #expect(decoded.pixels == [car, car, gray, person])
    }

    /// With captions the white box sits at the box's top-left corner and holds dark text; the rest of the
    /// outline keeps the class color.
    @Test func captionIsAWhiteBoxWithText() throws {
        let image = try RGBPixelBuffer(width: 200, height: 100, filledWith: RGBColor(red: 40, green: 90, blue: 40))
        let renderer = DetectionImageRenderer(palette: ClassColorPalette(classNames: ["car"]), drawsCaptions: true)
        let box = PixelBox(x1: 10, y1: 20, x2: 180, y2: 90)
        let output = try renderer.render([.init(box: box, className: "car", score: 0.87654)], on: image)
        #expect(DetectionImageRenderer.caption(className: "car", score: 0.87654) == "car: 0.8765")
        #expect(output.pixel(x: 10, y: 20) == .white)
        #expect(output.pixel(x: 11, y: 21) == .white)
        #expect(darkPixels(output, x: 10..<90, y: 20..<36) > 20)
        let color = ClassColorPalette(classNames: ["car"]).color(for: "car")
        #expect(output.pixel(x: 180, y: 90) == color)
        #expect(output.pixel(x: 10, y: 90) == color)
        #expect(output.pixel(x: 150, y: 20) == color)
    }

    /// TAO's `get_original_coordinates`: divide by the ratio, round half to even, clip to the image.
    @Test func drawingAndLabelMapping() {
        let mapping = OriginalImageMapping(ratioX: 0.5, ratioY: 2, originalWidth: 100, originalHeight: 30)
        #expect(mapping.drawingBox(box(10.25, 3, 11.25, 100)) == PixelBox(x1: 20, y1: 2, x2: 22, y2: 29))
        #expect(mapping.drawingBox(box(-3, -1, 60, 5)) == PixelBox(x1: 0, y1: 0, x2: 99, y2: 2))
        #expect(mapping.labelBox(box(10.25, 3, 70, 100)) == box(20.5, 1.5, 140, 50))
    }

    @Test func paletteIsStableAndDistinct() {
        let a = ClassColorPalette(classNames: ["car", "cyclist", "pedestrian"])
        let b = ClassColorPalette(classNames: ["pedestrian", "car", "cyclist", "car"])
        let names = ["car", "cyclist", "pedestrian"]
        #expect(names.map(a.color(for:)) == names.map(b.color(for:)))
        #expect(Set(names.map(a.color(for:))).count == 3)
    }

    @Test func rejectsMismatchedBuffer() {
        #expect(throws: ImageOutputError.invalidBuffer(width: 2, height: 2, byteCount: 5)) {
            try RGBPixelBuffer(width: 2, height: 2, bytes: [0, 0, 0, 0, 0])
        }
    }

    private func row(_ name: String, _ curve: PRCurve) -> TAOClassResult {
        TAOClassResult(
            className: name, averagePrecision: 0, precision: 0, recall: 0,
            truePositives: 0, falsePositives: 0, falseNegatives: 0, groundTruthCount: 0, curve: curve)
    }

    private func darkPixels(_ image: RGBPixelBuffer, x: Range<Int>, y: Range<Int>) -> Int {
        y.reduce(0) { count, row in
            count + x.filter { column in
                let pixel = image.pixel(x: column, y: row)
                return Int(pixel.red) + Int(pixel.green) + Int(pixel.blue) < 200
            }.count
        }
    }
}
