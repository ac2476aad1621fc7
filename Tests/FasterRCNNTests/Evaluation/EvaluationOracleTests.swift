import Foundation
import Testing

@testable import FasterRCNN

/// The metrics against independent implementations: a VOC/TAO evaluator written here in numpy, pycocotools,
/// and NumPy's own `arange`.
@Suite struct EvaluationOracleTests {
    /// TAO's algorithm re-written in vectorised numpy (matching per image, then per-class cumulative sums).
    static let vocOracle = """
        import json, sys
        import numpy as np
        request = json.load(sys.stdin)
        thres, metric = request["confidence"], request["metric"]

        def iou_matrix(dets, gts):
            d = np.array(dets, dtype=float).reshape(-1, 4)[:, None, :]
            g = np.array(gts, dtype=float).reshape(-1, 4)[None, :, :]
            iw = np.minimum(d[..., 2], g[..., 2]) - np.maximum(d[..., 0], g[..., 0]) + 1
            ih = np.minimum(d[..., 3], g[..., 3]) - np.maximum(d[..., 1], g[..., 1]) + 1
            inter = np.where((iw < 0) | (ih < 0), 0.0, iw * ih)
            area = lambda b: (b[..., 2] - b[..., 0] + 1) * (b[..., 3] - b[..., 1] + 1)
            iou = inter / (area(d) + area(g) - inter + 1e-6)
            bad = (d[..., 0] >= d[..., 2]) | (d[..., 1] >= d[..., 3]) | (g[..., 0] >= g[..., 2]) | (g[..., 1] >= g[..., 3])
            return np.where(bad, 0.0, iou)

        def average_precision(rec, prec):
            if metric == "voc07_11_point":
                return sum((prec[rec >= t].max() if (rec >= t).any() else 0.0) / 11.0 for t in np.arange(0.0, 1.1, 0.1))
            mrec = np.concatenate(([0.0], rec, [1.0]))
            mpre = np.maximum.accumulate(np.concatenate(([0.0], prec, [0.0]))[::-1])[::-1]
            changes = np.nonzero(np.diff(mrec))[0]
            return float(np.sum((mrec[changes + 1] - mrec[changes]) * mpre[changes + 1]))

        output = {}
        for iou_thr in request["ious"]:
            entries = {}
            for image in request["images"]:
                w, h = image["width"], image["height"]
                gts = image["ground_truth"]
                gt_boxes = [[float(int(v)) for v in g["box"]] for g in gts]
                matched = np.zeros(len(gts), dtype=bool)
                dets = image["detections"]
                for k in np.argsort([-d["score"] for d in dets], kind="stable"):
                    d = dets[k]
                    x1, y1, x2, y2 = [int(v) for v in d["box"]]
                    box = [min(max(x1, 0), w - 1), min(max(y1, 0), h - 1), min(max(x2, 0), w - 1), min(max(y2, 0), h - 1)]
                    lst = entries.setdefault(d["class"], [])
                    same = [i for i, g in enumerate(gts) if g["class"] == d["class"]]
                    if same:
                        ious = iou_matrix([box], [gt_boxes[i] for i in same])[0]
                        best = same[int(np.argmax(ious))]
                        best_iou = float(ious.max())
                    else:
                        best, best_iou = -1, -1.0
                    if best_iou >= iou_thr and gts[best]["difficult"]:
                        continue
                    if best_iou >= iou_thr and not matched[best]:
                        matched[best] = True
                        lst.append((1, d["score"]))
                    else:
                        lst.append((0, d["score"]))
                for i, g in enumerate(gts):
                    if not matched[i] and not g["difficult"]:
                        entries.setdefault(g["class"], []).append((1, 0.0))
            classes = {}
            for name, lst in entries.items():
                t = np.array([e[0] for e in lst], dtype=bool)
                p = np.array([e[1] for e in lst], dtype=float)
                order = np.argsort(-p, kind="stable")
                t, p = t[order], p[order]
                npos = int(t.sum())
                tp = np.cumsum(t & (p >= thres)).astype(float)
                fp = np.cumsum(~t & (p >= thres)).astype(float)
                prec = np.where(tp + fp == 0, 0.0, tp / np.maximum(tp + fp, 1))
                rec = tp / npos if npos > 0 else np.zeros_like(tp)
                classes[name] = {
                    "ap": average_precision(rec, prec), "precision": float(prec[-1]), "recall": float(rec[-1]),
                    "tp": int(tp[-1]), "fp": int(fp[-1]), "fn": int((t & (p < thres)).sum()),
                }
            output[repr(iou_thr)] = {"classes": classes, "map": float(np.mean([c["ap"] for c in classes.values()]))}
        print(json.dumps(output))
        """

    @Test(arguments: [APInterpolation.area, .voc07ElevenPoint])
    func taoMAPAgreesWithNumpyVOC(interpolation: APInterpolation) throws {
        let images = RandomDetections.images(seed: interpolation == .area ? 7 : 11)
        let ious = try IoUThresholds.arange(start: 0.5, end: 1.0, step: 0.1)
        let metric = try TAOMeanAveragePrecision(iouThresholds: ious, confidenceThreshold: 0.3, interpolation: interpolation)
        let result = metric.evaluate(images)
        let oracle = try EvaluationOracle.json(Self.vocOracle, input: [
            "images": RandomDetections.json(images), "ious": ious, "confidence": 0.3, "metric": interpolation.rawValue,
        ])
        for threshold in result.thresholds {
            let expected = try #require(oracle[TAOEvaluationTable.pythonRepr(threshold.iouThreshold)] as? [String: Any])
            let classes = try #require(expected["classes"] as? [String: [String: Any]])
            #expect(Set(classes.keys) == Set(threshold.classes.map(\.className)))
            for row in threshold.classes {
                let reference = try #require(classes[row.className])
                #expect(abs(row.averagePrecision - (reference["ap"] as? Double ?? .nan)) < 1e-4, "\(row.className)@\(threshold.iouThreshold)")
                #expect(abs(row.precision - (reference["precision"] as? Double ?? .nan)) < 1e-4)
                #expect(abs(row.recall - (reference["recall"] as? Double ?? .nan)) < 1e-4)
                #expect(row.truePositives == reference["tp"] as? Int)
                #expect(row.falsePositives == reference["fp"] as? Int)
                #expect(row.falseNegatives == reference["fn"] as? Int)
            }
            #expect(abs((threshold.meanAP ?? .nan) - (expected["map"] as? Double ?? .nan)) < 1e-4)
        }
        // The data must exercise every path: some TPs, FPs, FNs, and APs strictly between 0 and 1.
        let rows = result.thresholds.flatMap(\.classes)
        #expect(rows.contains { $0.averagePrecision > 0.2 && $0.averagePrecision < 0.99 })
        #expect(rows.allSatisfy { $0.falsePositives > 0 && $0.falseNegatives > 0 })
    }

    static let cocoOracle = """
        import contextlib, io, json, sys
        import numpy as np
        from pycocotools.coco import COCO
        from pycocotools.cocoeval import COCOeval
        request = json.load(sys.stdin)
        names = sorted({o["class"] for im in request["images"] for o in im["ground_truth"] + im["detections"]})
        cat = {n: i + 1 for i, n in enumerate(names)}
        xywh = lambda b: [b[0], b[1], b[2] - b[0], b[3] - b[1]]
        images, annotations, results = [], [], []
        for i, im in enumerate(request["images"]):
            images.append({"id": i + 1, "width": im["width"], "height": im["height"]})
            for g in im["ground_truth"]:
                bb = xywh(g["box"])
                annotations.append({"id": len(annotations) + 1, "image_id": i + 1, "category_id": cat[g["class"]],
                                    "bbox": bb, "area": bb[2] * bb[3], "iscrowd": 0})
            for d in im["detections"]:
                results.append({"image_id": i + 1, "category_id": cat[d["class"]], "bbox": xywh(d["box"]), "score": d["score"]})
        with contextlib.redirect_stdout(io.StringIO()):
            gt = COCO()
            gt.dataset = {"images": images, "annotations": annotations, "categories": [{"id": c, "name": n} for n, c in cat.items()]}
            gt.createIndex()
            evaluation = COCOeval(gt, gt.loadRes(results), "bbox")
            evaluation.evaluate(); evaluation.accumulate(); evaluation.summarize()
        precision = evaluation.eval["precision"][:, :, :, 0, 2]
        per_class = {}
        for n, c in cat.items():
            p = precision[:, :, c - 1]
            if (p > -1).any():
                per_class[n] = float(np.mean(p[p > -1]))
        print(json.dumps({"stats": evaluation.stats.tolist(), "classes": per_class}))
        """

    /// Sparse data (60 images), and cluttered data where most images have over 100 detections of a class,
    /// so pycocotools' per-image cap of 100 detections matters.
    @Test(arguments: [(23, 60, 3), (29, 8, 400)])
    func cocoMAPAgreesWithPycocotools(seed: UInt64, count: Int, clutter: Int) throws {
        let images = RandomDetections.images(seed: seed, count: count, clutter: clutter)
        if clutter > 100 {
            #expect(images.contains { image in image.detections.filter { $0.className == "car" }.count > 100 })
        }
        let result = COCOMeanAveragePrecision.evaluate(images)
        let oracle = try EvaluationOracle.json(Self.cocoOracle, input: ["images": RandomDetections.json(images)])
        let stats = try #require(oracle["stats"] as? [Double])
        #expect(abs((result.meanAP ?? .nan) - stats[0]) < 1e-4)
        #expect(abs((result.ap50 ?? .nan) - stats[1]) < 1e-4)
        #expect(abs((result.ap75 ?? .nan) - stats[2]) < 1e-4)
        #expect(abs((result.averageRecall ?? .nan) - stats[8]) < 1e-4)
        let classes = try #require(oracle["classes"] as? [String: Double])
        #expect(Set(classes.keys) == Set(result.classes.map(\.className)))
        for row in result.classes {
            #expect(abs(row.averagePrecision - (classes[row.className] ?? .nan)) < 1e-4, "\(row.className)")
        }
        #expect(stats[0] > 0.002 && stats[0] < 0.95, "mAP \(stats[0]) too close to 0 or 1 to test much")
    }

    /// `IoUThresholds.arange` gives bit-identical values to `numpy.arange`, including the float32 spec
    /// fields widened to double and the classic case where the end is included by rounding.
    @Test func arangeMatchesNumpy() throws {
        let cases: [(Double, Double, Double)] = [
            (0.5, 1.0, 0.05), (0.45, 0.55, 0.05), (0.1, 0.9, 0.1), (0.3, 0.7, 0.15),
            (Double(Float(0.5)), Double(Float(0.95)), Double(Float(0.05))),
            (Double(Float(0.5)), Double(Float(1.0)), Double(Float(0.05))),
        ]
        let script = """
            import json, sys
            import numpy as np
            print(json.dumps({"lists": [[repr(v) for v in np.arange(*c).tolist()] for c in json.load(sys.stdin)["cases"]]}))
            """
        let oracle = try EvaluationOracle.json(script, input: ["cases": cases.map { [$0.0, $0.1, $0.2] }])
        let lists = try #require(oracle["lists"] as? [[String]])
        for (index, (start, end, step)) in cases.enumerated() {
            let ours = try IoUThresholds.arange(start: start, end: end, step: step).map(TAOEvaluationTable.pythonRepr)
            #expect(ours == lists[index], "arange(\(start), \(end), \(step))")
        }
    }

    /// The label writer against TAO's Python format string on random values.
    @Test func labelLinesMatchTAOFormatString() throws {
        var random = SeededGenerator(state: 5)
        let predictions = (0..<200).map { index in
            KITTIPrediction(
                className: RandomDetections.classes[index % 3],
                box: BoundingBox(
                    x1: Double.random(in: -20..<1300, using: &random), y1: Double.random(in: -20..<400, using: &random),
                    x2: Double.random(in: 0..<1300, using: &random), y2: Double.random(in: 0..<400, using: &random)),
                score: Double(Float(Double.random(in: 0..<1, using: &random))))
        }
        let script = """
            import json, sys
            rows = json.load(sys.stdin)["rows"]
            print(json.dumps({"text": "".join("{} 0 0 0 {:.2f} {:.2f} {:.2f} {:.2f} 0 0 0 0 0 0 0 {:.7f}\\n".format(*r) for r in rows)}))
            """
        let rows: [[Any]] = predictions.map { [$0.className, $0.box.x1, $0.box.y1, $0.box.x2, $0.box.y2, $0.score] }
        let oracle = try EvaluationOracle.json(script, input: ["rows": rows])
        #expect(KITTIPredictionLabels.text(predictions) == oracle["text"] as? String)
    }
}
