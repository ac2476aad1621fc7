import Torch

/// The anchor boxes of one stride-16 feature map, as TAO builds them.
///
/// Anchor index a = scaleIndex · ratios.count + ratioIndex (scale is the outer loop). An anchor of scale s and
/// ratio r has width s·√r and height s/√r (ratio = w/h); cell (i, j) is centred at (16(j+0.5), 16(i+0.5)) and
/// the box is centre ± size/2 (no +1). Boxes are (y1, x1, y2, x2) in input pixels, flattened in the order
/// (a, i, j) — the order of the RPN's [N, A, h, w] score map flattened per image.
public struct AnchorGrid: Sendable, Equatable {
    /// Feature-map rows and columns.
    public let height: Int
    public let width: Int
    /// Anchors per cell.
    public let anchorsPerCell: Int
    /// (y1, x1, y2, x2) per anchor, `count · 4` values.
    public let boxes: [Float]

    /// The anchors of an `height`×`width` feature map of stride `stride`.
    public init(scales: [Double], ratios: [Double], height: Int, width: Int, stride: Int = DetectorConfiguration.stride) {
        self.height = height
        self.width = width
        anchorsPerCell = scales.count * ratios.count
        var sizes: [(width: Float, height: Float)] = []
        for scale in scales {
            for ratio in ratios {
                let root = Float(ratio).squareRoot()
                sizes.append((Float(scale) * root, Float(scale) * (1 / root)))
            }
        }
        var boxes = [Float]()
        boxes.reserveCapacity(sizes.count * height * width * 4)
        for size in sizes {
            for i in 0..<height {
                let centerY = Float(stride) * (Float(i) + 0.5)
                for j in 0..<width {
                    let centerX = Float(stride) * (Float(j) + 0.5)
                    boxes += [centerY - size.height / 2, centerX - size.width / 2,
                              centerY + size.height / 2, centerX + size.width / 2]
                }
            }
        }
        self.boxes = boxes
    }

    /// The anchors of `configuration` for a feature map of the given size.
    public init(_ configuration: DetectorConfiguration, height: Int, width: Int) {
        self.init(scales: configuration.anchorScales, ratios: configuration.anchorRatios, height: height, width: width)
    }

    /// The number of anchors, A·h·w.
    public var count: Int { boxes.count / 4 }

    /// Whether each anchor lies fully inside the image: x1 ≥ 0, y1 ≥ 0, x2 ≤ W−1, y2 ≤ H−1. Only these anchors
    /// take part in RPN training (TAO's "valid" anchors).
    public func insideMask(imageHeight: Int, imageWidth: Int) -> [Bool] {
        let maxY = Float(imageHeight - 1)
        let maxX = Float(imageWidth - 1)
        return (0..<count).map { k in
            boxes[4 * k] >= 0 && boxes[4 * k + 1] >= 0 && boxes[4 * k + 2] <= maxY && boxes[4 * k + 3] <= maxX
        }
    }

    /// The anchors as a [count, 4] float32 tensor on `device`.
    public func tensor(on device: Device = .cpu) throws -> Tensor {
        try Tensor(boxes, shape: [count, 4]).to(device: device)
    }
}
