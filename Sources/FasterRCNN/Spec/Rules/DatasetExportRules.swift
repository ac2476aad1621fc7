/// Rules of the dataset_convert spec (TAO's KITTI and COCO converters).
enum DatasetExportRules {
    static func check(_ export: Frcnn_Spec_DatasetExportConfig, _ checker: inout RuleChecker) {
        switch export.convertConfigType {
        case .kittiConfig(let kitti):
            checkKITTI(kitti, &checker)
        case .cocoConfig(let coco):
            checkCOCO(coco, &checker)
        case nil:
            checker.error("kitti_config", "one of kitti_config or coco_config is required")
        }
        for source in export.targetClassMapping.keys.sorted() where source != source.lowercased() {
            checker.warning("target_class_mapping[\"\(source)\"]", "class names are lowercased on conversion; key '\(source)' matches no object")
        }
        let modifier = export.sampleModifierConfig
        for key in modifier.minimumTargetClassImbalance.keys.sorted() {
            let value = modifier.minimumTargetClassImbalance[key] ?? 0
            checker.positive(value, "sample_modifier_config.minimum_target_class_imbalance[\"\(key)\"]")
        }
    }

    private static func checkKITTI(_ kitti: Frcnn_Spec_KITTIConfig, _ checker: inout RuleChecker) {
        let path = "kitti_config"
        for (name, value) in [("root_directory_path", kitti.rootDirectoryPath), ("image_dir_name", kitti.imageDirName),
                              ("label_dir_name", kitti.labelDirName)] {
            checker.require(!value.isEmpty, "\(path).\(name)", "is required", "empty")
        }
        let ext = kitti.imageExtension
        if !ext.isEmpty {
            checker.require(ext.hasPrefix(".") && ext.count > 1, "\(path).image_extension",
                            "must start with a dot, e.g. \".png\" (the training spec's image_extension has none)", "\"\(ext)\"")
        }
        let mode = kitti.partitionMode.isEmpty ? "sequence" : kitti.partitionMode
        // Only the random mode reads val_split (as in TAO).
        checker.float(kitti.valSplit, "\(path).val_split", mode == "random" ? FloatRange(.closed(0), .closed(100)).noting("(a percent)") : .finite)
        switch mode {
        case "random":
            checker.require(kitti.numPartitions == 2, "\(path).num_partitions", "must be 2 with partition_mode \"random\"", kitti.numPartitions)
        case "sequence":
            checker.positive(kitti.numPartitions, "\(path).num_partitions")
            checker.require(!kitti.kittiSequenceToFramesFile.isEmpty, "\(path).kitti_sequence_to_frames_file",
                            "is required with partition_mode \"sequence\"", "empty")
        default:
            checker.error("\(path).partition_mode", "must be \"random\" or \"sequence\" (got \"\(kitti.partitionMode)\")")
        }
    }

    private static func checkCOCO(_ coco: Frcnn_Spec_COCOConfig, _ checker: inout RuleChecker) {
        let path = "coco_config"
        checker.require(!coco.rootDirectoryPath.isEmpty, "\(path).root_directory_path", "is required", "empty")
        checker.require(!coco.imgDirNames.isEmpty, "\(path).img_dir_names", "needs at least one image folder", "none")
        checker.require(coco.annotationFiles.count == coco.imgDirNames.count, "\(path).annotation_files",
                        "needs one annotation file per img_dir_names entry (\(coco.imgDirNames.count))", coco.annotationFiles.count)
        checker.positive(coco.numPartitions, "\(path).num_partitions")
        checker.require(coco.numPartitions == 0 || Int(coco.numPartitions) == coco.annotationFiles.count,
                        "\(path).num_partitions", "must equal the number of annotation_files (\(coco.annotationFiles.count))",
                        coco.numPartitions)
        checker.require(coco.numShards.isEmpty || coco.numShards.count == coco.imgDirNames.count, "\(path).num_shards",
                        "needs one value per img_dir_names entry (\(coco.imgDirNames.count))", coco.numShards.count)
    }
}
