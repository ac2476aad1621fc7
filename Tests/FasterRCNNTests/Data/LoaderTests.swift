import Foundation
import Testing
@testable import FasterRCNN

@Suite("Dataset reading and batch loading")
struct LoaderTests {
    /// Converts 12 synthetic frames (3 in fold 0) and returns the experiment reading them.
    private func converted(extra: [(String, String)] = [], spatial: String? = nil, name: String = "loader")
        throws -> (experiment: ResolvedExperiment, frames: [SyntheticKITTI.Frame], root: String) {
        let (root, specPath, frames) = try ConversionTestSupport.kittiDataset(name: name)
        _ = try ConversionTestSupport.convert(specPath: specPath, prefix: root + "/tfrecords/kitti")
        let experiment = try LoaderTestSupport.experiment(tfrecords: root + "/tfrecords/kitti*", images: root,
                                                          spatial: spatial, extra: extra)
        return (experiment, frames, root)
    }

    private func load(_ experiment: ResolvedExperiment, _ split: DetectionDataset.Split) throws -> DetectionDataset {
        try DetectionDataset.load(experiment.dataset, classes: experiment.classes, split: split, specPath: "spec.txt")
    }

    @Test("Splits by validation_fold, maps classes (sorted targets, background last) and drops unmapped classes")
    func datasetReading() throws {
        let (experiment, frames, root) = try converted(extra: [("key: 'cyclist'\nvalue: 'cyclist'", "key: 'truck'\nvalue: 'truck'")])
        #expect(experiment.classes.names == ["car", "person", "truck", "background"])
        let training = try load(experiment, .training), validation = try load(experiment, .validation)
        #expect(training.samples.count == 9 && validation.samples.count == 3)
        let byFrame = Dictionary(uniqueKeysWithValues: frames.map { ("image_2/\($0.stem)", $0) })
        for sample in training.samples + validation.samples {
            let frame = try #require(byFrame[sample.frameID])
            #expect(sample.imagePath == "\(root)/\(sample.frameID).png")
            let expected = frame.objects.compactMap { object -> GroundTruthObject? in
                let id = ["Car": 0, "Pedestrian": 1][object.className]
                return id.map { GroundTruthObject(box: BoundingBox(x1: Double(object.left), y1: Double(object.top), x2: Double(object.right),
                                                           y2: Double(object.bottom)), classID: $0, difficult: object.occlusion >= 1) }
            }
            #expect(sample.objects == expected)
        }
    }

    /// P2.9 item 5: `PREFIX_warning.json` beside the shards matched `kitti*` and failed training with a checksum
    /// error on our own file; a `.partial` left by a killed conversion did the same.
    @Test("dataset_convert's side files that the pattern matches are skipped and listed, not read as records")
    func sideFilesSkipped() throws {
        let (experiment, _, root) = try converted(name: "loader-side")
        for name in ["kitti_warning.json", "kitti-fold-000-of-002-shard-00000-of-00001.partial"] {
            try Data("{\"not\": \"a record\"}".utf8).write(to: URL(fileURLWithPath: root + "/tfrecords/" + name))
        }
        let training = try load(experiment, .training), validation = try load(experiment, .validation)
        #expect(training.samples.count == 9 && validation.samples.count == 3)
        #expect(training.skippedSideFiles.map { ($0 as NSString).lastPathComponent }.sorted()
                == ["kitti-fold-000-of-002-shard-00000-of-00001.partial", "kitti_warning.json"], "\(training.skippedSideFiles)")
    }

    @Test("Batches hold normalised CHW pixels and padded y1x1y2x2 boxes")
    func batches() throws {
        let (experiment, _, _) = try converted()
        let dataset = try load(experiment, .validation)
        let loader = try BatchLoader(dataset: dataset, pipeline: InputPipeline(experiment: experiment, training: false),
                                     batchSize: 2, shuffle: false, seed: 1, epoch: 0)
        let first = try #require(try loader.next())
        #expect(first.count == 2 && first.channels == 3 && first.height == 192 && first.width == 320)
        #expect(first.images.count == 2 * 3 * 192 * 320 && first.maxObjects == 100)
        let sample = dataset.samples[0], object = sample.objects[0]
        #expect(Array(first.boxes[0..<4]) == [object.box.y1, object.box.x1, min(object.box.y2, 191), min(object.box.x2, 319)].map { Float($0) })
        #expect(first.classIDs[0] == Int32(object.classID) && first.classIDs[sample.objects.count] == -1)
        #expect(first.objectCounts[0] == sample.objects.count)
        // Inside the object (drawn in its class colour) the first channel is blue minus the blue mean.
        let color = SyntheticKITTI.classes.first { $0.name.lowercased().hasPrefix(experiment.classes.names[object.classID].prefix(3)) }!.color
        let inside = Int(object.box.y1 + 1) * 320 + Int(object.box.x1 + 1)
        #expect(abs(first.images[inside] - (Float(color[2]) - 103.939)) < 1e-3)
        #expect(abs(first.images[2 * 192 * 320 + inside] - (Float(color[0]) - 123.68)) < 1e-3)
        #expect(try loader.next()?.count == 1)
        #expect(try loader.next() == nil)
    }

    @Test("Batches are identical for a seed whatever the thread count, and differ for another seed")
    func determinism() throws {
        let (experiment, _, _) = try converted(spatial: LoaderTestSupport.spatial("hflip_probability: 0.5\ntranslate_max_x: 8"))
        let dataset = try load(experiment, .training)
        let pipeline = InputPipeline(experiment: experiment, training: true)
        func epoch(seed: UInt64, workers: Int) throws -> [[Float]] {
            let loader = try BatchLoader(dataset: dataset, pipeline: pipeline, batchSize: 2, shuffle: true, seed: seed,
                                         epoch: 3, workers: workers, prefetch: 2)
            var batches: [[Float]] = []
            while let batch = try loader.next() { batches.append(batch.images + batch.boxes) }
            return batches
        }
        let one = try epoch(seed: 7, workers: 1)
        #expect(one.count == 5)
        #expect(try epoch(seed: 7, workers: 2) == one)
        #expect(try epoch(seed: 7, workers: 3) == one)
        #expect(try epoch(seed: 8, workers: 2) != one)
    }

    @Test("More objects than max_objects_num_per_image is an error naming the image")
    func tooManyObjects() throws {
        let (experiment, _, _) = try converted(extra: [("max_objects_num_per_image: 100", "max_objects_num_per_image: 1")])
        let dataset = try load(experiment, .training)
        let crowded = try #require(dataset.samples.firstIndex { $0.objects.count > 1 })
        let loader = try BatchLoader(dataset: DetectionDataset(samples: [dataset.samples[crowded]], classes: dataset.classes),
                                     pipeline: InputPipeline(experiment: experiment, training: false),
                                     batchSize: 1, shuffle: false, seed: 0, epoch: 0)
        let error = try #require(throws: DataError.self) { try loader.next() }
        #expect(error.path == dataset.samples[crowded].imagePath && error.reason.contains("max_objects_num_per_image (1)"))
    }

    @Test("A corrupt TFRecord and a missing image are errors naming the file and record")
    func badInput() throws {
        let (experiment, _, root) = try converted(name: "loaderbad")
        let file = root + "/tfrecords/kitti-fold-001-of-002-shard-00001-of-00002"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count - 1] ^= 0x55
        try bytes.write(to: URL(fileURLWithPath: file))
        let error = try #require(throws: DataError.self) { try load(experiment, .training) }
        #expect(error.path == file)
        if case .record(let index) = error.location { #expect(index >= 0) } else { Issue.record("no record index") }
        let validation = try load(experiment, .validation)
        try FileManager.default.removeItem(atPath: validation.samples[1].imagePath)
        let loader = try BatchLoader(dataset: validation, pipeline: InputPipeline(experiment: experiment, training: false),
                                     batchSize: 3, shuffle: false, seed: 0, epoch: 0)
        let missing = try #require(throws: DataError.self) { try loader.next() }
        #expect(missing.path == validation.samples[1].imagePath)
    }

    @Test("Dynamic input keeps the aspect ratio, flips boxes with pixels, and needs batch size 1")
    func dynamicShape() throws {
        let (experiment, _, _) = try converted(
            extra: [("size_height_width {\nheight: 192\nwidth: 320\n}", "size_min {\nmin: 240\n}"),
                    ("output_image_width: 320\noutput_image_height: 192", "output_image_min: 240\noutput_image_max: 1000")],
            spatial: LoaderTestSupport.spatial("hflip_probability: 1.0"))
        let dataset = try load(experiment, .training)
        let pipeline = InputPipeline(experiment: experiment, training: true)
        #expect(throws: DataError.self) {
            try BatchLoader(dataset: dataset, pipeline: pipeline, batchSize: 2, shuffle: false, seed: 0, epoch: 0)
        }
        let loader = try BatchLoader(dataset: dataset, pipeline: pipeline, batchSize: 1, shuffle: false, seed: 0, epoch: 0)
        let batch = try #require(try loader.next())
        #expect(batch.height == 240 && batch.width == 400)
        let object = dataset.samples[0].objects[0].box
        let scale = 240.0 / 192.0
        func rounded(_ value: Double, limit: Double) -> Float { Float(min(value.rounded(.toNearestOrEven), limit)) }
        let y1 = rounded(object.y1 * scale, limit: 239), y2 = rounded(object.y2 * scale, limit: 239)
        let x1 = rounded(400 - object.x2 * scale, limit: 399), x2 = rounded(400 - object.x1 * scale, limit: 399)
        #expect(Array(batch.boxes[0..<4]) == [y1, x1, y2, x2])
    }

    @Test("Grayscale input: one channel of Pillow's luma minus the 'l' mean")
    func grayscale() throws {
        let means = "    image_channel_mean {\n        key: 'b'\n        value: 103.939\n}\n    image_channel_mean {\n"
            + "        key: 'g'\n        value: 116.779\n}\n    image_channel_mean {\n        key: 'r'\n        value: 123.68\n}"
        let (experiment, _, _) = try converted(extra: [
            ("image_type: RGB", "image_type: GRAY_SCALE"), ("image_channel_order: 'bgr'", "image_channel_order: 'l'"),
            (means, "image_channel_mean {\n key: 'l'\n value: 127.5\n}"), ("output_image_channel: 3", "output_image_channel: 1"),
        ], name: "gray")
        let dataset = try load(experiment, .validation)
        let loader = try BatchLoader(dataset: dataset, pipeline: InputPipeline(experiment: experiment, training: false),
                                     batchSize: 1, shuffle: false, seed: 0, epoch: 0)
        let batch = try #require(try loader.next())
        #expect(batch.channels == 1 && batch.images.count == 192 * 320)
        let image = try ImageFile.read(path: dataset.samples[0].imagePath).converted(toChannels: 1)
        for index in [0, 5000, 40_000] {
            #expect(batch.images[index] == Float(image.pixels[index]) - 127.5)
        }
    }
}
