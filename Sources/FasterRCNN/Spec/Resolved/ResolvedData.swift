/// One set of TFRecords and the image root their `frame/id`s are relative to.
public struct TFRecordSource: Sendable, Hashable {
    /// Glob of TFRecord files, e.g. `data/tfrecords/kitti_trainval*`.
    public let tfrecordsPattern: String
    /// Root prepended (with '/') to each record's `frame/id`.
    public let imageDirectory: String
    public let weight: Float

    init(_ source: Frcnn_Spec_DataSource) {
        tfrecordsPattern = source.tfrecordsPath
        imageDirectory = source.imageDirectoryPath
        weight = source.sourceWeight
    }
}

/// Training and validation data.
public struct ResolvedDataset: Sendable, Hashable {
    public enum Validation: Sendable, Hashable {
        /// No validation data: evaluation and in-training validation are unavailable.
        case none
        /// Records of files whose names contain `fold-<k, 3 digits>-of-` are validation; the rest train.
        case fold(Int)
        /// A separate data source.
        case source(TFRecordSource)
    }

    public let sources: [TFRecordSource]
    /// Image file extension without a dot, as written (jpg, jpeg or png, any case).
    public let imageExtension: String
    public let validation: Validation
    public let dataloaderMode: Frcnn_Spec_DatasetConfig.DATALOADER_MODE
    public let samplingMode: Frcnn_Spec_DatasetConfig.SAMPLING_MODE

    init(_ dataset: Frcnn_Spec_DatasetConfig) {
        sources = dataset.dataSources.map(TFRecordSource.init)
        imageExtension = dataset.imageExtension
        switch dataset.datasetSplitType {
        case .validationFold(let fold): validation = .fold(Int(fold))
        case .validationDataSource(let source): validation = .source(TFRecordSource(source))
        case nil: validation = .none
        }
        dataloaderMode = dataset.dataloaderMode
        samplingMode = dataset.samplingMode
    }
}

/// Preprocessing and augmentation with 0-means-default rules applied.
public struct ResolvedAugmentation: Sendable, Hashable {
    /// A crop window: its left, top, right and bottom bounds in input pixels.
    public struct CropWindow: Sendable, Hashable {
        public let left: Int
        public let top: Int
        public let right: Int
        public let bottom: Int
    }

    /// Output size; with a fixed model input these equal the model input.
    public let outputWidth: Int
    public let outputHeight: Int
    /// Keep-aspect-ratio resize (dynamic input): short side = min, long side capped at max; 0 = off.
    public let outputMinSide: Int
    public let outputMaxSide: Int
    public let outputChannels: Int
    /// Resize every image to the output size; when false images are only padded.
    public let autoResize: Bool
    /// Crop window in pixels; nil when all four bounds are 0 (crop to the output size).
    public let crop: CropWindow?
    public let minBoxWidth: Float
    public let minBoxHeight: Float
    /// Scaling before the crop; 0 = off.
    public let scaleWidth: Float
    public let scaleHeight: Float
    public let horizontalFlipProbability: Float
    /// Accepted but never applied (as in TAO).
    public let verticalFlipProbability: Float
    public let zoomMin: Float
    public let zoomMax: Float
    public let translateMaxX: Float
    public let translateMaxY: Float
    public let rotateMaxRadians: Float
    /// 0 in the spec means 1.
    public let rotateProbability: Float
    public let colorShiftStddev: Float
    public let hueRotationMaxDegrees: Float
    public let saturationShiftMax: Float
    /// 0 = off.
    public let contrastScaleMax: Float
    public let contrastCenter: Float

    init(_ augmentation: Frcnn_Spec_AugmentationConfig) {
        let pre = augmentation.preprocessing
        outputWidth = Int(pre.outputImageWidth)
        outputHeight = Int(pre.outputImageHeight)
        outputMinSide = Int(pre.outputImageMin)
        outputMaxSide = Int(pre.outputImageMax)
        outputChannels = Int(pre.outputImageChannel)
        autoResize = pre.enableAutoResize
        let window = CropWindow(left: Int(pre.cropLeft), top: Int(pre.cropTop), right: Int(pre.cropRight), bottom: Int(pre.cropBottom))
        crop = window == CropWindow(left: 0, top: 0, right: 0, bottom: 0) ? nil : window
        minBoxWidth = pre.minBboxWidth
        minBoxHeight = pre.minBboxHeight
        scaleWidth = pre.scaleWidth
        scaleHeight = pre.scaleHeight
        let spatial = augmentation.spatialAugmentation
        horizontalFlipProbability = spatial.hflipProbability
        verticalFlipProbability = spatial.vflipProbability
        zoomMin = spatial.zoomMin
        zoomMax = spatial.zoomMax
        translateMaxX = spatial.translateMaxX
        translateMaxY = spatial.translateMaxY
        rotateMaxRadians = spatial.rotateRadMax
        rotateProbability = spatial.rotateProbability == 0 ? 1 : spatial.rotateProbability
        let color = augmentation.colorAugmentation
        colorShiftStddev = color.colorShiftStddev
        hueRotationMaxDegrees = color.hueRotationMax
        saturationShiftMax = color.saturationShiftMax
        contrastScaleMax = color.contrastScaleMax
        contrastCenter = color.contrastCenter
    }
}
