/// One image prepared for one class and difficulty, as the KITTI devkit's `cleanData` leaves it.
struct KITTIFrame {
    /// Ground truth: `false` counts (TP or FN), `true` is ignored but may absorb a detection. Objects of
    /// unrelated classes are left out.
    var objects: [(box: BoundingBox, ignored: Bool)] = []
    /// Detections: `ignored` when lower than the minimum height. Detections of other classes that are tall
    /// enough are left out (the devkit skips them everywhere).
    var detections: [(box: BoundingBox, score: Double, ignored: Bool)] = []
    var dontCare: [BoundingBox]
    var countedObjects = 0

    init(image: EvaluationImage, className: String, difficulty: KITTIBenchmarkAP.Difficulty) {
        let name = className.lowercased()
        let neighbour = ["car": "van", "pedestrian": "person_sitting"][name]
        dontCare = image.dontCareRegions
        for object in image.groundTruth {
            let type = object.className.lowercased()
            let validClass = type == name ? 1 : (type == neighbour ? 0 : -1)
            let ignore = object.occlusion > difficulty.maximumOcclusion
                || object.truncation > difficulty.maximumTruncation
                || object.box.y2 - object.box.y1 <= difficulty.minimumHeight
            if validClass == 1 && !ignore {
                objects.append((object.box, false))
                countedObjects += 1
            } else if validClass == 0 || validClass == 1 {
                objects.append((object.box, true))
            }
        }
        for detection in image.detections {
            // int32_t height = fabs(y1 - y2): truncated toward zero.
            let height = abs(detection.box.y1 - detection.box.y2).rounded(.towardZero)
            if height < difficulty.minimumHeight {
                detections.append((detection.box, detection.score, true))
            } else if detection.className.lowercased() == name {
                detections.append((detection.box, detection.score, false))
            }
        }
    }

    struct Statistics {
        var truePositives = 0
        var falsePositives = 0
        var truePositiveScores: [Double] = []
    }

    /// `computeStatistics`: with `scoreThreshold == nil` the first pass (each object takes the
    /// highest-scoring overlapping detection; only TP scores matter), otherwise the counting pass at that
    /// threshold (each object takes the best-overlapping detection, preferring non-ignored ones).
    func statistics(minimumOverlap: Double, scoreThreshold: Double?) -> Statistics {
        let noDetection = -10_000_000.0
        var statistics = Statistics()
        var assigned = [Bool](repeating: false, count: detections.count)
        let belowThreshold = detections.map { detection in scoreThreshold.map { detection.score < $0 } ?? false }
        for object in objects {
            var (index, valid, maxOverlap, assignedIgnored) = (-1, noDetection, 0.0, false)
            for (j, detection) in detections.enumerated() where !assigned[j] && !belowThreshold[j] {
                let overlap = BoundingBoxIoU.kitti(detection.box, object.box, relativeToFirst: false)
                guard overlap > minimumOverlap else { continue }
                if scoreThreshold == nil {
                    if detection.score > valid { (index, valid) = (j, detection.score) }
                } else if (overlap > maxOverlap || assignedIgnored) && !detection.ignored {
                    (index, valid, maxOverlap, assignedIgnored) = (j, 1, overlap, false)
                } else if valid == noDetection && detection.ignored {
                    (index, valid, assignedIgnored) = (j, 1, true)
                }
            }
            if valid == noDetection {
                continue  // an FN when the object counts; the FN total is not needed for precision.
            } else if object.ignored || detections[index].ignored {
                assigned[index] = true
            } else {
                statistics.truePositives += 1
                statistics.truePositiveScores.append(detections[index].score)
                assigned[index] = true
            }
        }
        guard scoreThreshold != nil else { return statistics }
        for (j, detection) in detections.enumerated() where !assigned[j] && !detection.ignored && !belowThreshold[j] {
            statistics.falsePositives += 1
        }
        for region in dontCare {
            for (j, detection) in detections.enumerated() where !assigned[j] && !detection.ignored && !belowThreshold[j] {
                if BoundingBoxIoU.kitti(detection.box, region, relativeToFirst: true) > minimumOverlap {
                    assigned[j] = true
                    statistics.falsePositives -= 1
                }
            }
        }
        return statistics
    }

    /// `getThresholds`: the TP scores (descending) at which recall is closest to 0, 1/40, 2/40, ….
    static func thresholds(scores: [Double], objectCount: Int, samplePoints: Int) -> [Double] {
        let sorted = scores.sorted(by: >)
        let total = Double(objectCount)
        var current = 0.0
        var result: [Double] = []
        for (i, score) in sorted.enumerated() {
            let left = Double(i + 1) / total
            let isLast = i == sorted.count - 1
            let right = isLast ? left : Double(i + 2) / total
            if right - current < current - left && !isLast { continue }
            result.append(score)
            current += 1.0 / (Double(samplePoints) - 1.0)
        }
        return result
    }
}
