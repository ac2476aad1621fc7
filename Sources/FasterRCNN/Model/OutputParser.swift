import Torch

/// Final detections of a batch, zero-padded to `maxBoxes` per image, on the CPU.
public struct Detections {
    /// [N, K, 4] (y1, x1, y2, x2) in input-image pixels, clipped to [0, H−1] × [0, W−1].
    public let boxes: Tensor
    /// [N, K] class probabilities, descending per image.
    public let scores: Tensor
    /// [N, K] int64 class ids in 0..<C.
    public let classes: Tensor
    /// [N] int64: how many rows of each image are real.
    public let counts: Tensor
}

/// TAO's `OutputParser`: divides the RCNN deltas by `classifier_regr_std`, decodes them on the RoIs
/// with +1 widths (dw, dh clamped, see ``BoxCoding``), clips to the image, drops the background column and runs
/// `combined_non_max_suppression` semantics: per class, boxes with score > threshold go through NMS keeping at
/// most `maxBoxes`; the kept boxes of all classes are sorted by score and the best `maxBoxes` returned.
/// Zero-padded RoIs are decoded and scored like the others, as in TAO.
public struct OutputParser {
    public let settings: DetectionNMSSettings
    public let regressionStd: [Float]

    public init(settings: DetectionNMSSettings, regressionStd: [Float]) {
        self.settings = settings
        self.regressionStd = regressionStd
    }

    /// - Parameters:
    ///   - rois: [N, R, 4] (y1, x1, y2, x2).
    ///   - probabilities: [N, R, C+1] softmax output, background last.
    ///   - deltas: [N, R, 4C].
    public func callAsFunction(
        rois: Tensor, probabilities: Tensor, deltas: Tensor, imageHeight: Int, imageWidth: Int
    ) throws -> Detections {
        try noGrad {
            let (batch, roiCount, columns) = (probabilities.shape[0], probabilities.shape[1], probabilities.shape[2])
            let classCount = columns - 1
            let std = try Tensor(regressionStd).to(dtype: deltas.dtype, device: deltas.device)
            let scaled = try deltas.reshape([batch, roiCount, classCount, 4]) / std
            let decoded = try BoxCoding.decode(scaled, relativeTo: rois.unsqueeze(dim: 2), inclusive: true)
            let boxes = try BoxCoding.clip(decoded, imageHeight: imageHeight, imageWidth: imageWidth)
                .to(dtype: .float32, device: .cpu)
            let scores = try probabilities.slice(dim: 2, start: 0, end: classCount).to(dtype: .float32, device: .cpu)
            let limit = settings.maxBoxes
            var outBoxes = [Float](repeating: 0, count: batch * limit * 4)
            var outScores = [Float](repeating: 0, count: batch * limit)
            var outClasses = [Int64](repeating: 0, count: batch * limit)
            var counts = [Int64](repeating: 0, count: batch)
            for n in 0..<batch {
                // Candidates are (RoI, class) pairs, flattened RoI-major.
                let imageBoxes = try boxes.slice(dim: 0, start: n, end: n + 1).toArray(Float.self)
                let imageScores = try scores.slice(dim: 0, start: n, end: n + 1).toArray(Float.self)
                let groups = (0..<(roiCount * classCount)).map { $0 % classCount }
                let kept = NonMaxSuppression.select(
                    boxes: imageBoxes, scores: imageScores, groups: groups, iouThreshold: settings.iouThreshold,
                    maxOutput: limit, maxPerGroup: limit, scoreThreshold: settings.confidenceThreshold)
                counts[n] = Int64(kept.count)
                for (row, candidate) in kept.enumerated() {
                    let out = n * limit + row
                    outBoxes.replaceSubrange((4 * out)..<(4 * out + 4), with: imageBoxes[(4 * candidate)..<(4 * candidate + 4)])
                    outScores[out] = imageScores[candidate]
                    outClasses[out] = Int64(candidate % classCount)
                }
            }
            return Detections(
                boxes: try Tensor(outBoxes, shape: [batch, limit, 4]), scores: try Tensor(outScores, shape: [batch, limit]),
                classes: try Tensor(outClasses, shape: [batch, limit]), counts: try Tensor(counts))
        }
    }
}
