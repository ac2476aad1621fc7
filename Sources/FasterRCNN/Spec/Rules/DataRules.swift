/// Dataset and augmentation rules (TAO's `class_mapping`, `validate_augmentation` and the DetectNet_v2
/// augmentation checks). The data sources themselves are inputs, checked by `missingPaths(for:)` for the
/// subtasks that read them (an inference-only spec may have none, as in TAO).
enum DataRules {
    static func checkDataset(_ dataset: Frcnn_Spec_DatasetConfig, present: Bool, _ checker: inout RuleChecker) {
        let path = "dataset_config"
        checker.requireSection(present, path)
        for (index, source) in dataset.dataSources.enumerated() {
            checker.nonNegative(source.sourceWeight, "\(path).data_sources[\(index)].source_weight")
        }
        if case .validationDataSource(let source) = dataset.datasetSplitType {
            checker.nonNegative(source.sourceWeight, "\(path).validation_data_source.source_weight")
        }
        let ext = dataset.imageExtension
        checker.require(["jpg", "jpeg", "png"].contains(ext.lowercased()), "\(path).image_extension",
                        "must be jpg, jpeg or png, without a dot", "\"\(ext)\"")
        let mapping = dataset.targetClassMapping
        checker.require(!mapping.isEmpty, "\(path).target_class_mapping", "needs at least one class", "empty")
        for source in mapping.keys.sorted() {
            let entry = "\(path).target_class_mapping[\"\(source)\"]"
            let target = mapping[source] ?? ""
            if source == "background" || target == "background" {
                checker.error(entry, "'background' is reserved (it is appended as the last class)")
            }
            if target.isEmpty { checker.error(entry, "target class name is empty") }
            if source != source.lowercased() {
                checker.warning(entry, "TFRecord class names are lowercase; key '\(source)' matches no object")
            }
        }
    }

    static func checkAugmentation(
        _ augmentation: Frcnn_Spec_AugmentationConfig, present: Bool, input: Frcnn_Spec_InputImageConfig,
        _ checker: inout RuleChecker
    ) {
        let path = "augmentation_config"
        checker.requireSection(present, path)
        let pre = augmentation.preprocessing
        let prePath = "\(path).preprocessing"
        if case .sizeHeightWidth(let size) = input.imageSizeConfig {
            checker.require(pre.outputImageWidth == size.width, "\(prePath).output_image_width",
                            "must equal the model input width \(size.width)", pre.outputImageWidth)
            checker.require(pre.outputImageHeight == size.height, "\(prePath).output_image_height",
                            "must equal the model input height \(size.height)", pre.outputImageHeight)
        } else if pre.outputImageMin == 0 {
            checker.positive(pre.outputImageWidth, "\(prePath).output_image_width")
            checker.positive(pre.outputImageHeight, "\(prePath).output_image_height")
        }
        if pre.outputImageMin > 0 && pre.outputImageMax > 0 {
            checker.require(pre.outputImageMin <= pre.outputImageMax, "\(prePath).output_image_max",
                            "must be >= output_image_min (\(pre.outputImageMin))", pre.outputImageMax)
        }
        let channels: UInt32 = input.imageType == .grayScale ? 1 : 3
        checker.require(pre.outputImageChannel == channels, "\(prePath).output_image_channel",
                        "must equal the model's channel count \(channels)", pre.outputImageChannel)
        checker.require(pre.cropLeft <= pre.cropRight, "\(prePath).crop_right", "must be >= crop_left (\(pre.cropLeft))", pre.cropRight)
        checker.require(pre.cropTop <= pre.cropBottom, "\(prePath).crop_bottom", "must be >= crop_top (\(pre.cropTop))", pre.cropBottom)
        let size = input.fixedSize
        checker.float(pre.minBboxWidth, "\(prePath).min_bbox_width", pixels(upTo: size?.width, "width"))
        checker.float(pre.minBboxHeight, "\(prePath).min_bbox_height", pixels(upTo: size?.height, "height"))
        checker.nonNegative(pre.scaleWidth, "\(prePath).scale_width")
        checker.nonNegative(pre.scaleHeight, "\(prePath).scale_height")

        let spatial = augmentation.spatialAugmentation
        let spatialPath = "\(path).spatial_augmentation"
        checker.closedUnit(spatial.hflipProbability, "\(spatialPath).hflip_probability")
        checker.closedUnit(spatial.vflipProbability, "\(spatialPath).vflip_probability")
        checker.float(spatial.zoomMin, "\(spatialPath).zoom_min", FloatRange(.closed(0.1), .closed(10)))
        checker.float(spatial.zoomMax, "\(spatialPath).zoom_max", FloatRange(.field("zoom_min", spatial.zoomMin, orElse: 0.1), .closed(10)))
        checker.float(spatial.translateMaxX, "\(spatialPath).translate_max_x", pixels(upTo: size?.width, "width"))
        checker.float(spatial.translateMaxY, "\(spatialPath).translate_max_y", pixels(upTo: size?.height, "height"))
        checker.float(spatial.rotateRadMax, "\(spatialPath).rotate_rad_max",
                      FloatRange(.closed(0), .closed(.pi, "π")).noting("(radians; ±π covers every angle)"))
        checker.closedUnit(spatial.rotateProbability, "\(spatialPath).rotate_probability")

        let color = augmentation.colorAugmentation
        let colorPath = "\(path).color_augmentation"
        checker.float(color.hueRotationMax, "\(colorPath).hue_rotation_max",
                      FloatRange(.closed(0), .closed(180)).noting("(degrees; ±180 covers every hue)"))
        // Colours are in [0, 1] when these apply: a larger shift, scale or pivot leaves no image.
        for (name, value) in [("color_shift_stddev", color.colorShiftStddev), ("saturation_shift_max", color.saturationShiftMax),
                              ("contrast_scale_max", color.contrastScaleMax), ("contrast_center", color.contrastCenter)] {
            checker.closedUnit(value, "\(colorPath).\(name)")
        }
    }

    /// A size or shift in input pixels: >= 0 and, with a fixed input size, at most its `side` (`extent`).
    private static func pixels(upTo extent: Float?, _ side: String) -> FloatRange {
        guard let extent else { return .nonNegative }
        return FloatRange(.closed(0), .closed(extent)).noting("(pixels; the input \(side))")
    }
}
