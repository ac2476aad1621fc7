"""Cut DeepForest's labelled NEON aerial images into 384x384 KITTI tiles (class `tree`), train and val apart.

    python scripts/neon_trees.py --wheel deepforest-1.5.2-py3-none-any.whl --out DIR [--small]

Reads four images and their labels straight from the wheel (a zip; the package is never installed):
  2019_YELL_2_541000_4977000_image_crop.png  1249x1035, 279 boxes (VOC xml)
  OSBS_029.png                               400x400,    61 boxes (VOC xml)
  SOAP_061.png                               400x400,    37 boxes (VOC xml, Alive/Dead -> tree)
  2018_SJER_3_252000_4107000_image_477.tif   400x400,     7 boxes (_truth.csv, columns xmin,xmax,ymin,ymax)
`2019_YELL_2_528000_4978000_image_crop2.png` is reserved for independent acceptance checks and never read.

Split without spatial overlap between train and val:
  val    YELL's right strip x in [865, 1249): tiles at x 865, y 0 / 325 / 651; and SOAP_061 (top-left 384x384).
  train  YELL's left part x in [0, 865): tiles at x 0 / 240 / 481, y 0 / 216 / 434 / 651 (12 tiles); OSBS_029
         and SJER image_477, each as its four corner 384x384 crops.
A box is kept in a tile when at least half its area lies inside; it is then clipped to the tile. A box crossing
x = 865 in YELL is dropped from both sides' tiles where less than half of it is inside (as any tile edge).
`--small` writes only a few tiles, for a short run (train: YELL (0,0), (240,216), OSBS top-left; val: YELL
(865,325)); no test uses it yet.

Output: OUT/train and OUT/val, each with image_2/<stem>.jpg (quality 95) and label_2/<stem>.txt in KITTI's
15 fields, `tree 0.00 0 0.00 x1 y1 x2 y2 0 0 0 0 0 0 0` (pixel x1y1x2y2 as the xml gives them), and OUT/all:
links to both splits plus train_list.txt and val_list.txt, for tools that take one folder and lists of stems.
"""
import argparse
import csv
import io
import os
import sys
import xml.etree.ElementTree as ET
import zipfile

from PIL import Image

TILE = 384
DATA = "deepforest/data/"
YELL = "2019_YELL_2_541000_4977000_image_crop"
RESERVED = "2019_YELL_2_528000_4978000_image_crop2"
SPLIT_X = 865


def voc_boxes(text):
    root = ET.fromstring(text)
    boxes = []
    for obj in root.iter("object"):
        b = obj.find("bndbox")
        boxes.append(tuple(float(b.find(k).text) for k in ("xmin", "ymin", "xmax", "ymax")))
    return boxes


def truth_csv_boxes(text):
    rows = csv.DictReader(io.StringIO(text))
    return [(float(r["xmin"]), float(r["ymin"]), float(r["xmax"]), float(r["ymax"])) for r in rows]


def tile_boxes(boxes, x0, y0):
    kept = []
    for x1, y1, x2, y2 in boxes:
        area = max(0.0, x2 - x1) * max(0.0, y2 - y1)
        cx1, cy1 = max(x1, x0), max(y1, y0)
        cx2, cy2 = min(x2, x0 + TILE - 1), min(y2, y0 + TILE - 1)
        inside = max(0.0, cx2 - cx1) * max(0.0, cy2 - cy1)
        if area > 0 and inside >= 0.5 * area:
            kept.append((cx1 - x0, cy1 - y0, cx2 - x0, cy2 - y0))
    return kept


def write_tile(image, boxes, x0, y0, folder, stem):
    os.makedirs(os.path.join(folder, "image_2"), exist_ok=True)
    os.makedirs(os.path.join(folder, "label_2"), exist_ok=True)
    image.crop((x0, y0, x0 + TILE, y0 + TILE)).save(os.path.join(folder, "image_2", stem + ".jpg"), quality=95)
    with open(os.path.join(folder, "label_2", stem + ".txt"), "w") as f:
        for x1, y1, x2, y2 in tile_boxes(boxes, x0, y0):
            f.write(f"tree 0.00 0 0.00 {x1:.2f} {y1:.2f} {x2:.2f} {y2:.2f} 0 0 0 0 0 0 0\n")
    return stem


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheel", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--small", action="store_true")
    a = ap.parse_args()
    if os.path.exists(a.out):
        sys.exit(f"neon_trees: {a.out} exists; choose a new folder")
    zf = zipfile.ZipFile(a.wheel)

    def read(name):
        assert RESERVED not in name
        return zf.read(DATA + name)

    def image(name):
        return Image.open(io.BytesIO(read(name))).convert("RGB")

    sources = {
        "yell": (image(YELL + ".png"), voc_boxes(read(YELL + ".xml"))),
        "osbs": (image("OSBS_029.png"), voc_boxes(read("OSBS_029.xml"))),
        "soap": (image("SOAP_061.png"), voc_boxes(read("SOAP_061.xml"))),
        "sjer": (image("2018_SJER_3_252000_4107000_image_477.tif"),
                 truth_csv_boxes(read("2018_SJER_3_252000_4107000_image_477_truth.csv").decode())),
    }
    train_tiles = [("yell", x, y) for y in (0, 216, 434, 651) for x in (0, 240, 481)]
    train_tiles += [(s, x, y) for s in ("osbs", "sjer") for y in (0, 16) for x in (0, 16)]
    val_tiles = [("yell", SPLIT_X, y) for y in (0, 325, 651)] + [("soap", 0, 0)]
    if a.small:
        train_tiles = [("yell", 0, 0), ("yell", 240, 216), ("osbs", 0, 0)]
        val_tiles = [("yell", SPLIT_X, 325)]
    # Train tiles see YELL only left of the split line: nothing right of it reaches a train tile.
    yell, yell_boxes = sources["yell"]
    yell_left = (yell.crop((0, 0, SPLIT_X, yell.height)), [b for b in yell_boxes if b[0] < SPLIT_X])
    stems = {}
    for split, tiles in (("train", train_tiles), ("val", val_tiles)):
        stems[split] = []
        for source, x, y in tiles:
            img, boxes = yell_left if (source, split) == ("yell", "train") else sources[source]
            stems[split].append(write_tile(img, boxes, x, y, os.path.join(a.out, split), f"{source}_{x:04d}_{y:04d}"))
    # OUT/all: both splits in one KITTI folder (links), with the list of each split's stems.
    for split in ("train", "val"):
        for kind in ("image_2", "label_2"):
            os.makedirs(os.path.join(a.out, "all", kind), exist_ok=True)
            for f in os.listdir(os.path.join(a.out, split, kind)):
                os.symlink(os.path.join("..", "..", split, kind, f), os.path.join(a.out, "all", kind, f))
    for split, listed in (("train", sorted(stems["train"])), ("val", stems["val"])):
        with open(os.path.join(a.out, "all", split + "_list.txt"), "w") as f:
            f.write("".join(s + "\n" for s in listed))
        labels = os.path.join(a.out, split, "label_2")
        n = sum(len(open(os.path.join(labels, s + ".txt")).readlines()) for s in stems[split])
        print(f"neon_trees: {split}: {len(stems[split])} tiles, {n} boxes")


if __name__ == "__main__":
    main()
