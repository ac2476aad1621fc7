import Foundation

/// The demo style of ``SyntheticKITTI``: one frame is a textured background (a tinted gray with two
/// sinusoidal gratings, pixel noise and a few low-saturation clutter patches), then 1–`maxObjects` objects,
/// or none with probability ``emptyFraction``. Each class has its own shape, aspect-ratio range and colour;
/// colours are jittered per object and shaded top to bottom. Later objects may hide at most
/// ``maxHiddenFraction`` of an earlier one; the KITTI occlusion field is measured from the visible pixels
/// (0: ≥ 95 % visible, 1: ≥ 60 %, 2: less). Some objects cross the image border; their truncation field is
/// the fraction of the shape outside the image.
///
/// Boxes are the pixel-edge extent of the object's full (unoccluded) shape inside the image, x1y1x2y2 with
/// no +1 convention.
public struct SyntheticScene: Sendable {
    /// The outline drawn for a class; the box is its extent.
    public enum Shape: Sendable {
        case rectangle, ellipse, triangle
    }

    /// How one class looks.
    public struct ObjectClass: Sendable {
        /// The KITTI type written in field 1.
        public var name: String
        /// Base colour (RGB) before jitter.
        public var color: [UInt8]
        public var shape: Shape
        /// Width ÷ height of the box, drawn uniformly from this range.
        public var aspect: ClosedRange<Double>
        /// KITTI 3-D height, width, length in metres (fields 9–11).
        public var dimensions: [Float]

        public init(name: String, color: [UInt8], shape: Shape, aspect: ClosedRange<Double>, dimensions: [Float]) {
            (self.name, self.color, self.shape, self.aspect, self.dimensions) = (name, color, shape, aspect, dimensions)
        }
    }

    /// Car (wide red rectangles), Pedestrian (tall green ellipses), Cyclist (blue triangles).
    public static let standardClasses = [
        ObjectClass(name: "Car", color: [220, 40, 40], shape: .rectangle, aspect: 1.3...2.4, dimensions: [1.5, 1.6, 3.9]),
        ObjectClass(name: "Pedestrian", color: [40, 200, 60], shape: .ellipse, aspect: 0.3...0.55, dimensions: [1.7, 0.6, 0.8]),
        ObjectClass(name: "Cyclist", color: [50, 70, 230], shape: .triangle, aspect: 0.6...1.0, dimensions: [1.7, 0.6, 1.8]),
    ]

    /// The classes for `names`: a standard class name (any case) keeps its look; other names get evenly
    /// spaced saturated hues, the shapes in turn and aspects 0.7–1.4.
    public static func objectClasses(named names: [String]) -> [ObjectClass] {
        names.enumerated().map { index, name in
            if var standard = standardClasses.first(where: { $0.name.lowercased() == name.lowercased() }) {
                standard.name = name
                return standard
            }
            let shapes: [Shape] = [.rectangle, .ellipse, .triangle]
            return ObjectClass(name: name, color: saturatedColor(hue: (Double(index) + 0.5) / Double(names.count)),
                               shape: shapes[index % 3], aspect: 0.7...1.4, dimensions: [1.5, 1.0, 1.0])
        }
    }

    public var classes: [ObjectClass]
    /// Probability that a frame has no objects.
    public var emptyFraction: Double
    /// Largest change (each RGB channel, ±) of an object's colour.
    public var colorJitter: Int
    /// Object size, as `sqrt(box width × box height)` over `sqrt(image width × image height)`.
    public var sizeRange: ClosedRange<Double>
    /// The largest fraction of an object that later objects may cover.
    public var maxHiddenFraction: Double
    /// Probability that an object is placed across the image border.
    public var truncationProbability: Double

    public init(classes: [ObjectClass] = standardClasses, emptyFraction: Double = 0.1, colorJitter: Int = 30,
                sizeRange: ClosedRange<Double> = 0.12...0.42, maxHiddenFraction: Double = 0.5,
                truncationProbability: Double = 0.15) {
        precondition(!classes.isEmpty, "a scene needs at least one class")
        (self.classes, self.emptyFraction, self.colorJitter) = (classes, emptyFraction, colorJitter)
        (self.sizeRange, self.maxHiddenFraction, self.truncationProbability) = (sizeRange, maxHiddenFraction, truncationProbability)
    }

    /// Draws one frame; every random choice comes from `random`, in a fixed order.
    func frame(width: Int, height: Int, maxObjects: Int, random: inout AugmentationRandom) -> (RasterImage, [KITTIObject]) {
        var canvas = SceneCanvas(image: texturedBackground(width: width, height: height, random: &random))
        for _ in 0..<random.integer(0, 3) {
            let gray = random.integer(60, 190)
            let tint = (0..<3).map { _ in UInt8(clamping: gray + random.integer(-15, 15)) }
            let region = placement(width: width, height: height, aspect: 0.5...2.0, crossesBorder: false, random: &random)
            canvas.paint(canvas.pixels(of: random.chance(0.5) ? .rectangle : .ellipse, in: region), color: tint, owner: nil)
        }
        var placed: [(objectClass: ObjectClass, region: SceneRegion, pixels: [Int], outside: Double)] = []
        let count = random.chance(emptyFraction) ? 0 : random.integer(1, maxObjects)
        for _ in 0..<count {
            let objectClass = classes[random.integer(0, classes.count - 1)]
            let color = objectClass.color.map { UInt8(clamping: Int($0) + random.integer(-colorJitter, colorJitter)) }
            for _ in 0..<10 {
                let region = placement(width: width, height: height, aspect: objectClass.aspect,
                                       crossesBorder: random.chance(truncationProbability), random: &random)
                let pixels = canvas.pixels(of: objectClass.shape, in: region)
                let fullArea = canvas.area(of: objectClass.shape, in: region)
                guard !pixels.isEmpty, Double(pixels.count) >= 0.5 * Double(fullArea) else { continue }
                let covered = canvas.coveredCounts(by: pixels)
                let acceptable = placed.indices.allSatisfy { index in
                    Double(canvas.visibleCount(of: index) - covered[index, default: 0])
                        >= (1 - maxHiddenFraction) * Double(placed[index].pixels.count)
                }
                guard acceptable else { continue }
                canvas.paint(pixels, color: color, owner: placed.count, shadeTop: region.y0, shadeHeight: region.y1 - region.y0)
                placed.append((objectClass, region, pixels, 1 - Double(pixels.count) / Double(fullArea)))
                break
            }
        }
        let objects = placed.enumerated().map { index, object in
            let visible = Double(canvas.visibleCount(of: index)) / Double(object.pixels.count)
            return label(object.objectClass, extent: canvas.extent(of: object.pixels), truncation: object.outside,
                         occlusion: visible >= 0.95 ? 0 : visible >= 0.6 ? 1 : 2, imageWidth: width, random: &random)
        }
        return (canvas.image, objects)
    }

    /// A box of a random size and aspect, inside the image or (when `crossesBorder`) partly outside it.
    private func placement(width: Int, height: Int, aspect: ClosedRange<Double>, crossesBorder: Bool,
                           random: inout AugmentationRandom) -> SceneRegion {
        let side = random.uniform(sizeRange.lowerBound, sizeRange.upperBound) * Double(width * height).squareRoot()
        let ratio = random.uniform(aspect.lowerBound, aspect.upperBound)
        let boxWidth = max(4, min(Int(side * ratio.squareRoot()), width * 9 / 10))
        let boxHeight = max(4, min(Int(side / ratio.squareRoot()), height * 9 / 10))
        let slackX = crossesBorder ? boxWidth / 3 : 0, slackY = crossesBorder ? boxHeight / 3 : 0
        let x0 = random.integer(-slackX, width - boxWidth + slackX), y0 = random.integer(-slackY, height - boxHeight + slackY)
        return SceneRegion(x0: x0, y0: y0, x1: x0 + boxWidth, y1: y0 + boxHeight)
    }

    /// The KITTI label of a placed object; the 3-D fields are plausible values derived from the box.
    private func label(_ objectClass: ObjectClass, extent: SceneRegion, truncation: Double, occlusion: Int,
                       imageWidth: Int, random: inout AugmentationRandom) -> KITTIObject {
        let focal: Float = 720
        let z = focal * objectClass.dimensions[0] / Float(max(1, extent.y1 - extent.y0))
        let x = (Float(extent.x0 + extent.x1) / 2 - Float(imageWidth) / 2) * z / focal
        let rotationY = Float(random.uniform(-Double.pi, Double.pi))
        return KITTIObject(
            className: objectClass.name, truncation: Float((truncation * 100).rounded() / 100), occlusion: occlusion,
            alpha: rotationY - atan2(x, z), left: Float(extent.x0), top: Float(extent.y0),
            right: Float(extent.x1), bottom: Float(extent.y1),
            height: objectClass.dimensions[0], width: objectClass.dimensions[1], length: objectClass.dimensions[2],
            x: x, y: 1.6, z: z, rotationY: rotationY)
    }

    /// A tinted gray with two sinusoidal gratings and ±6 pixel noise.
    private func texturedBackground(width: Int, height: Int, random: inout AugmentationRandom) -> RasterImage {
        let gray = random.uniform(70, 170)
        let tint = (0..<3).map { _ in gray + random.uniform(-20, 20) }
        let gratings = (0..<2).map { _ in
            (amplitude: random.uniform(8, 22), frequency: random.uniform(0.03, 0.15),
             angle: random.uniform(0, Double.pi), phase: random.uniform(0, 2 * Double.pi))
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for row in 0..<height {
            for column in 0..<width {
                var texture = 0.0
                for grating in gratings {
                    let along = Double(column) * cos(grating.angle) + Double(row) * sin(grating.angle)
                    texture += grating.amplitude * sin(grating.frequency * along + grating.phase)
                }
                let noise = Double(random.integer(-6, 6)), base = (row * width + column) * 3
                for channel in 0..<3 {
                    pixels[base + channel] = UInt8(clamping: Int((tint[channel] + texture + noise).rounded()))
                }
            }
        }
        return RasterImage(width: width, height: height, channels: 3, pixels: pixels)
    }

    private static func saturatedColor(hue: Double) -> [UInt8] {
        (0..<3).map { channel in
            let offset = (hue * 6 + [0, 4, 2][channel]).truncatingRemainder(dividingBy: 6)
            let level = max(0, min(1, abs(offset - 3) - 1))
            return UInt8(40 + 180 * level)
        }
    }
}
