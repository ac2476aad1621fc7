/// Builds an indented `key: value` listing.
struct ReportWriter {
    private(set) var text = ""
    private var indent = ""

    mutating func line(_ key: String, _ value: some CustomStringConvertible) {
        text += "\(indent)\(key): \(value)\n"
    }

    mutating func section(_ title: String, _ body: (inout ReportWriter) -> Void) {
        text += "\(indent)\(title):\n"
        let outer = indent
        indent += "  "
        body(&self)
        indent = outer
    }

    static func list(_ values: [some CustomStringConvertible]) -> String {
        "[" + values.map(\.description).joined(separator: ", ") + "]"
    }

    static func optional(_ value: String?) -> String { value ?? "(not set)" }
}

extension ResolvedExperiment {

    /// Every effective setting, defaults filled in, with class ids: what `frcnn validate -e` prints.
    public var report: String {
        var out = ReportWriter()
        out.section("classes (id: name)") { out in
            for (id, name) in classes.names.enumerated() { out.line("\(id)", name) }
        }
        out.section("target_class_mapping (source -> target)") { out in
            for source in classes.mapping.keys.sorted() { out.line(source, classes.mapping[source] ?? "") }
        }
        out.line("random_seed", randomSeed)
        out.line("verbose", verbose)
        out.section("model") { out in
            out.line("arch", "\(model.backbone.arch) (\(model.backbone.family.displayName))")
            switch input.size {
            case .fixed(let height, let width): out.line("input (C x H x W)", "\(input.channels) x \(height) x \(width)")
            case .shortSide(let side): out.line("input", "\(input.channels) channels, short side \(side), keep aspect ratio")
            }
            out.line("channel_order", input.channelOrder)
            out.line("channel_means (network order)", ReportWriter.list(input.channelMeans))
            out.line("scaling_factor", input.scalingFactor)
            out.line("max_objects_per_image", input.maxObjectsPerImage)
            out.line("anchor_scales", ReportWriter.list(model.anchorScales))
            out.line("anchor_ratios", ReportWriter.list(model.anchorRatios))
            out.line("anchors_per_cell", model.anchorsPerCell)
            out.line("rpn_stride", model.rpnStride)
            out.line("roi_mini_batch", model.roiMiniBatch)
            out.line("roi_pool_size", "\(model.poolSize)\(model.poolSize2x ? " (2x crop)" : "")")
            out.line("freeze_bn", model.freezeBatchNorm)
            out.line("freeze_blocks", ReportWriter.list(model.freezeBlocks))
            out.line("use_bias", model.useBias)
            out.line("all_projections", model.allProjections)
            out.line("use_pooling", model.usePooling)
            out.line("dropout_rate", model.dropoutRate)
            out.line("drop_connect_rate", model.dropConnectRate)
            out.line("activation", model.activation)
            let norm = BatchNormSettings.forTraining(spec: model.batchNorm, continuing: nil,
                                                     pretrainedWeights: training.pretrainedWeights)
            out.line("batch_norm", "\(norm.settings) (\(norm.reason))")
        }
        writeData(&out)
        writeTraining(&out)
        writeEvaluation(&out)
        return out.text
    }

    private func writeData(_ out: inout ReportWriter) {
        out.section("dataset") { out in
            for (index, source) in dataset.sources.enumerated() {
                out.line("source[\(index)]", "tfrecords \(source.tfrecordsPattern), images \(source.imageDirectory), weight \(source.weight)")
            }
            out.line("image_extension", dataset.imageExtension)
            switch dataset.validation {
            case .none: out.line("validation", "none")
            case .fold(let fold): out.line("validation", "fold \(fold)")
            case .source(let source): out.line("validation", "tfrecords \(source.tfrecordsPattern), images \(source.imageDirectory)")
            }
        }
        out.section("augmentation") { out in
            let a = augmentation
            out.line("output (C x H x W)", "\(a.outputChannels) x \(a.outputHeight) x \(a.outputWidth)")
            out.line("output_min/max", "\(a.outputMinSide)/\(a.outputMaxSide)")
            out.line("enable_auto_resize", a.autoResize)
            out.line("crop", a.crop.map { "left \($0.left), top \($0.top), right \($0.right), bottom \($0.bottom)" } ?? "none")
            out.line("min_bbox (w x h)", "\(a.minBoxWidth) x \(a.minBoxHeight)")
            out.line("hflip_probability", a.horizontalFlipProbability)
            out.line("zoom", "\(a.zoomMin)...\(a.zoomMax)")
            out.line("translate_max (x, y)", "\(a.translateMaxX), \(a.translateMaxY)")
            out.line("rotate", "max \(a.rotateMaxRadians) rad, probability \(a.rotateProbability)")
            out.line("color", "shift stddev \(a.colorShiftStddev), hue \(a.hueRotationMaxDegrees), saturation \(a.saturationShiftMax), contrast \(a.contrastScaleMax) around \(a.contrastCenter)")
        }
    }

    private func writeTraining(_ out: inout ReportWriter) {
        let t = training
        out.section("training") { out in
            out.line("batch_size_per_gpu", t.batchSizePerGPU)
            out.line("num_epochs", t.epochs)
            out.line("checkpoint_interval", "\(t.checkpointInterval)\(t.savesCheckpoints ? "" : " (more than num_epochs: no checkpoints)")")
            out.line("checkpoint_name", "\(model.backbone.checkpointStem).epoch_<N>")
            out.line("enable_augmentation", t.enableAugmentation)
            out.line("pretrained_weights", ReportWriter.optional(t.pretrainedWeights))
            out.line("retrain_pruned_model", ReportWriter.optional(t.retrainPrunedModel))
            out.line("resume_from_model", t.resumeFromModel.map { "\($0.path) (epoch \($0.epoch))" } ?? "(not set)")
            out.line("rpn_overlap (min, max)", "\(t.rpnMinOverlap), \(t.rpnMaxOverlap)")
            out.line("classifier_overlap (min, max)", "\(t.classifierMinOverlap), \(t.classifierMaxOverlap)")
            out.line("gt_as_roi", t.gtAsRoI)
            out.line("std_scaling", t.stdScaling)
            out.line("classifier_regr_std (x, y, w, h)", ReportWriter.list(t.classifierRegressionStd))
            out.line("rpn_mini_batch", t.rpnMiniBatch)
            Self.write(t.proposal, &out)
            out.line("regularizer", "\(t.regularizer)")
            out.line("optimizer", "\(t.optimizer)")
            out.line("learning_rate", "\(t.learningRate)")
            out.line("loss weights (rpn regr, rpn class, rcnn regr, rcnn class)",
                     "\(t.lambdaRPNRegression), \(t.lambdaRPNClass), \(t.lambdaRCNNRegression), \(t.lambdaRCNNClass)")
            out.line("enable_qat", t.enableQAT)
            out.line("model_parallelism", ReportWriter.list(t.modelParallelism))
            out.line("early_stopping", t.earlyStopping.map { "loss, min_delta \($0.minDelta), patience \($0.patience)" } ?? "off")
            out.line("precise_batch_norm", preciseBatchNormDescription())
        }
    }

    private func writeEvaluation(_ out: inout ReportWriter) {
        let e = evaluation
        out.section("evaluation") { out in
            out.line("model", ReportWriter.optional(e.model))
            out.line("batch_size", e.batchSize)
            out.line("validation_period_during_training", e.validationPeriod)
            Self.write(e.proposal, &out)
            Self.write(e.nms, &out)
            out.line("iou_thresholds", ReportWriter.list(e.iouThresholds.map { ($0 * 1e6).rounded() / 1e6 }))
            out.line("metric", e.useVOC07ElevenPointMetric ? "VOC07 11-point" : "area under the PR curve")
            out.line("visualize_pr_curve", e.visualizePRCurve)
        }
        let i = inference
        out.section("inference") { out in
            out.line("model", ReportWriter.optional(i.model))
            out.line("images_dir", ReportWriter.optional(i.imagesDirectory))
            out.line("batch_size", i.batchSize)
            Self.write(i.proposal, &out)
            Self.write(i.nms, &out)
            out.line("bbox_visualize_threshold", i.visualizeThreshold)
            out.line("detection_image_output_dir", ReportWriter.optional(i.imageOutputDirectory))
            out.line("labels_dump_dir", ReportWriter.optional(i.labelsOutputDirectory))
            out.line("bbox_caption_on", i.drawsCaptions)
            out.line("nms_score_bits", i.nmsScoreBits)
        }
    }

    private static func write(_ proposal: ProposalSettings, _ out: inout ReportWriter) {
        out.line("rpn (pre-NMS top N, post-NMS, NMS IoU)", "\(proposal.preNMSTopN), \(proposal.postNMSTopN), \(proposal.nmsIoUThreshold)")
    }

    private static func write(_ nms: DetectionNMSSettings, _ out: inout ReportWriter) {
        out.line("detections (max boxes, NMS IoU, confidence)", "\(nms.maxBoxes), \(nms.iouThreshold), \(nms.confidenceThreshold)")
    }
}

extension ResolvedDatasetExport {
    /// Every effective setting, defaults filled in: what `frcnn validate -d` prints.
    public var report: String {
        var out = ReportWriter()
        switch source {
        case .kitti(let kitti):
            out.section("kitti_config") { out in
                out.line("root_directory_path", kitti.rootDirectory)
                out.line("image_dir_name", kitti.imageDirectoryName)
                out.line("label_dir_name", kitti.labelDirectoryName)
                out.line("image_extension", kitti.imageExtension)
                out.line("partition_mode", kitti.partitionMode.rawValue)
                out.line("num_partitions", kitti.partitions)
                out.line("num_shards", kitti.shards == 0 ? "0 (one file per fold)" : "\(kitti.shards)")
                if kitti.partitionMode == .random { out.line("val_split (percent)", kitti.valSplitPercent) }
                if let file = kitti.sequenceToFramesPath { out.line("kitti_sequence_to_frames_file", file) }
                out.line("point_clouds_dir", ReportWriter.optional(kitti.pointCloudsDirectory))
                out.line("calibrations_dir", ReportWriter.optional(kitti.calibrationsDirectory))
            }
        case .coco(let coco):
            out.section("coco_config") { out in
                out.line("root_directory_path", coco.rootDirectory)
                out.line("img_dir_names", ReportWriter.list(coco.imageDirectoryNames))
                out.line("annotation_files", ReportWriter.list(coco.annotationFiles))
                out.line("num_partitions", coco.partitions)
                out.line("num_shards", ReportWriter.list(coco.shards))
            }
        }
        out.line("image_directory_path", ReportWriter.optional(imageDirectory))
        out.section("target_class_mapping (source -> target)") { out in
            for source in targetClassMapping.keys.sorted() { out.line(source, targetClassMapping[source] ?? "") }
        }
        if sampleModifier != nil {
            out.line("sample_modifier_config", spec.sampleModifierConfig.textFormatString().replacingOccurrences(of: "\n", with: " "))
        }
        return out.text
    }
}
