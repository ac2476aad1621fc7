import Foundation
import Testing

@testable import FasterRCNN

/// The parts of ``ValidationRunner`` that do not need a model (the model path runs in the CLI tests).
@Suite struct ValidationRunnerTests {
    @Test("KITTI images: detections go back through the inverse input transform; labels keep truncation and occlusion")
    func originalPixels() {
        let sample = DetectionSample(imagePath: "x.png", frameID: "image_2/x", objects: [
            GroundTruthObject(box: BoundingBox(x1: 20, y1: 10, x2: 60, y2: 50), classID: 1, difficult: true, truncation: 0.25,
                              occlusion: 2),
        ])
        let transform = AffineTransform.scale(x: 0.5, y: 2).then(.translation(x: -3, y: 4))
        let image = ValidationRunner.originalImage(
            sample, size: (width: 320, height: 80), transform: transform,
            detections: [Detection(box: BoundingBox(x1: 7, y1: 24, x2: 27, y2: 104), className: "car", score: 0.5)],
            classNames: ["bus", "car", "background"])
        #expect(image.width == 320 && image.height == 80)
        #expect(image.detections == [Detection(box: BoundingBox(x1: 20, y1: 10, x2: 60, y2: 50), className: "car", score: 0.5)])
        #expect(image.groundTruth == [GroundTruthBox(box: BoundingBox(x1: 20, y1: 10, x2: 60, y2: 50), className: "car",
                                                     truncation: 0.25, occlusion: 2)])
    }

    @Test("Validation scalars are named as TAO logs them")
    func scalars() {
        let threshold = { (iou: Double, map: Double?) in TAOThresholdResult(iouThreshold: iou, classes: [], meanAP: map) }
        let report = EvaluationReport(
            tao: TAOEvaluationResult(interpolation: .area, confidenceThreshold: 0.0001,
                                     thresholds: [threshold(0.5, 0.75), threshold(0.55, nil)], meanAP: nil, rpnRecall: nil),
            coco: COCOEvaluationResult(meanAP: nil, ap50: nil, ap75: nil, averageRecall: nil, classes: []), kitti: nil)
        #expect(report.validationScalars == ["mAP": 0, "mAP@0.50": 0.75, "mAP@0.55": 0])
    }
}
