/// Every IoU of two ``BoundingBox``es (x1y1x2y2, Double), one function per convention, each exactly as the
/// implementation it reproduces computes it (so that metrics match their reference tools number for number).
/// Flat y1x1y2x2 tensors of the model use ``BoxOverlap`` (the same `+1` and continuous conventions, in Float).
enum BoundingBoxIoU {
    /// TAO's `calc_iou` (`faster_rcnn/utils/utils.py`), which matches detections to ground truth: `+1` widths;
    /// a box with `x1 ≥ x2` or `y1 ≥ y2` has IoU 0 with everything; the intersection is 0 when its `+1` width or
    /// height is negative, and the union gets `1e-6` added.
    static func taoMatching(_ a: BoundingBox, _ b: BoundingBox) -> Double {
        if a.x1 >= a.x2 || a.y1 >= a.y2 || b.x1 >= b.x2 || b.y1 >= b.y2 { return 0 }
        let width = min(a.x2, b.x2) - max(a.x1, b.x1) + 1
        let height = min(a.y2, b.y2) - max(a.y1, b.y1) + 1
        let intersection = (width < 0 || height < 0) ? 0 : width * height
        let areaA = (a.x2 - a.x1 + 1) * (a.y2 - a.y1 + 1)
        let areaB = (b.x2 - b.x1 + 1) * (b.y2 - b.y1 + 1)
        return intersection / (areaA + areaB - intersection + 1e-6)
    }

    /// TAO's `iou_np` (`faster_rcnn/layers/utils.py`), used for RPN recall: `+1` widths and heights clamped at 0,
    /// no epsilon (``BoxOverlap/inclusive`` in Double).
    static func taoInclusive(_ a: BoundingBox, _ b: BoundingBox) -> Double {
        let width = max(min(a.x2, b.x2) - max(a.x1, b.x1) + 1, 0)
        let height = max(min(a.y2, b.y2) - max(a.y1, b.y1) + 1, 0)
        let intersection = width * height
        let areaA = max(a.x2 - a.x1 + 1, 0) * max(a.y2 - a.y1 + 1, 0)
        let areaB = max(b.x2 - b.x1 + 1, 0) * max(b.y2 - b.y1 + 1, 0)
        return intersection / (areaA + areaB - intersection)
    }

    /// pycocotools' `bbIou` for two non-crowd boxes: continuous areas, computed from `[x, y, w, h]` as it does.
    static func coco(_ a: BoundingBox, _ b: BoundingBox) -> Double {
        let (aw, ah, bw, bh) = (a.x2 - a.x1, a.y2 - a.y1, b.x2 - b.x1, b.y2 - b.y1)
        let w = min(a.x1 + aw, b.x1 + bw) - max(a.x1, b.x1)
        if w <= 0 { return 0 }
        let h = min(a.y1 + ah, b.y1 + bh) - max(a.y1, b.y1)
        if h <= 0 { return 0 }
        let intersection = w * h
        return intersection / (aw * ah + bw * bh - intersection)
    }

    /// The KITTI devkit's `imageBoxOverlap`: continuous areas (no `+1`); with `relativeToFirst` (its criterion 0)
    /// the intersection over `a`'s area alone (how much of a detection lies in a don't-care region).
    static func kitti(_ a: BoundingBox, _ b: BoundingBox, relativeToFirst: Bool) -> Double {
        let w = min(a.x2, b.x2) - max(a.x1, b.x1)
        let h = min(a.y2, b.y2) - max(a.y1, b.y1)
        if w <= 0 || h <= 0 { return 0 }
        let intersection = w * h
        let areaA = (a.x2 - a.x1) * (a.y2 - a.y1)
        if relativeToFirst { return intersection / areaA }
        return intersection / (areaA + (b.x2 - b.x1) * (b.y2 - b.y1) - intersection)
    }
}
