import Foundation
import Testing
@testable import FasterRCNN

@Suite("TensorBoard event files")
struct TensorBoardWriterTests {
    /// Writes scalars, an image and a histogram across two flushed parts, then reads the folder with
    /// TensorBoard's own `EventAccumulator` and checks tags, steps, values, the decoded image pixels and the
    /// histogram's statistics and bucket counts (recomputed in numpy from TensorFlow's bucket rule).
    @Test func tensorBoardReadsScalarsImagesAndHistograms() throws {
        let folder = try DataTestSupport.scratchDirectory("tensorboard") + "/logs"
        let writer = try TensorBoardWriter(directory: folder)
        try writer.addScalar("loss", 1.5, step: 0)
        try writer.addScalar("lr", 0.02, step: 0)
        try writer.addScalar("loss", 0.75, step: 1)
        try writer.flush()
        try writer.addScalar("loss", 0.25, step: 2)
        try writer.addScalar("mAP@0.50", 0.125, step: 2)
        var image = RasterImage(width: 5, height: 4, color: [10, 20, 30])
        image.fill(x0: 1, y0: 1, x1: 3, y1: 2, color: [255, 0, 128])
        try writer.addImage("augmented_images/0", image, step: 2)
        let weights: [Float] = [-2.5, -0.001, 0, 0, 1e-13, 0.3, 0.3, 0.31, 7, 1e6]
        try writer.addHistogram("conv1/kernel", values: weights, step: 2)
        try writer.flush()
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files.count == 2)
        #expect(files.allSatisfy { $0.hasPrefix("events.out.tfevents.") && !$0.hasSuffix(".partial") })

        let script = """
        import sys, json, io
        import numpy as np
        from PIL import Image
        from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
        acc = EventAccumulator(sys.argv[1], size_guidance={'scalars': 0, 'images': 0, 'histograms': 0})
        acc.Reload()
        tags = acc.Tags()
        out = {'scalars': {t: [[e.step, e.value] for e in acc.Scalars(t)] for t in tags['scalars']}}
        img = acc.Images('augmented_images/0')[0]
        pixels = np.array(Image.open(io.BytesIO(img.encoded_image_string)).convert('RGB'))
        out['image'] = {'step': img.step, 'width': img.width, 'height': img.height, 'pixels': pixels.flatten().tolist()}
        h = acc.Histograms('conv1/kernel')[0]
        hv = h.histogram_value
        values = np.array(json.loads(sys.argv[2]), dtype=np.float64)
        # TensorFlow's default limits, and the bucket of v is the first limit > v
        pos = []; v = 1e-12
        while v < 1e20:
            pos.append(v); v *= 1.1
        pos.append(sys.float_info.max)
        limits = [-x for x in reversed(pos)] + [0.0] + pos
        counts = np.bincount(np.searchsorted(limits, values, side='right'), minlength=len(limits))
        nonzero = {limits[i]: int(c) for i, c in enumerate(counts) if c}
        got = {l: int(c) for l, c in zip(hv.bucket_limit, hv.bucket) if c}
        out['histogram'] = {'step': h.step, 'min': hv.min, 'max': hv.max, 'num': hv.num, 'sum': hv.sum,
            'sum_squares': hv.sum_squares, 'buckets_match': nonzero == got,
            'expected_sum': float(values.sum()), 'expected_sq': float((values ** 2).sum())}
        print(json.dumps(out))
        """
        let json = try DataTestSupport.python(script, arguments: [folder, "\(weights.map { Double($0) })"])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let scalars = try #require(result["scalars"] as? [String: [[Double]]])
        #expect(Set(scalars.keys) == ["loss", "lr", "mAP@0.50"])
        #expect(scalars["loss"] == [[0, 1.5], [1, 0.75], [2, 0.25]])
        #expect(scalars["mAP@0.50"] == [[2, 0.125]])
        let lr = try #require(scalars["lr"]?.first)
        #expect(lr[0] == 0 && lr[1] == Double(Float(0.02)))

        let picture = try #require(result["image"] as? [String: Any])
        #expect(picture["step"] as? Int == 2 && picture["width"] as? Int == 5 && picture["height"] as? Int == 4)
        #expect((picture["pixels"] as? [Int])?.map(UInt8.init) == image.pixels)

        let histogram = try #require(result["histogram"] as? [String: Any])
        #expect(histogram["step"] as? Int == 2)
        #expect(histogram["min"] as? Double == -2.5 && histogram["max"] as? Double == 1e6)
        #expect(histogram["num"] as? Double == 10)
        #expect(histogram["buckets_match"] as? Bool == true)
        let sum = try #require(histogram["sum"] as? Double), expectedSum = try #require(histogram["expected_sum"] as? Double)
        #expect(abs(sum - expectedSum) < 1e-6)
        let squares = try #require(histogram["sum_squares"] as? Double)
        let expectedSquares = try #require(histogram["expected_sq"] as? Double)
        #expect(abs(squares - expectedSquares) / expectedSquares < 1e-12)
    }

    /// Every record of a written file carries valid masked CRC32Cs and a parseable Event; the first one is the
    /// file-version header TensorBoard expects.
    @Test func filesStartWithTheVersionEventAndAreValidTFRecords() throws {
        let folder = try DataTestSupport.scratchDirectory("tensorboard-records")
        let writer = try TensorBoardWriter(directory: folder)
        try writer.addScalar("x", 3, step: 7)
        try writer.flush()
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        let events = try TFRecordReader.records(atPath: folder + "/" + name).map { try Tensorflow_Event(serializedBytes: $0) }
        #expect(events.count == 2)
        #expect(events[0].fileVersion == "brain.Event:2")
        #expect(events[1].step == 7 && events[1].summary.value.first?.simpleValue == 3)
    }
}
