import Torch

/// TAO's "RoI pooling": `tf.image.crop_and_resize` (bilinear) of the stride-16 feature map.
///
/// RoIs (y1, x1, y2, x2) in input pixels are normalised by (H−1, W−1) of the **input image**; output cell
/// (i, j) of a `cropSize`² crop samples the feature map at
/// y = ny1·(Hf−1) + i·(ny2−ny1)·(Hf−1)/(cropSize−1) (x likewise; the centre 0.5·(ny1+ny2)·(Hf−1) when
/// cropSize is 1). It runs as `grid_sample` with `align_corners`, which maps [−1, 1] to [0, Hf−1] exactly like
/// that formula. Gradients flow to the feature map, not to the boxes. Samples outside [0, Hf−1] differ from TF
/// (TF returns 0, grid_sample blends with zero padding); clipped proposals never fall outside.
public struct CropAndResize {
    /// The output side p.
    public let cropSize: Int

    public init(cropSize: Int) {
        self.cropSize = cropSize
    }

    /// - Parameters:
    ///   - features: [N, C, Hf, Wf].
    ///   - rois: [N, R, 4] (y1, x1, y2, x2) in input-image pixels.
    /// - Returns: [N·R, C, p, p], RoIs of image 0 first.
    public func callAsFunction(features: Tensor, rois: Tensor, imageHeight: Int, imageWidth: Int) throws -> Tensor {
        let (batch, channels) = (features.shape[0], features.shape[1])
        let roiCount = rois.shape[1]
        guard rois.rank == 3, rois.shape[0] == batch, rois.shape[2] == 4 else {
            throw TorchError("crop and resize: rois \(rois.shape) do not fit features \(features.shape)")
        }
        let grid = try noGrad { () throws -> Tensor in
            let scale = try Tensor(
                [Float(imageHeight - 1), Float(imageWidth - 1), Float(imageHeight - 1), Float(imageWidth - 1)]
            ).to(dtype: features.dtype, device: features.device)
            let normalized = try rois.detach().to(dtype: features.dtype) / scale
            let parts = try normalized.split(sizes: [1, 1, 1, 1], dim: -1)  // each [N, R, 1]
            let steps: Tensor
            if cropSize > 1 {
                steps = try Tensor.arange(0, Double(cropSize), dtype: features.dtype, device: features.device)
                    / Double(cropSize - 1)
            } else {
                steps = try Tensor.full([1], value: 0.5, dtype: features.dtype, device: features.device)
            }
            // Normalised sample positions in [0, 1], then grid_sample's [−1, 1].
            let ys = try (parts[0] + (parts[2] - parts[0]) * steps) * 2.0 - 1.0  // [N, R, p]
            let xs = try (parts[1] + (parts[3] - parts[1]) * steps) * 2.0 - 1.0
            let shape = [batch, roiCount, cropSize, cropSize]
            let gridX = try xs.unsqueeze(dim: 2).expand(to: shape)
            let gridY = try ys.unsqueeze(dim: 3).expand(to: shape)
            return try Tensor.stack([gridX, gridY], dim: -1).reshape([batch, roiCount * cropSize, cropSize, 2])
        }
        let sampled = try features.gridSample(grid, mode: .bilinear, padding: .zeros, alignCorners: true)
        // [N, C, R·p, p] → [N, C, R, p, p] → [N, R, C, p, p] → [N·R, C, p, p].
        return try sampled.reshape([batch, channels, roiCount, cropSize, cropSize]).permute([0, 2, 1, 3, 4])
            .reshape([batch * roiCount, channels, cropSize, cropSize])
    }
}
