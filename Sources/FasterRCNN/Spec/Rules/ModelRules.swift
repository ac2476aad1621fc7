/// TAO's `validate_model_config`: input image, backbone, anchors, freeze blocks, RoI settings.
enum ModelRules {
    static func check(_ model: Frcnn_Spec_ModelConfig, present: Bool, _ checker: inout RuleChecker) {
        checker.requireSection(present, "model_config")
        checkInput(model.inputImageConfig, present: model.hasInputImageConfig, &checker)
        let arch = "model_config.arch"
        let backbone = BackboneArchitecture(arch: model.arch)
        if backbone == nil {
            checker.error(arch, "unknown backbone (\(checker.got("\"\(model.arch)\"", arch))); one of: \(BackboneArchitecture.validArchs.joined(separator: ", "))")
        }
        let anchors = model.anchorBoxConfig
        checker.require(!anchors.scale.isEmpty, "model_config.anchor_box_config.scale", "needs at least one anchor scale", "none")
        checker.require(!anchors.ratio.isEmpty, "model_config.anchor_box_config.ratio", "needs at least one anchor ratio", "none")
        // An anchor longer than the input's longer side matches no object (a fixed size only: size_min has none).
        let longerSide = model.inputImageConfig.fixedSize.map { max($0.width, $0.height) }
        let scaleRange = longerSide.map { FloatRange(.open(0), .closed($0)).noting("(pixels; the input's longer side)") } ?? .positive
        for (index, scale) in anchors.scale.enumerated() {
            checker.float(scale, "model_config.anchor_box_config.scale[\(index)]", scaleRange)
        }
        for (index, ratio) in anchors.ratio.enumerated() { checker.positive(ratio, "model_config.anchor_box_config.ratio[\(index)]") }
        checkFreezeBlocks(model.freezeBlocks, backbone: backbone, &checker)
        checker.positive(model.roiMiniBatch, "model_config.roi_mini_batch")
        checker.require(model.rpnStride == 16, "model_config.rpn_stride", "must be 16", model.rpnStride)
        checker.float(model.dropoutRate, "model_config.dropout_rate", .unitFraction)
        checker.float(model.dropConnectRate, "model_config.drop_connect_rate", .unitFraction)
        checker.positive(model.roiPoolingConfig.poolSize, "model_config.roi_pooling_config.pool_size")
        let norm = model.batchNorm
        checker.float(norm.momentum, "model_config.batch_norm.momentum", FloatRange.unitFraction.noting("(0 means TAO's 0.99)"))
        checker.float(norm.epsilon, "model_config.batch_norm.epsilon", FloatRange.unitFraction.noting("(0 means TAO's Keras values)"))
        for key in model.activation.activationParameters.keys.sorted() {
            checker.float(model.activation.activationParameters[key] ?? 0, "model_config.activation.activation_parameters[\"\(key)\"]", .finite)
        }
        if backbone?.family == .efficientnet {
            let type = model.activation.activationType
            checker.require(["", "relu", "swish"].contains(type), "model_config.activation.activation_type",
                            "must be relu or swish for EfficientNet", "\"\(type)\"")
        }
    }

    private static func checkInput(_ input: Frcnn_Spec_InputImageConfig, present: Bool, _ checker: inout RuleChecker) {
        let path = "model_config.input_image_config"
        checker.requireSection(present, path)
        switch input.imageSizeConfig {
        case .sizeHeightWidth(let size):
            checker.require(size.height >= 160, "\(path).size_height_width.height", "must be >= 160", size.height)
            checker.require(size.width >= 160, "\(path).size_height_width.width", "must be >= 160", size.width)
        case .sizeMin(let size):
            checker.require(size.min >= 160, "\(path).size_min.min", "must be >= 160", size.min)
        case nil:
            checker.error(path, "one of size_height_width or size_min is required")
        }
        let order = input.imageChannelOrder
        checker.require(["bgr", "rgb", "l"].contains(order), "\(path).image_channel_order", "must be 'bgr', 'rgb' or 'l'", "'\(order)'")
        let keys = input.imageType == .grayScale ? ["l"] : ["r", "g", "b"]
        for key in keys {
            let keyPath = "\(path).image_channel_mean[\"\(key)\"]"
            guard let mean = input.imageChannelMean[key] else {
                checker.error("\(path).image_channel_mean", "needs key '\(key)' for \(input.imageType == .grayScale ? "GRAY_SCALE" : "RGB") images (keys \(keys.joined(separator: ", ")))")
                continue
            }
            checker.float(mean, keyPath, FloatRange(.open(0), .open(255)))
        }
        for key in input.imageChannelMean.keys.sorted() where !keys.contains(key) {
            checker.error("\(path).image_channel_mean[\"\(key)\"]", "unexpected key '\(key)' (keys \(keys.joined(separator: ", ")))")
        }
        checker.positive(input.imageScalingFactor, "\(path).image_scaling_factor")
        checker.positive(input.maxObjectsNumPerImage, "\(path).max_objects_num_per_image")
    }

    /// Whole block numbers for every backbone (the model builder converts them to integers), within the
    /// family's blocks where the backbone is known and has a fixed block count.
    private static func checkFreezeBlocks(_ blocks: [Float], backbone: BackboneArchitecture?, _ checker: inout RuleChecker) {
        for (index, block) in blocks.enumerated() {
            let path = "model_config.freeze_blocks[\(index)]"
            guard checker.finite(block, path) else { continue }
            guard let number = Int(exactly: block) else {
                checker.error(path, "must be a whole block number (got \(block))")
                continue
            }
            if let backbone, let allowed = backbone.freezableBlocks, !allowed.contains(number) {
                checker.error(path, "\(backbone.family.displayName) freeze_blocks must be within \(allowed.lowerBound)...\(allowed.upperBound) (got \(number))")
            }
        }
    }
}

extension Frcnn_Spec_InputImageConfig {
    /// The model input's width and height when they are fixed (`size_height_width`, both set), for the rules
    /// that bound sizes and shifts in input pixels.
    var fixedSize: (width: Float, height: Float)? {
        guard case .sizeHeightWidth(let size) = imageSizeConfig, size.width > 0, size.height > 0 else { return nil }
        return (Float(size.width), Float(size.height))
    }
}
