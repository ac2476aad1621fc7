import Foundation
import Testing
@testable import FasterRCNN

@Suite("Conversion against Python oracles")
struct ConversionOracleTests {
    /// Reads every file with its own framing check (struct + crc32c) and the `tfrecord` package's decoder,
    /// and prints, per file, the records as {key: [kind, values]} (floats as their float32 bit patterns).
    private static let reader = """
        import sys, json, struct, crc32c
        from tfrecord.reader import tfrecord_loader
        def masked(data):
            c = crc32c.crc32c(data)
            return (((c >> 15) | (c << 17)) + 0xa282ead8) & 0xffffffff
        out = {}
        for path in sys.argv[1:]:
            raw = open(path, 'rb').read()
            offset, count = 0, 0
            while offset < len(raw):
                (length,) = struct.unpack('<Q', raw[offset:offset + 8])
                assert struct.unpack('<I', raw[offset + 8:offset + 12])[0] == masked(raw[offset:offset + 8]), 'length crc'
                data = raw[offset + 12:offset + 12 + length]
                assert struct.unpack('<I', raw[offset + 12 + length:offset + 16 + length])[0] == masked(data), 'data crc'
                offset += 16 + length
                count += 1
            records = []
            for example in tfrecord_loader(path, None, None):
                record = {}
                for key, value in example.items():
                    if isinstance(value, bytes):
                        record[key] = ['bytes', [value.decode()]]
                    elif value.dtype.kind == 'S':
                        record[key] = ['bytes', [v.decode() for v in value]]
                    elif value.dtype.kind == 'f':
                        record[key] = ['float', [struct.unpack('<I', struct.pack('<f', v))[0] for v in value]]
                    else:
                        record[key] = ['int64', [int(v) for v in value]]
                records.append(record)
            assert len(records) == count
            out[path] = records
        print(json.dumps(out))
        """

    /// TAO's random split, shuffles and sharding in Python (kitti_converter_lib + converter_lib), printing
    /// the frame ids of each output file.
    private static let split = """
        import sys, os, random, json
        images, ext, val_split, shards = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
        random.seed(42)
        ids = [os.path.splitext(f)[0] for f in sorted(os.listdir(images)) if f.endswith(ext)]
        n = int(val_split / 100. * len(ids))
        parts = [ids[:n], ids[n:]]
        for p in parts: random.shuffle(p)
        for p in parts: random.shuffle(p)
        result = []
        for part in parts:
            if not part: continue
            size = len(part) // shards
            result.append([part[i * size:(i + 1) * size if i + 1 < shards else len(part)] for i in range(shards)])
        print(json.dumps(result))
        """

    @Test("The tfrecord package with crc32c reads our files and gets the same keys, kinds and values")
    func independentReader() throws {
        let (root, specPath, _) = try ConversionTestSupport.kittiDataset(count: 9, name: "oracle")
        let summary = try ConversionTestSupport.convert(specPath: specPath, prefix: root + "/out/kitti")
        let decoded = try DataTestSupport.python(Self.reader, arguments: summary.files)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(decoded.utf8)) as? [String: [[String: [Any]]]])
        let expectedKeys: Set<String> = [
            "frame/id", "frame/width", "frame/height", "target/object_class", "target/truncation", "target/occlusion",
            "target/observation_angle", "target/coordinates_x1", "target/coordinates_y1", "target/coordinates_x2",
            "target/coordinates_y2", "target/world_bbox_h", "target/world_bbox_w", "target/world_bbox_l",
            "target/world_bbox_x", "target/world_bbox_y", "target/world_bbox_z", "target/world_bbox_rot_y",
        ]
        var total = 0
        for file in summary.files {
            let theirs = try #require(json[file])
            let ours = try TFRecordReader.records(atPath: file).enumerated().map {
                try FrameRecord(serialized: $1, path: file, record: $0)
            }
            #expect(theirs.count == ours.count)
            for (record, mine) in zip(theirs, ours) {
                total += 1
                #expect(Set(record.keys) == expectedKeys)
                #expect(record["frame/id"]?[1] as? [String] == [mine.frameID])
                #expect(record["frame/width"]?[1] as? [Int] == [mine.width])
                #expect(record["frame/height"]?[1] as? [Int] == [mine.height])
                #expect(record["target/occlusion"]?[0] as? String == "int64")
                #expect(record["target/occlusion"]?[1] as? [Int] == mine.objects.map(\.occlusion))
                // A single-object bytes list comes back as a scalar; kinds are checked either way.
                #expect(record["target/object_class"]?[1] as? [String] == mine.objects.map(\.className))
                for (key, value) in FrameRecord.floatKeys {
                    #expect(record[key]?[0] as? String == "float", "\(key) kind")
                    #expect(record[key]?[1] as? [UInt32] == mine.objects.map { value($0).bitPattern }, "\(key) values")
                }
            }
        }
        #expect(total == 9)
    }

    @Test("Partitions, shuffles and shards hold the same frames in the same order as TAO's Python")
    func taoSplit() throws {
        let (root, specPath, _) = try ConversionTestSupport.kittiDataset(count: 23, valSplit: 30, shards: 3, name: "split")
        let summary = try ConversionTestSupport.convert(specPath: specPath, prefix: root + "/out/kitti")
        let printed = try DataTestSupport.python(Self.split, arguments: [root + "/image_2", ".png", "30", "3"])
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? [[[String]]])
        let ours = try summary.files.map { file in
            try TFRecordReader.records(atPath: file).enumerated().map {
                String(try FrameRecord(serialized: $1, path: file, record: $0).frameID.dropFirst("image_2/".count))
            }
        }
        #expect(ours == expected.flatMap { $0 })
    }
}
