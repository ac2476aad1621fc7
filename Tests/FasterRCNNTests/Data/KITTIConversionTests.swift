import Foundation
import Testing
@testable import FasterRCNN

@Suite("KITTI conversion")
struct KITTIConversionTests {
    @Test("A generated KITTI set converts under TAO's names and reads back field for field")
    func roundTrip() throws {
        let (root, specPath, frames) = try ConversionTestSupport.kittiDataset()
        let prefix = root + "/tfrecords/kitti_trainval"
        let summary = try ConversionTestSupport.convert(specPath: specPath, prefix: prefix)
        let names = (0..<2).flatMap { fold in (0..<2).map { String(format: "%@-fold-%03d-of-002-shard-%05d-of-00002", prefix, fold, $0) } }
        #expect(summary.files == names)
        var seen: [String: FrameRecord] = [:]
        for file in names {
            for (record, data) in try TFRecordReader.records(atPath: file).enumerated() {
                let parsed = try FrameRecord(serialized: data, path: file, record: record)
                #expect(seen[parsed.frameID] == nil)
                seen[parsed.frameID] = parsed
            }
        }
        #expect(seen.count == frames.count)
        for frame in frames {
            let record = try #require(seen["image_2/\(frame.stem)"])
            #expect(record.width == 320 && record.height == 192)
            #expect(record.objects == frame.objects.map { object in
                var lowered = object
                lowered.className = object.className.lowercased()
                return lowered
            })
        }
        #expect(summary.exampleCounts == [3, 9])
        #expect(summary.warningFile == nil)
    }
}
