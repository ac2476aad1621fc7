import Foundation

/// Writes what TAO's `inference` writes for each image: the KITTI label file
/// `labelsDirectory/<image stem>.txt` (``KITTIPredictionLabels``, boxes by ``OriginalImageMapping/labelBox(_:)``) and
/// the annotated image `imagesDirectory/<image file name>` (``DetectionImageRenderer``, boxes by
/// ``OriginalImageMapping/drawingBox(_:)``), at the original size and in the original format: PNG for `.png`,
/// JPEG (quality 95) for `.jpg` and `.jpeg`. Each file is written atomically (``AtomicFile``); an existing file is
/// never replaced. Both folders must exist (``OutputFolder/prepare(_:runName:)`` makes them).
public struct InferenceWriter: Sendable {
    /// Where annotated images go.
    public let imagesDirectory: String
    /// Where label files go.
    public let labelsDirectory: String
    /// How detections are drawn.
    public let renderer: DetectionImageRenderer

    public init(imagesDirectory: String, labelsDirectory: String, renderer: DetectionImageRenderer) {
        self.imagesDirectory = imagesDirectory
        self.labelsDirectory = labelsDirectory
        self.renderer = renderer
    }

    /// The files written for one image.
    public struct Written: Sendable, Equatable {
        public var labelFile: String
        public var imageFile: String
    }

    /// The label and image paths for the image at `imagePath`.
    public func destinations(for imagePath: String) -> Written {
        let name = (imagePath as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return Written(labelFile: (labelsDirectory as NSString).appendingPathComponent(stem + ".txt"),
                       imageFile: (imagesDirectory as NSString).appendingPathComponent(name))
    }

    /// Writes both files of `prediction`.
    /// - Throws: an error naming the file when it already exists or cannot be encoded or written.
    @discardableResult
    public func write(_ prediction: InferencePrediction) throws -> Written {
        let destinations = destinations(for: prediction.imagePath)
        let mapping = prediction.mapping
        let labels = prediction.detections.map {
            KITTIPrediction(className: $0.className, box: mapping.labelBox($0.box), score: $0.score)
        }
        try AtomicFile.write(Data(KITTIPredictionLabels.text(labels).utf8), to: destinations.labelFile, mode: .create)
        let items = prediction.detections.map {
            DetectionImageRenderer.Item(box: mapping.drawingBox($0.box), className: $0.className, score: $0.score)
        }
        let source = prediction.image.converted(toChannels: 3)
        let drawn = try renderer.render(items, on: RGBPixelBuffer(width: source.width, height: source.height,
                                                                  bytes: source.pixels))
        let raster = RasterImage(width: drawn.width, height: drawn.height, channels: 3, pixels: drawn.bytes)
        let encoded: Data
        switch (prediction.imagePath as NSString).pathExtension.lowercased() {
        case "png": encoded = try PNGCodec.encode(raster)
        default: encoded = try JPEGCodec.encode(raster, quality: 95)
        }
        try AtomicFile.write(encoded, to: destinations.imageFile, mode: .create)
        return destinations
    }
}
