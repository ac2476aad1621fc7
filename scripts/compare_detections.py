"""How closely one set of 16-field KITTI detection files reproduces another (an export against the checkpoint or
its FP32 export). Each reference detection scoring >= MIN_SCORE is paired with the same-class detection of the
other set that overlaps it most (IoU of x1y1x2y2 pixel corners, no +1); it counts as found again at IoU >= 0.9.
Usage: compare_detections.py REFERENCE_DIR OTHER_DIR STEMS_FILE [MIN_SCORE (default 0.5)]
Prints JSON: reference_detections, found (IoU >= 0.9), and among those the largest score difference and the
largest corner difference in pixels."""
import json, sys

reference_dir, other_dir, stems_file = sys.argv[1:4]
min_score = float(sys.argv[4]) if len(sys.argv) > 4 else 0.5

def read(folder, stem):
    fields = (line.split() for line in open(f"{folder}/{stem}.txt"))
    return [(p[0], float(p[15]), list(map(float, p[4:8]))) for p in fields if len(p) == 16]

def iou(a, b):
    w, h = max(0.0, min(a[2], b[2]) - max(a[0], b[0])), max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - w * h
    return w * h / union if union > 0 else 0.0

count = found = 0
score_difference = corner_difference = 0.0
for stem in (s.strip() for s in open(stems_file) if s.strip()):
    candidates = read(other_dir, stem)
    for name, score, box in (d for d in read(reference_dir, stem) if d[1] >= min_score):
        count += 1
        best = max((c for c in candidates if c[0] == name), key=lambda c: iou(c[2], box), default=None)
        if best is not None and iou(best[2], box) >= 0.9:
            found += 1
            score_difference = max(score_difference, abs(best[1] - score))
            corner_difference = max(corner_difference, max(abs(x - y) for x, y in zip(best[2], box)))
print(json.dumps({"reference_detections": count, "found": found, "max_score_difference": round(score_difference, 4),
                  "max_corner_difference_px": round(corner_difference, 2)}))
