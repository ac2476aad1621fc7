/// A pixel rectangle: columns `x0..<x1`, rows `y0..<y1` (may extend past the image).
struct SceneRegion: Sendable {
    var x0: Int, y0: Int, x1: Int, y1: Int
}

/// The RGB image of a ``SyntheticScene`` frame plus, per pixel, which object (if any) is visible there.
/// Pixels are addressed by `row * width + column`.
struct SceneCanvas {
    private(set) var image: RasterImage
    private var owners: [Int]

    init(image: RasterImage) {
        self.image = image
        owners = Array(repeating: -1, count: image.width * image.height)
    }

    /// The in-image pixels of `shape` inscribed in `region`: a pixel belongs to the shape when its centre does.
    /// A triangle has its apex at the top centre and its base on the bottom edge.
    func pixels(of shape: SyntheticScene.Shape, in region: SceneRegion) -> [Int] {
        var result: [Int] = []
        for row in max(0, region.y0)..<max(max(0, region.y0), min(image.height, region.y1)) {
            for column in max(0, region.x0)..<max(max(0, region.x0), min(image.width, region.x1))
            where Self.contains(shape, region, row: row, column: column) {
                result.append(row * image.width + column)
            }
        }
        return result
    }

    /// The pixel count of the whole shape, including the part outside the image.
    func area(of shape: SyntheticScene.Shape, in region: SceneRegion) -> Int {
        var count = 0
        for row in region.y0..<region.y1 {
            for column in region.x0..<region.x1 where Self.contains(shape, region, row: row, column: column) {
                count += 1
            }
        }
        return count
    }

    private static func contains(_ shape: SyntheticScene.Shape, _ region: SceneRegion, row: Int, column: Int) -> Bool {
        let width = Double(region.x1 - region.x0), height = Double(region.y1 - region.y0)
        let u = (Double(column - region.x0) + 0.5) / width, v = (Double(row - region.y0) + 0.5) / height
        switch shape {
        case .rectangle: return true
        case .ellipse: return (u - 0.5) * (u - 0.5) + (v - 0.5) * (v - 0.5) <= 0.25
        case .triangle: return abs(u - 0.5) <= v / 2
        }
    }

    /// For each object, how many of its currently visible pixels `pixels` would cover.
    func coveredCounts(by pixels: [Int]) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for pixel in pixels where owners[pixel] >= 0 { counts[owners[pixel], default: 0] += 1 }
        return counts
    }

    /// How many pixels of object `index` are visible.
    func visibleCount(of index: Int) -> Int {
        owners.reduce(0) { $0 + ($1 == index ? 1 : 0) }
    }

    /// The pixel-edge extent (x1y1x2y2, no +1) of `pixels`, which must not be empty.
    func extent(of pixels: [Int]) -> SceneRegion {
        var region = SceneRegion(x0: Int.max, y0: Int.max, x1: Int.min, y1: Int.min)
        for pixel in pixels {
            let row = pixel / image.width, column = pixel % image.width
            region = SceneRegion(x0: min(region.x0, column), y0: min(region.y0, row),
                                 x1: max(region.x1, column + 1), y1: max(region.y1, row + 1))
        }
        return region
    }

    /// Paints `pixels` in `color`, darkened by up to 25 % towards the bottom of the rows
    /// `shadeTop..<shadeTop + shadeHeight`, and records `owner` (nil: background clutter) as visible there.
    mutating func paint(_ pixels: [Int], color: [UInt8], owner: Int?, shadeTop: Int = 0, shadeHeight: Int = 0) {
        for pixel in pixels {
            let row = pixel / image.width
            let shade = shadeHeight > 0 ? 1 - 0.25 * Double(row - shadeTop) / Double(shadeHeight) : 1
            for channel in 0..<3 {
                image.pixels[pixel * 3 + channel] = UInt8(clamping: Int((Double(color[channel]) * shade).rounded()))
            }
            owners[pixel] = owner ?? -1
        }
    }
}
