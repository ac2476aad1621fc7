import Torch

/// Turns RPN outputs into RoIs like TAO's `Proposal` layer, per image:
/// 1. divide the deltas by `std_scaling`; 2. decode them on the anchors **without** +1 widths (dw, dh clamped,
/// see ``BoxCoding``); 3. clip to [0, H−1] × [0, W−1]; 4. drop boxes whose height or width is ≤ 1 px;
/// 5. keep the `preNMSTopN` best scores (stable descending sort); 6. NMS (IoU > threshold suppresses,
/// continuous areas) keeping `postNMSTopN`; 7. zero-pad to exactly `postNMSTopN` rows.
///
/// Output: [N, postNMSTopN, 4] (y1, x1, y2, x2) in input pixels, on the input's device, outside autograd.
public struct ProposalLayer {
    public let settings: ProposalSettings
    public let stdScaling: Float

    public init(settings: ProposalSettings, stdScaling: Float) {
        self.settings = settings
        self.stdScaling = stdScaling
    }

    /// - Parameters:
    ///   - scores: RPN objectness probabilities [N, A, h, w] (after the sigmoid).
    ///   - deltas: RPN deltas [N, 4A, h, w]; channel 4a+k is component k of (dx, dy, dw, dh) of anchor a.
    ///   - anchors: the anchors of the h×w map.
    public func callAsFunction(
        scores: Tensor, deltas: Tensor, anchors: AnchorGrid, imageHeight: Int, imageWidth: Int
    ) throws -> Tensor {
        try noGrad {
            let shape = scores.shape
            guard shape.count == 4, deltas.shape == [shape[0], 4 * shape[1], shape[2], shape[3]],
                  anchors.count == shape[1] * shape[2] * shape[3]
            else {
                throw TorchError("proposal layer: scores \(scores.shape), deltas \(deltas.shape) and \(anchors.count) anchors do not match")
            }
            let (batch, anchorsPerCell, height, width) = (shape[0], shape[1], shape[2], shape[3])
            // [N, 4A, h, w] → [N, A, 4, h, w] → [N, A, h, w, 4] → [N, A·h·w, 4]: the anchor order (a, i, j).
            let perAnchor = try (deltas.detach() / Double(stdScaling))
                .reshape([batch, anchorsPerCell, 4, height, width]).permute([0, 1, 3, 4, 2])
                .reshape([batch, anchors.count, 4])
            let anchorBoxes = try anchors.tensor(on: deltas.device).to(dtype: deltas.dtype)
            let decoded = try BoxCoding.decode(perAnchor, relativeTo: anchorBoxes, inclusive: false)
            let boxes = try BoxCoding.clip(decoded, imageHeight: imageHeight, imageWidth: imageWidth)
            let flatScores = try scores.detach().reshape([batch, anchors.count])
            var images: [Tensor] = []
            for n in 0..<batch {
                images.append(try select(boxes: boxes.slice(dim: 0, start: n, end: n + 1).squeeze(dim: 0),
                                         scores: flatScores.slice(dim: 0, start: n, end: n + 1).squeeze(dim: 0)))
            }
            return try Tensor.stack(images, dim: 0)
        }
    }

    /// Steps 4–7 for one image: boxes [M, 4], scores [M] → [postNMSTopN, 4].
    func select(boxes: Tensor, scores: Tensor) throws -> Tensor {
        let parts = try boxes.split(sizes: [1, 1, 1, 1], dim: 1)
        let large = try (parts[2] - parts[0]).isGreater(than: 1).logicalAnd((parts[3] - parts[1]).isGreater(than: 1))
        let keep = try large.squeeze(dim: 1).nonzero().squeeze(dim: 1)
        var chosen = try Tensor.zeros([0, 4], dtype: boxes.dtype, device: boxes.device)
        if keep.count > 0 {
            let validBoxes = try boxes.indexSelect(dim: 0, index: keep)
            let validScores = try scores.indexSelect(dim: 0, index: keep)
            let order = try validScores.sort(dim: 0, descending: true, stable: true).indices
                .slice(dim: 0, end: settings.preNMSTopN)
            let topBoxes = try validBoxes.indexSelect(dim: 0, index: order)
            let topScores = try validScores.indexSelect(dim: 0, index: order)
            let kept = try NonMaxSuppression.select(
                boxes: topBoxes, scores: topScores, iouThreshold: settings.nmsIoUThreshold,
                maxOutput: settings.postNMSTopN)
            chosen = try topBoxes.indexSelect(dim: 0, index: kept)
        }
        let padding = settings.postNMSTopN - chosen.shape[0]
        guard padding > 0 else { return chosen }
        return try Tensor.cat([chosen, Tensor.zeros([padding, 4], dtype: boxes.dtype, device: boxes.device)], dim: 0)
    }
}
