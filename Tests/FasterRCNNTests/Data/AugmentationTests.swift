import Foundation
import Testing
@testable import FasterRCNN

@Suite("Augmentation moves boxes as it moves pixels")
struct AugmentationTests {
    /// A 320×192 gray image, black with one white rectangle over columns 100..<160 and rows 60..<120.
    private let image: RasterImage = {
        var image = RasterImage(width: 320, height: 192, color: [0, 0, 0])
        image.fill(x0: 100, y0: 60, x1: 160, y1: 120, color: [255, 255, 255])
        return image
    }()
    private let object = GroundTruthObject(box: BoundingBox(x1: 100, y1: 60, x2: 160, y2: 120), classID: 0, difficult: false)

    /// The pixel-edge extent of the pixels brighter than mid-gray in channel 0 of a CHW image, undoing the
    /// pipeline's normalisation (BGR means, scale 1).
    private func extent(_ sample: ProcessedSample, mean: Float) -> BoundingBox? {
        var (x1, y1, x2, y2) = (Int.max, Int.max, Int.min, Int.min)
        for row in 0..<sample.height {
            for column in 0..<sample.width where sample.pixels[row * sample.width + column] + mean > 127.5 {
                (x1, y1, x2, y2) = (min(x1, column), min(y1, row), max(x2, column + 1), max(y2, row + 1))
            }
        }
        return x1 == Int.max ? nil : BoundingBox(x1: Double(x1), y1: Double(y1), x2: Double(x2), y2: Double(y2))
    }

    private func run(spatial: String, seeds: Range<Int> = 0..<6, tolerance: Double) throws {
        let experiment = try LoaderTestSupport.experiment(spatial: LoaderTestSupport.spatial(spatial))
        let pipeline = InputPipeline(experiment: experiment, training: true)
        let mean = experiment.input.channelMeans[0]
        var moved = false
        for seed in seeds {
            var random = AugmentationRandom(seed: UInt64(seed), epoch: 0, index: 0)
            let sample = try pipeline.process(image, objects: [object], path: "rect.png", random: &random)
            let pixels = try #require(extent(sample, mean: mean))
            let box = try #require(sample.objects.first?.box)
            for (ours, theirs) in [(box.x1, pixels.x1), (box.y1, pixels.y1), (box.x2, pixels.x2), (box.y2, pixels.y2)] {
                #expect(abs(ours - theirs) <= tolerance, "seed \(seed): box \(box) vs pixels \(pixels)")
            }
            moved = moved || box != object.box
        }
        #expect(moved, "the augmentation never changed the box")
    }

    @Test("Horizontal flip: exact") func flip() throws { try run(spatial: "hflip_probability: 1.0", tolerance: 0) }
    @Test("Translation: exact") func translate() throws { try run(spatial: "translate_max_x: 40\ntranslate_max_y: 30", tolerance: 0) }
    @Test("Zoom: within a pixel") func zoom() throws {
        try run(spatial: "zoom_min: 0.6\nzoom_max: 1.5", tolerance: 1)
    }
    @Test("Rotation: within a pixel") func rotate() throws { try run(spatial: "rotate_rad_max: 0.5", tolerance: 1) }

    @Test("Colour augmentations leave boxes in place and change pixels by TAO's colour matrix")
    func color() throws {
        let colorText = "color_shift_stddev: 0.1\nhue_rotation_max: 25.0\nsaturation_shift_max: 0.3\ncontrast_scale_max: 0.4\ncontrast_center: 0.5"
        let augmented = try LoaderTestSupport.experiment(spatial: LoaderTestSupport.spatial(), color: colorText)
        let pipeline = InputPipeline(experiment: augmented, training: true)
        let plain = InputPipeline(experiment: augmented, training: false)
        var colorful = image
        colorful.fill(x0: 100, y0: 60, x1: 160, y1: 120, color: [200, 40, 90])
        var random = AugmentationRandom(seed: 9, epoch: 0, index: 0)
        let result = try pipeline.process(colorful, objects: [object], path: "c.png", random: &random)
        var unused = AugmentationRandom(seed: 0, epoch: 0, index: 0)
        let reference = try plain.process(colorful, objects: [object], path: "c.png", random: &unused)
        #expect(result.objects == reference.objects)
        // Redraw the same colour matrix (after the spatial draws, as the pipeline does) and apply it to the
        // un-augmented pixels.
        var again = AugmentationRandom(seed: 9, epoch: 0, index: 0)
        _ = pipeline.augmentation!.spatialTransform(width: 320, height: 192, after: .identity, random: &again)
        let matrix = pipeline.augmentation!.colorTransform(random: &again)
        #expect(matrix != .identity)
        let means = augmented.input.channelMeans  // b, g, r
        let plane = result.width * result.height
        for index in [0, 100 * result.width + 120, 90 * result.width + 130] {
            let bgr = (0..<3).map { reference.pixels[$0 * plane + index] + means[$0] }
            var pixel = FloatImage(width: 1, height: 1, channels: 3, pixels: [bgr[2], bgr[1], bgr[0]])
            matrix.apply(to: &pixel)
            for channel in 0..<3 {
                #expect(abs(result.pixels[channel * plane + index] + means[channel] - pixel.pixels[2 - channel]) < 1e-3)
            }
        }
    }

    @Test("Colour matrices equal hand-computed values")
    func colorMatrices() {
        let gray = ColorTransform.hueSaturation(hue: 0, saturation: 0)
        #expect(gray.m[0] == 0.299 && gray.m[4] == 0.587 && gray.m[8] == 0.114 && gray.m[1] == 0.299)
        let identity = ColorTransform.hueSaturation(hue: 0, saturation: 1)
        for (a, b) in zip(identity.m, ColorTransform.identity.m) { #expect(abs(a - b) < 1e-12) }
        var pixel = FloatImage(width: 1, height: 1, channels: 3, pixels: [51, 102, 204])  // 0.2, 0.4, 0.8
        ColorTransform.contrast(1, center: 0.5).then(.brightness(offsets: [0.1, 0, -0.1])).apply(to: &pixel)
        // 2x − 0.5 gives −0.1, 0.3, 1.1; the offsets then give 0.0, 0.3, 1.0
        for (value, expected) in zip(pixel.pixels, [Float(0), Float(0.3 * 255), 255]) {
            #expect(abs(value - expected) < 1e-3)
        }
    }

    @Test("Affine maps compose, invert, and flip exactly")
    func affine() {
        let flip = AffineTransform.horizontalFlip(width: 320)
        #expect(flip.then(flip) == .identity)
        let rotation = AffineTransform.rotation(0.4, width: 320, height: 192)
        let centre = rotation.apply(x: 160, y: 96)
        #expect(abs(centre.x - 160) < 1e-9 && abs(centre.y - 96) < 1e-9)
        let composed = rotation.then(.translation(x: 3, y: -2)).then(.scale(x: 1.5, y: 1.5))
        let roundTrip = composed.then(composed.inverted)
        for (a, b) in [(roundTrip.a, 1.0), (roundTrip.d, 1.0), (roundTrip.b, 0.0), (roundTrip.tx, 0.0), (roundTrip.ty, 0.0)] {
            #expect(abs(a - b) < 1e-9)
        }
        #expect(flip.apply(box: BoundingBox(x1: 10, y1: 5, x2: 30, y2: 9)) == BoundingBox(x1: 290, y1: 5, x2: 310, y2: 9))
    }
}
