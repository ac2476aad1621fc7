import Foundation

/// One image after inference: the decoded original, how network-input pixels map back to it, and the kept
/// detections.
public struct InferencePrediction: Sendable {
    /// The image file.
    public var imagePath: String
    /// The original image as decoded, as RGB (gray images are expanded), for drawing.
    public var image: RasterImage
    /// Network-input pixels → original-image pixels.
    public var mapping: OriginalImageMapping
    /// Detections with score ≥ `bbox_visualize_threshold`, in descending score order; boxes `x1y1x2y2` in
    /// network-input pixels (map them with ``mapping``).
    public var detections: [Detection]

    public init(imagePath: String, image: RasterImage, mapping: OriginalImageMapping, detections: [Detection]) {
        self.imagePath = imagePath
        self.image = image
        self.mapping = mapping
        self.detections = detections
    }
}

/// TAO's `inference` forward pass over a list of image files.
///
/// Preprocessing: each image is decoded, converted to the spec's channel count and resized to the network input:
/// stretched to H×W for `size_height_width`, or with its aspect ratio kept for `size_min` (the data loader's
/// ``InputPipeline/inputSize(width:height:)``). The resize is bilinear with pixel-centre alignment (the data
/// loader's ``ImageWarp``); TAO uses OpenCV's bicubic `INTER_CUBIC` here, so scores can differ slightly. Then the
/// spec's channel order, means and scaling factor apply, as in training. The ratios of ``OriginalImageMapping`` are
/// the input size over the original size per axis.
///
/// Batches: `inference_config.batch_size` images for a static input size, the last batch zero-padded to full size
/// as TAO does; one image at a time for a dynamic size. A checkpoint's model must have been built with
/// ``CheckpointModel/Purpose/inference``: its proposal and NMS settings must be `inference_config`'s, which the
/// runner checks (an ONNX file has its own).
public struct InferenceRunner {
    /// What runs: a checkpoint's model or an exported ONNX file.
    public let detector: any BatchDetector
    public let pipeline: InputPipeline
    /// Images per forward pass (1 with a dynamic input size).
    public let batchSize: Int
    /// `bbox_visualize_threshold`: detections scoring lower are dropped.
    public let visualizeThreshold: Double
    /// Class names by model id (background last).
    public let classNames: [String]

    /// A runner for `detector` with the preprocessing and thresholds of `experiment`.
    /// - Throws: ``InferenceError`` when `detector` was built with other proposal or NMS settings than
    ///   `inference_config`'s (for example a model built for evaluation).
    public init(detector: any BatchDetector, experiment: ResolvedExperiment) throws {
        if let stage = detector.stage, stage != experiment.inference.stage {
            throw InferenceError("the model was built with other proposal or NMS settings than inference_config's " +
                                 "(\(stage)); build it with CheckpointModel.Purpose.inference")
        }
        self.detector = detector
        pipeline = InputPipeline(experiment: experiment, training: false)
        if case .shortSide = experiment.input.size { batchSize = 1 } else { batchSize = experiment.inference.batchSize }
        visualizeThreshold = Double(experiment.inference.visualizeThreshold)
        classNames = experiment.classes.names
    }

    /// A runner for a checkpoint's `model` with the preprocessing and thresholds of `experiment`.
    public init(model: FasterRCNNModel, experiment: ResolvedExperiment) throws {
        try self.init(detector: CheckpointDetector(model: model, classNames: experiment.classes.names), experiment: experiment)
    }

    /// One decoded, resized and normalised image.
    public struct PreparedImage: Sendable {
        public var path: String
        public var original: RasterImage
        public var pixels: [Float]
        public var width: Int, height: Int
        public var mapping: OriginalImageMapping
    }

    /// Decodes and preprocesses the image at `path`; errors name the file.
    public func prepare(_ path: String) throws -> PreparedImage {
        let decoded = try ImageFile.read(path: path)
        let image = decoded.converted(toChannels: pipeline.input.channels)
        let size = pipeline.inputSize(width: image.width, height: image.height)
        let (ratioX, ratioY) = (Double(size.width) / Double(image.width), Double(size.height) / Double(image.height))
        let warped = ImageWarp.warp(image, by: .scale(x: ratioX, y: ratioY), width: size.width, height: size.height)
        return PreparedImage(
            path: path, original: decoded.converted(toChannels: 3), pixels: pipeline.normalized(warped),
            width: size.width, height: size.height,
            mapping: OriginalImageMapping(ratioX: ratioX, ratioY: ratioY, originalWidth: image.width,
                                          originalHeight: image.height))
    }

    /// Runs the model over `paths` in order, calling `handle` with each image's prediction as soon as its batch is
    /// done.
    public func run(_ paths: [String], handle: (InferencePrediction) throws -> Void) throws {
        for start in stride(from: 0, to: paths.count, by: batchSize) {
            let batch = try paths[start..<min(start + batchSize, paths.count)].map(prepare)
            for prediction in try predict(batch) { try handle(prediction) }
        }
    }

    /// The predictions for prepared images that share one input size (zero-padded to ``batchSize`` images).
    public func predict(_ images: [PreparedImage]) throws -> [InferencePrediction] {
        guard let first = images.first else { return [] }
        let plane = first.pixels.count
        guard images.allSatisfy({ $0.pixels.count == plane && $0.width == first.width }) else {
            throw InferenceError("\(images.map(\.path).joined(separator: ", ")): images of one batch must share the input size")
        }
        let slots = max(batchSize, images.count)
        var values = images.flatMap(\.pixels)
        values += [Float](repeating: 0, count: (slots - images.count) * plane)
        let detections = try detector.detect(values, count: slots, channels: pipeline.input.channels,
                                             height: first.height, width: first.width).detections
        return zip(images, detections).map { image, found in
            InferencePrediction(imagePath: image.path, image: image.original, mapping: image.mapping,
                                detections: found.filter { $0.score >= visualizeThreshold })
        }
    }
}
