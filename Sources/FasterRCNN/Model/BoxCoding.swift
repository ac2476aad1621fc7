import Foundation
import Torch

/// Box regression deltas (dx, dy, dw, dh) between (y1, x1, y2, x2) boxes, with TAO's conventions:
/// targets are encoded with +1 widths; the RPN proposal decode uses plain widths; the RCNN output decode uses
/// +1 widths. Centres are x1 + w/2 in every case.
///
/// Decoding clamps dw and dh to log(1000/16) before the exponential, as torchvision does, so that a wild
/// prediction cannot overflow to infinity; TAO does not clamp (its decoded boxes are clipped to the image
/// afterwards, so only overflow cases differ).
public enum BoxCoding {
    /// The largest dw/dh used at decode: log(1000/16).
    public static let maxLogScale = Float(Foundation.log(1000.0 / 16.0))

    /// Deltas of `targets` relative to `references` (both flat y1x1y2x2, same count), +1 widths:
    /// dx = (gx − ax)/aw, dy = (gy − ay)/ah, dw = log(gw/aw), dh = log(gh/ah), w = x2 − x1 + 1, x = x1 + w/2.
    /// Returns flat (dx, dy, dw, dh) values.
    public static func encode(_ targets: [Float], relativeTo references: [Float]) -> [Float] {
        var deltas = [Float](repeating: 0, count: targets.count)
        for k in 0..<targets.count / 4 {
            let d = encode(target: targets[(4 * k)..<(4 * k + 4)], reference: references[(4 * k)..<(4 * k + 4)])
            deltas.replaceSubrange((4 * k)..<(4 * k + 4), with: d)
        }
        return deltas
    }

    /// The (dx, dy, dw, dh) of one target box relative to one reference box (+1 widths).
    static func encode(target: ArraySlice<Float>, reference: ArraySlice<Float>) -> [Float] {
        let g = Array(target)
        let a = Array(reference)
        let gh = g[2] - g[0] + 1
        let gw = g[3] - g[1] + 1
        let ah = a[2] - a[0] + 1
        let aw = a[3] - a[1] + 1
        let gy = g[0] + gh / 2
        let gx = g[1] + gw / 2
        let ay = a[0] + ah / 2
        let ax = a[1] + aw / 2
        return [(gx - ax) / aw, (gy - ay) / ah, Foundation.log(gw / aw), Foundation.log(gh / ah)]
    }

    /// Applies `deltas` [..., 4] (dx, dy, dw, dh) to `boxes` [..., 4] (y1, x1, y2, x2; broadcast) and returns
    /// [..., 4] (y1, x1, y2, x2). With `inclusive`, w = x2 − x1 + 1 (RCNN output decode), else w = x2 − x1
    /// (RPN proposal decode); the result is centre ± w'/2 in both cases.
    public static func decode(_ deltas: Tensor, relativeTo boxes: Tensor, inclusive: Bool) throws -> Tensor {
        let box = try boxes.split(sizes: [1, 1, 1, 1], dim: -1)
        let delta = try deltas.split(sizes: [1, 1, 1, 1], dim: -1)
        let extra = inclusive ? 1.0 : 0.0
        let height = try box[2] - box[0] + extra
        let width = try box[3] - box[1] + extra
        let centerY = try box[0] + height * 0.5
        let centerX = try box[1] + width * 0.5
        let newCenterX = try delta[0] * width + centerX
        let newCenterY = try delta[1] * height + centerY
        let newWidth = try delta[2].clamp(max: Double(maxLogScale)).exp() * width
        let newHeight = try delta[3].clamp(max: Double(maxLogScale)).exp() * height
        return try Tensor.cat(
            [newCenterY - newHeight * 0.5, newCenterX - newWidth * 0.5,
             newCenterY + newHeight * 0.5, newCenterX + newWidth * 0.5], dim: -1)
    }

    /// Clips (y1, x1, y2, x2) boxes [..., 4] to [0, H−1] × [0, W−1].
    public static func clip(_ boxes: Tensor, imageHeight: Int, imageWidth: Int) throws -> Tensor {
        let upper = try Tensor(
            [Float(imageHeight - 1), Float(imageWidth - 1), Float(imageHeight - 1), Float(imageWidth - 1)]
        ).to(dtype: boxes.dtype, device: boxes.device)
        return try boxes.clamp(min: Tensor.zeros(like: upper), max: upper)
    }
}
