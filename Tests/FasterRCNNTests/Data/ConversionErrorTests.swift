import Foundation
import Testing
@testable import FasterRCNN

@Suite("Conversion of bad input")
struct ConversionErrorTests {
    /// Converts the dataset after `damage` changed it; returns the error and checks no output looks complete.
    private func failure(_ damage: (String) throws -> Void) throws -> DataError {
        let (root, specPath, _) = try ConversionTestSupport.kittiDataset(count: 6, valSplit: 50, shards: 0, name: "bad")
        try damage(root)
        let prefix = root + "/out/kitti"
        let error = try #require(throws: DataError.self) {
            try ConversionTestSupport.convert(specPath: specPath, prefix: prefix)
        }
        let written = (try? FileManager.default.contentsOfDirectory(atPath: root + "/out")) ?? []
        #expect(written.isEmpty, "left behind: \(written)")
        return error
    }

    @Test("A label line with the wrong number of fields names the file and line")
    func fieldCount() throws {
        let error = try failure { root in
            try "Car 0 0 0 1 2 30 40 0 0 0 0 0 0\n".write(toFile: root + "/label_2/000003.txt", atomically: true, encoding: .utf8)
        }
        #expect(error.path.hasSuffix("label_2/000003.txt") && error.location == .line(1))
    }

    @Test("A non-numeric coordinate names the file, line and field")
    func nonNumeric() throws {
        let error = try failure { root in
            try "Car 0 0 0 1 2 30 40 0 0 0 0 0 0 0\nCar 0 0 0 1 x 30 40 0 0 0 0 0 0 0\n"
                .write(toFile: root + "/label_2/000002.txt", atomically: true, encoding: .utf8)
        }
        #expect(error.path.hasSuffix("label_2/000002.txt") && error.location == .line(2) && error.field == "bbox top")
    }

    @Test("A truncated image and an unreadable image are named")
    func badImages() throws {
        let truncated = try failure { root in
            let path = root + "/image_2/000001.png"
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        }
        #expect(truncated.path.hasSuffix("image_2/000001.png") && truncated.reason.contains("truncated"))
        let garbage = try failure { root in
            try Data("garbage".utf8).write(to: URL(fileURLWithPath: root + "/image_2/000004.png"))
        }
        #expect(garbage.path.hasSuffix("image_2/000004.png"))
    }

    @Test("An image without a label file, and a label file without an image, are named")
    func unpaired() throws {
        let noLabel = try failure { root in try FileManager.default.removeItem(atPath: root + "/label_2/000005.txt") }
        #expect(noLabel.path.hasSuffix("label_2/000005.txt") && noLabel.reason.contains("000005.png"))
        let noImage = try failure { root in
            try "Car 0 0 0 1 2 30 40 0 0 0 0 0 0 0\n".write(toFile: root + "/label_2/000099.txt", atomically: true, encoding: .utf8)
        }
        #expect(noImage.path.hasSuffix("label_2/000099.txt") && noImage.reason.contains("no image"))
    }

    @Test("A missing image directory is named")
    func missingDirectory() throws {
        let (root, specPath, _) = try ConversionTestSupport.kittiDataset(count: 2, name: "nodir")
        try FileManager.default.removeItem(atPath: root + "/image_2")
        let spec = try DatasetExportSpec.load(path: specPath)
        let error = try #require(throws: SpecError.self) {
            try DatasetConversion.run(spec: spec, outputPrefix: root + "/out/x", validationFold: nil)
        }
        #expect("\(error)".contains("image_2"))
    }

    @Test("Existing output files are refused and left untouched")
    func existingOutput() throws {
        let (root, specPath, _) = try ConversionTestSupport.kittiDataset(count: 4, valSplit: 50, shards: 0, name: "exists")
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        let taken = root + "/out/kitti-fold-001-of-002"
        try Data("keep".utf8).write(to: URL(fileURLWithPath: taken))
        let error = try #require(throws: DataError.self) {
            try ConversionTestSupport.convert(specPath: specPath, prefix: root + "/out/kitti")
        }
        #expect(error.path == taken)
        #expect(FileManager.default.contents(atPath: taken) == Data("keep".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/out") == ["kitti-fold-001-of-002"])
    }

    @Test("Degenerate boxes are skipped and listed in PREFIX_warning.json")
    func degenerate() throws {
        let (root, specPath, frames) = try ConversionTestSupport.kittiDataset(count: 4, valSplit: 50, shards: 0, name: "degenerate")
        let label = root + "/label_2/000002.txt"
        try (frames[2].objects.map(\.line) + ["Car 0 0 0 50.7 20 50.2 40 0 0 0 0 0 0 0"]).joined(separator: "\n")
            .write(toFile: label, atomically: true, encoding: .utf8)
        let prefix = root + "/out/kitti"
        let summary = try ConversionTestSupport.convert(specPath: specPath, prefix: prefix)
        #expect(summary.warningFile == prefix + "_warning.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: prefix + "_warning.json")))
        #expect((json as? [String: [Int]]) == ["\(label)_\(frames[2].objects.count)": [50, 20, 50, 40]])
        let objects = summary.objectCounts.flatMap(\.values).reduce(0, +)
        #expect(objects == frames.map(\.objects.count).reduce(0, +))
    }
}
