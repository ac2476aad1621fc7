import Torch

extension DetectionOutput {
    /// The final detections of each image of the batch as metric ``Detection``s: boxes converted from the model's
    /// `y1x1y2x2` to `x1y1x2y2`, still in network-input pixels; class ids named by `classNames` (the spec's classes,
    /// background last). Only the first `count` images are returned (the rest are batch padding).
    public func detectionsPerImage(classNames: [String], count: Int) throws -> [[Detection]] {
        let boxes = try detections.boxes.toArray(Float.self), scores = try detections.scores.toArray(Float.self)
        let labels = try detections.classes.toArray(Int64.self), counts = try detections.counts.toArray(Int64.self)
        let slots = detections.scores.shape[1]
        return (0..<count).map { image in
            (0..<Int(counts[image])).map { slot in
                let row = image * slots + slot
                return Detection(box: BoundingBox(yxyx: boxes, at: row * 4), className: classNames[Int(labels[row])],
                                 score: Double(scores[row]))
            }
        }
    }

    /// The RPN proposals of each image (`x1y1x2y2` network-input pixels), without the all-zero padding rows; only
    /// the first `count` images are returned.
    public func proposalsPerImage(count: Int) throws -> [[BoundingBox]] {
        let values = try proposals.to(dtype: .float32, device: .cpu).toArray(Float.self)
        let perImage = proposals.shape[1]
        return (0..<count).map { image in
            (0..<perImage).compactMap { slot in
                let offset = (image * perImage + slot) * 4
                guard values[offset..<(offset + 4)].contains(where: { $0 != 0 }) else { return nil }
                return BoundingBox(yxyx: values, at: offset)
            }
        }
    }
}
