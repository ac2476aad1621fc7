"""Runs an exported frcnn ONNX file with onnxruntime (the test oracle) over a list of images and writes 16-field
KITTI label files, as `frcnn inference` does, for an evaluator to score.
Usage: onnx_detect.py MODEL.onnx IMAGE_DIR STEMS_FILE OUT_DIR --classes a,b,c --means M1,M2,M3
                      [--channel_order bgr|rgb] [--scale S]
  IMAGE_DIR holds STEM.png or STEM.jpg; --classes are the class names in labels.txt's order (sorted); --means are
  the spec's image_channel_mean values in the network's channel order, --scale its image_scaling_factor.
Preprocessing as docs/export.md ("Input") says: the RGB image resized (bilinear) to the file's input size, put in
the network's channel order, the means subtracted, divided by the scale. Boxes are x1y1x2y2: nms_out holds the
corners in input pixels divided by the input width and height, so multiplying by the image's own width and height
maps them back."""
import argparse, os
import numpy as np, onnx, onnxruntime as ort
from PIL import Image

parser = argparse.ArgumentParser()
for name in ("model", "image_dir", "stems_file", "out_dir"):
    parser.add_argument(name)
parser.add_argument("--classes", required=True)
parser.add_argument("--means", required=True)
parser.add_argument("--channel_order", default="bgr", choices=("bgr", "rgb"))
parser.add_argument("--scale", type=float, default=1.0)
args = parser.parse_args()
classes = args.classes.split(",")
means = np.array([float(v) for v in args.means.split(",")], dtype=np.float32)
onnx.checker.check_model(onnx.load(args.model), full_check=True)
options = ort.SessionOptions()
options.intra_op_num_threads = os.cpu_count() or 1
session = ort.InferenceSession(args.model, options, providers=["CPUExecutionProvider"])
_, _, height, width = session.get_inputs()[0].shape
os.makedirs(args.out_dir, exist_ok=True)
for stem in [s.strip() for s in open(args.stems_file) if s.strip()]:
    path = next(p for p in (f"{args.image_dir}/{stem}.png", f"{args.image_dir}/{stem}.jpg") if os.path.exists(p))
    image = Image.open(path).convert("RGB")
    original_width, original_height = image.size
    if image.size != (width, height):
        image = image.resize((width, height), Image.BILINEAR)
    pixels = np.asarray(image, dtype=np.float32)
    if args.channel_order == "bgr":
        pixels = pixels[:, :, ::-1]
    tensor = ((pixels - means) / args.scale).transpose(2, 0, 1)[None].astype(np.float32)
    rows, counts = session.run(None, {"input_image": tensor})
    with open(f"{args.out_dir}/{stem}.txt", "w") as labels:
        for row in rows[0, 0, :counts[0, 0]]:
            x1, x2 = row[3] * original_width, row[5] * original_width
            y1, y2 = row[4] * original_height, row[6] * original_height
            labels.write(f"{classes[int(row[1])]} 0.00 0 0.00 {x1:.2f} {y1:.2f} {x2:.2f} {y2:.2f} "
                         f"0.00 0.00 0.00 0.00 0.00 0.00 0.00 {row[2]:.6f}\n")
