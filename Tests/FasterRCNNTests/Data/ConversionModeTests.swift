import Foundation
import Testing
@testable import FasterRCNN

@Suite("Conversion modes: sequence, COCO, sample modifier")
struct ConversionModeTests {
    @Test("Sequence mode deals sequences by size to folds and reverses the fold order")
    func sequence() throws {
        let root = try DataTestSupport.scratchDirectory("sequence")
        try SyntheticKITTI.write(to: root, count: 10, seed: 3)
        let map = ["seqA": ["000000", "000001", "000002", "000003"], "seqB": ["000004", "000005", "000006"],
                   "seqC": ["000007", "000008"], "seqD": ["000009"]]
        try JSONSerialization.data(withJSONObject: map).write(to: URL(fileURLWithPath: root + "/map.json"))
        let spec = """
            kitti_config { root_directory_path: "\(root)" image_dir_name: "image_2" label_dir_name: "label_2"
              image_extension: ".png" partition_mode: "sequence" num_partitions: 2 num_shards: 0
              kitti_sequence_to_frames_file: "map.json" }
            """
        try spec.write(toFile: root + "/spec.txt", atomically: true, encoding: .utf8)
        let summary = try ConversionTestSupport.convert(specPath: root + "/spec.txt", prefix: root + "/out/seq")
        #expect(summary.files == [root + "/out/seq-fold-000-of-002", root + "/out/seq-fold-001-of-002"])
        let folds = try summary.files.map { file in
            Set(try TFRecordReader.records(atPath: file).enumerated().map {
                try FrameRecord(serialized: $1, path: file, record: $0).frameID
            })
        }
        #expect(folds[0] == Set(["000004", "000005", "000006", "000009"].map { "image_2/" + $0 }))
        #expect(folds[1] == Set(["000000", "000001", "000002", "000003", "000007", "000008"].map { "image_2/" + $0 }))
    }

    @Test("COCO annotations become TAO's records: xywh to x1y1x2y2, names without spaces, file order, sizes from JSON")
    func coco() throws {
        let root = try DataTestSupport.scratchDirectory("coco")
        let categories: [[String: Any]] = [["id": 1, "name": "Traffic Light"], ["id": 2, "name": "car"]]
        let train: [String: Any] = [
            "images": [["id": 7, "file_name": "b.jpg", "width": 640, "height": 480],
                       ["id": 3, "file_name": "a.v2.jpg", "width": 320, "height": 240]],
            "annotations": [["id": 11, "image_id": 3, "category_id": 1, "bbox": [10.5, 20, 30, 40]],
                            ["id": 12, "image_id": 7, "category_id": 2, "bbox": [5, 5, 0.5, 10]],
                            ["id": 13, "image_id": 3, "category_id": 2, "bbox": [1, 2, 3, 4]]],
            "categories": categories,
        ]
        let val: [String: Any] = [
            "images": [["id": 1, "file_name": "c.png", "width": 100, "height": 50]],
            "annotations": [["id": 21, "image_id": 1, "category_id": 2, "bbox": [0, 0, 10, 10]]],
            "categories": categories,
        ]
        try JSONSerialization.data(withJSONObject: train).write(to: URL(fileURLWithPath: root + "/train.json"))
        try JSONSerialization.data(withJSONObject: val).write(to: URL(fileURLWithPath: root + "/val.json"))
        let spec = """
            coco_config { root_directory_path: "\(root)" img_dir_names: ["images/train", "images/val"]
              annotation_files: ["train.json", "val.json"] num_partitions: 2 num_shards: [0, 0] }
            """
        try spec.write(toFile: root + "/spec.txt", atomically: true, encoding: .utf8)
        let summary = try ConversionTestSupport.convert(specPath: root + "/spec.txt", prefix: root + "/out/coco")
        let fold0 = try TFRecordReader.records(atPath: summary.files[0]).enumerated().map {
            try FrameRecord(serialized: $1, path: summary.files[0], record: $0)
        }
        #expect(fold0.map(\.frameID) == ["images/train/b", "images/train/a.v2"])
        #expect(fold0[0].objects.isEmpty && fold0[0].width == 640 && fold0[0].height == 480)
        #expect(fold0[1].objects == [
            KITTIObject(className: "trafficlight", left: 10.5, top: 20, right: 40.5, bottom: 60),
            KITTIObject(className: "car", left: 1, top: 2, right: 4, bottom: 6),
        ])
        #expect(summary.warnings == ["12": [5, 5, 5, 15]])
        #expect(summary.exampleCounts == [2, 1])
    }

    @Test("The sample modifier filters, duplicates and caps training folds and leaves the validation fold alone")
    func sampleModifier() throws {
        var modifier = try SampleModifier(
            filterSamplesContainingOnly: ["car"], dominantTargetClasses: ["car"],
            minimumTargetClassImbalance: ["pedestrian": 0.5], numDuplicates: 2, maxTrainingSamples: 5,
            sourceToTargetClassMapping: ["car": "car", "van": "car", "pedestrian": "pedestrian"],
            validationFold: 0, numFolds: 2, specPath: "s.txt")
        func frame(_ classes: [String]) -> FrameRecord {
            FrameRecord(frameID: "f", width: 10, height: 10,
                        objects: classes.map { KITTIObject(className: $0, left: 0, top: 0, right: 1, bottom: 1) })
        }
        #expect(modifier.modify(frame(["car", "van"]), fold: 0).count == 1)  // validation: untouched
        #expect(modifier.modify(frame(["car", "van"]), fold: 1).isEmpty)     // only cars: filtered
        #expect(modifier.modify(frame(["car", "car", "pedestrian"]), fold: 1).count == 1)  // 1 > 2 × 0.5 is false
        #expect(modifier.modify(frame(["car", "pedestrian", "pedestrian"]), fold: 1).count == 3)  // 2 > 0.5: 1 + 2
        #expect(modifier.modify(frame(["pedestrian"]), fold: 1).count == 1)  // cap 5 / (2 − 1) = 5 reached
        #expect(modifier.modify(frame(["pedestrian"]), fold: 1).isEmpty)
        #expect(throws: DataError.self) {
            try SampleModifier(filterSamplesContainingOnly: ["truck"], dominantTargetClasses: [],
                               minimumTargetClassImbalance: [:], numDuplicates: 0, maxTrainingSamples: 0,
                               sourceToTargetClassMapping: ["car": "car"], validationFold: nil, numFolds: 2, specPath: "s.txt")
        }
    }
}
