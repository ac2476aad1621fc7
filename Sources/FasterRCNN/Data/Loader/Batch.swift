/// A batch as plain arrays, ready to become tensors.
///
/// Boxes are **y1x1y2x2 in input pixels** (integers after rounding, no +1 convention), padded with zeros to
/// `maxObjects` per image; padded slots have class id −1.
public struct Batch: Sendable {
    /// Images in the batch.
    public var count: Int
    public var channels: Int, height: Int, width: Int
    /// `count × channels × height × width`, normalised.
    public var images: [Float]
    /// Ground-truth slots per image.
    public var maxObjects: Int
    /// `count × maxObjects × 4`, y1x1y2x2.
    public var boxes: [Float]
    /// `count × maxObjects`; −1 marks padding.
    public var classIDs: [Int32]
    /// `count × maxObjects`; TAO's difficult flag (occlusion ≥ 1), false for padding.
    public var difficult: [Bool]
    /// Real objects per image.
    public var objectCounts: [Int]
    /// Per image: `frame/id`, image path, original size, and the original→input map (to map detections back).
    public var frameIDs: [String]
    public var imagePaths: [String]
    public var originalSizes: [(width: Int, height: Int)]
    public var transforms: [AffineTransform]

    /// Stacks processed samples, which must share one input size.
    init(samples: [(DetectionSample, ProcessedSample)], maxObjects: Int) {
        let first = samples[0].1
        count = samples.count
        (channels, height, width) = (first.channels, first.height, first.width)
        self.maxObjects = maxObjects
        images = []
        images.reserveCapacity(count * channels * height * width)
        boxes = [Float](repeating: 0, count: count * maxObjects * 4)
        classIDs = [Int32](repeating: -1, count: count * maxObjects)
        difficult = [Bool](repeating: false, count: count * maxObjects)
        (objectCounts, frameIDs, imagePaths, originalSizes, transforms) = ([], [], [], [], [])
        for (index, (sample, processed)) in samples.enumerated() {
            images += processed.pixels
            for (slot, object) in processed.objects.enumerated() {
                let base = (index * maxObjects + slot)
                boxes.replaceSubrange(base * 4..<base * 4 + 4, with: object.box.yxyx)
                classIDs[base] = Int32(object.classID)
                difficult[base] = object.difficult
            }
            objectCounts.append(processed.objects.count)
            frameIDs.append(sample.frameID)
            imagePaths.append(sample.imagePath)
            originalSizes.append((processed.originalWidth, processed.originalHeight))
            transforms.append(processed.transform)
        }
    }
}
