import Foundation

/// One image made ready for the network.
public struct ProcessedSample: Sendable {
    /// Normalised pixels, CHW, in the network's channel order.
    public var pixels: [Float]
    public var channels: Int, height: Int, width: Int
    /// Objects in input pixels (x1y1x2y2 here; `Batch` stores them y1x1y2x2), rounded, clipped, filtered.
    public var objects: [GroundTruthObject]
    /// The map from original-image pixels to input pixels (`AffineTransform` convention).
    public var transform: AffineTransform
    public var originalWidth: Int, originalHeight: Int
}

/// Decoding, resizing, augmentation and normalisation of one image, as TAO's FasterRCNN data loader does:
///
/// - Static input (`size_height_width`): with `enable_auto_resize` the image is stretched to H×W; otherwise
///   only `scale_width/height` and the crop window apply and the canvas is H×W (padding is 0).
/// - Dynamic input (`size_min`): the short side becomes `output_image_min` (long side capped at
///   `output_image_max`), aspect ratio kept; only the horizontal flip augments.
/// - Pixels: RGB (or gray) 0–255 → optional colour augmentation in [0, 1] → channel order → minus the
///   per-channel mean → divided by `image_scaling_factor` → CHW.
/// - Boxes move through the same affine map as the pixels (all four corners), then are rounded, clipped to
///   `[0, W−1]×[0, H−1]`, and dropped when empty or under `min_bbox_width/height`.
public struct InputPipeline: Sendable {
    public let input: ResolvedInput
    public let preprocessing: ResolvedAugmentation
    /// The random augmentation, or nil when augmentation is off (evaluation, or `enable_augmentation: false`).
    public let augmentation: RandomAugmentation?

    /// The pipeline of `experiment`; `training` turns on augmentation when `enable_augmentation` is set.
    public init(experiment: ResolvedExperiment, training: Bool) {
        input = experiment.input
        preprocessing = experiment.augmentation
        guard training, experiment.training.enableAugmentation else {
            augmentation = nil
            return
        }
        let a = experiment.augmentation
        var random = RandomAugmentation()
        random.horizontalFlipProbability = Double(a.horizontalFlipProbability)
        if case .fixed = experiment.input.size {
            random.zoomMin = Double(a.zoomMin)
            random.zoomMax = Double(a.zoomMax)
            random.translateMaxX = Int(a.translateMaxX)
            random.translateMaxY = Int(a.translateMaxY)
            random.rotateRadiansMax = Double(a.rotateMaxRadians)
            random.rotateProbability = Double(a.rotateProbability)
            random.colorShiftStandardDeviation = Double(a.colorShiftStddev)
            random.hueRotationMax = Double(a.hueRotationMaxDegrees)
            random.saturationShiftMax = Double(a.saturationShiftMax)
            random.contrastScaleMax = Double(a.contrastScaleMax)
            random.contrastCenter = Double(a.contrastCenter)
        }
        augmentation = random
    }

    /// A pipeline from its parts (for tests and tools that build settings directly).
    public init(input: ResolvedInput, preprocessing: ResolvedAugmentation, augmentation: RandomAugmentation?) {
        self.input = input
        self.preprocessing = preprocessing
        self.augmentation = augmentation
    }

    /// The input size for an original image of `width`×`height`.
    public func inputSize(width: Int, height: Int) -> (width: Int, height: Int) {
        switch input.size {
        case .fixed(let h, let w): return (w, h)
        case .shortSide(let minSide):
            let scale = keepAspectScale(width: width, height: height, minSide: minSide)
            return (Int((Double(width) * scale).rounded()), Int((Double(height) * scale).rounded()))
        }
    }

    private func keepAspectScale(width: Int, height: Int, minSide: Int) -> Double {
        let target = preprocessing.outputMinSide > 0 ? preprocessing.outputMinSide : minSide
        var scale = Double(target) / Double(min(width, height))
        if preprocessing.outputMaxSide > 0, Double(max(width, height)) * scale > Double(preprocessing.outputMaxSide) {
            scale = Double(preprocessing.outputMaxSide) / Double(max(width, height))
        }
        return scale
    }

    /// The deterministic map from original pixels to the input canvas, before random augmentation.
    public func baseTransform(width: Int, height: Int) -> AffineTransform {
        let size = inputSize(width: width, height: height)
        var transform = AffineTransform.identity
        if case .shortSide = input.size {
            return .scale(x: Double(size.width) / Double(width), y: Double(size.height) / Double(height))
        }
        if preprocessing.autoResize {
            transform = .scale(x: Double(size.width) / Double(width), y: Double(size.height) / Double(height))
        }
        if preprocessing.scaleWidth > 0, preprocessing.scaleHeight > 0 {
            transform = transform.then(.scale(x: Double(preprocessing.scaleWidth), y: Double(preprocessing.scaleHeight)))
        }
        if let crop = preprocessing.crop, crop.right > crop.left, crop.bottom > crop.top {
            transform = transform.then(.translation(x: -Double(crop.left), y: -Double(crop.top)))
        }
        return transform
    }

    /// Decodes and processes `sample` with draws from `random`; errors name the image.
    public func process(_ sample: DetectionSample, random: inout AugmentationRandom) throws -> ProcessedSample {
        let image = try ImageFile.read(path: sample.imagePath).converted(toChannels: input.channels)
        return try process(image, objects: sample.objects, path: sample.imagePath, random: &random)
    }

    /// Processes a decoded image (1 or 3 channels, matching the input) and its objects.
    public func process(_ image: RasterImage, objects: [GroundTruthObject], path: String,
                        random: inout AugmentationRandom) throws -> ProcessedSample {
        let size = inputSize(width: image.width, height: image.height)
        var transform = baseTransform(width: image.width, height: image.height)
        var color: ColorTransform?
        if let augmentation {
            transform = augmentation.spatialTransform(width: size.width, height: size.height, after: transform, random: &random)
            if input.channels == 3, augmentation.changesColor { color = augmentation.colorTransform(random: &random) }
        }
        var warped = ImageWarp.warp(image, by: transform, width: size.width, height: size.height)
        color?.apply(to: &warped)
        let kept = objects.compactMap { placed($0, by: transform, width: size.width, height: size.height) }
        guard kept.count <= input.maxObjectsPerImage else {
            throw DataError(path: path, reason: "has \(kept.count) objects after class mapping and filtering, "
                                + "more than max_objects_num_per_image (\(input.maxObjectsPerImage))")
        }
        return ProcessedSample(pixels: normalized(warped), channels: input.channels, height: size.height, width: size.width,
                               objects: kept, transform: transform, originalWidth: image.width, originalHeight: image.height)
    }

    /// An object's box in input pixels: mapped, rounded half-to-even, clipped to `[0, W−1]×[0, H−1]`; nil when
    /// it becomes empty or smaller than the minimum box size.
    func placed(_ object: GroundTruthObject, by transform: AffineTransform, width: Int, height: Int) -> GroundTruthObject? {
        let mapped = transform.apply(box: object.box)
        func clip(_ value: Double, _ limit: Int) -> Double { min(max(value.rounded(.toNearestOrEven), 0), Double(limit - 1)) }
        let box = BoundingBox(x1: clip(mapped.x1, width), y1: clip(mapped.y1, height), x2: clip(mapped.x2, width), y2: clip(mapped.y2, height))
        guard box.x1 < box.x2, box.y1 < box.y2,
              box.width >= Double(preprocessing.minBoxWidth), box.height >= Double(preprocessing.minBoxHeight) else { return nil }
        return GroundTruthObject(box: box, classID: object.classID, difficult: object.difficult)
    }

    /// HWC 0–255 (RGB or gray) → CHW in the network's channel order, mean-subtracted and scaled.
    func normalized(_ image: FloatImage) -> [Float] {
        let channels = image.channels, plane = image.width * image.height
        let order = channels == 3 && input.channelOrder == "bgr" ? [2, 1, 0] : Array(0..<channels)
        let scale = input.scalingFactor > 0 ? 1 / input.scalingFactor : 1
        var output = [Float](repeating: 0, count: plane * channels)
        image.pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for (outputChannel, sourceChannel) in order.enumerated() {
                    let mean = input.channelMeans[outputChannel]
                    let base = outputChannel * plane
                    for index in 0..<plane {
                        target[base + index] = (source[index * channels + sourceChannel] - mean) * scale
                    }
                }
            }
        }
        return output
    }
}
