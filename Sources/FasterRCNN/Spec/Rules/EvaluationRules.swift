/// TAO's `validate_evaluation_config` and `validate_inference_config` (checked for every subtask, as TAO does).
enum EvaluationRules {
    static func check(_ evaluation: Frcnn_Spec_EvaluationConfig, present: Bool, _ checker: inout RuleChecker) {
        let path = "evaluation_config"
        checker.requireSection(present, path)
        ProposalRules.check(preNMS: evaluation.rpnPreNmsTopN, postNMS: evaluation.rpnNmsMaxBoxes,
                            iou: evaluation.rpnNmsOverlapThreshold, section: path, &checker)
        checker.openUnit(evaluation.classifierNmsOverlapThreshold, "\(path).classifier_nms_overlap_threshold")
        checker.positive(evaluation.classifierNmsMaxBoxes, "\(path).classifier_nms_max_boxes")
        checker.openUnit(evaluation.objectConfidenceThres, "\(path).object_confidence_thres")
        checkEngine(evaluation.trtEvaluation.trtEngine, "\(path).trt_evaluation.trt_engine", &checker)
        switch evaluation.iouThresholdConfig {
        case .gtMatchingIouThreshold(let threshold):
            checker.openUnit(threshold, "\(path).gt_matching_iou_threshold")
        case .gtMatchingIouThresholdRange(let range):
            let rangePath = "\(path).gt_matching_iou_threshold_range"
            if checker.allFinite([(range.start, "\(rangePath).start"), (range.end, "\(rangePath).end")]) {
                checker.require(range.start > 0 && range.start < range.end && range.end <= 1, rangePath,
                                "must satisfy 0 < start < end <= 1", "start \(range.start), end \(range.end)")
            }
            checker.openUnit(range.step, "\(rangePath).step")
        case nil:
            checker.error(path, "exactly one of gt_matching_iou_threshold or gt_matching_iou_threshold_range is required")
        }
    }

    static func checkInference(_ inference: Frcnn_Spec_InferenceConfig, present: Bool, dynamicShape: Bool, _ checker: inout RuleChecker) {
        let path = "inference_config"
        checker.requireSection(present, path)
        ProposalRules.check(preNMS: inference.rpnPreNmsTopN, postNMS: inference.rpnNmsMaxBoxes,
                            iou: inference.rpnNmsOverlapThreshold, section: path, &checker)
        checker.openUnit(inference.bboxVisualizeThreshold, "\(path).bbox_visualize_threshold")
        checker.openUnit(inference.objectConfidenceThres, "\(path).object_confidence_thres")
        checker.openUnit(inference.classifierNmsOverlapThreshold, "\(path).classifier_nms_overlap_threshold")
        checker.positive(inference.classifierNmsMaxBoxes, "\(path).classifier_nms_max_boxes")
        if dynamicShape {
            checker.require(inference.batchSize <= 1, "\(path).batch_size", "must be 1 with a dynamic input shape (size_min)", inference.batchSize)
        }
        checker.require(inference.nmsScoreBits <= 10, "\(path).nms_score_bits", "must be 0 (unset) or in 1...10", inference.nmsScoreBits)
        checkEngine(inference.trtInference.trtEngine, "\(path).trt_inference.trt_engine", &checker)
    }

    /// TAO's deprecated engine path: frcnn runs an exported ONNX file there (through ONNX Runtime), not a TensorRT
    /// engine.
    static func checkEngine(_ engine: String, _ path: String, _ checker: inout RuleChecker) {
        checker.require(engine.isEmpty || ModelFile.isONNX(engine), path,
                        "must be an .onnx file written by frcnn export (frcnn runs it with ONNX Runtime; TensorRT engines are not supported)",
                        engine)
    }
}
