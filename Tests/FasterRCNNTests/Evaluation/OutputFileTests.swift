import Foundation
import Testing

@testable import FasterRCNN

/// KITTI label files and evaluation.json.
@Suite struct OutputFileTests {
    @Test func labelLineFormat() {
        let text = KITTIPredictionLabels.text([
            KITTIPrediction(className: "car", box: box(10.125, 20, 30.999, -4.5), score: 0.5),
        ])
        #expect(text == "car 0 0 0 10.12 20.00 31.00 -4.50 0 0 0 0 0 0 0 0.5000000\n")
    }

    /// Written labels parse back to the detections, within the printed precision.
    @Test func labelFilesRoundTrip() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let predictions = RandomDetections.images(seed: 3, count: 5).flatMap(\.detections).map {
            KITTIPrediction(className: $0.className, box: $0.box, score: $0.score)
        }
        #expect(predictions.count > 10)
        let url = folder.appendingPathComponent("000123.txt")
        try KITTIPredictionLabels.write(predictions, to: url)
        let parsed = try KITTIPredictionLabels.read(url)
        #expect(parsed.count == predictions.count)
        for (written, read) in zip(predictions, parsed) {
            #expect(written.className == read.className)
            #expect(abs(written.box.x1 - read.box.x1) <= 0.005 + 1e-9)
            #expect(abs(written.box.y2 - read.box.y2) <= 0.005 + 1e-9)
            #expect(abs(written.score - read.score) <= 5e-8 + 1e-12)
        }
        try KITTIPredictionLabels.write([], to: url)
        #expect(try KITTIPredictionLabels.read(url).isEmpty)
    }

    @Test func labelParseErrorsNameLineAndField() {
        #expect(throws: KITTILabelParseError(source: "a.txt", line: 2, field: "line", reason: "expected 16 space-separated fields, found 15")) {
            try KITTIPredictionLabels.parse(
                "car 0 0 0 1 2 3 4 0 0 0 0 0 0 0 0.5\ncar 0 0 0 1 2 3 4 0 0 0 0 0 0 0\n", source: "a.txt")
        }
        #expect(throws: KITTILabelParseError(source: "b.txt", line: 1, field: "y2 (field 8)", reason: "not a number: 'x'")) {
            try KITTIPredictionLabels.parse("car 0 0 0 1 2 3 x 0 0 0 0 0 0 0 0.5\n", source: "b.txt")
        }
        let error = KITTILabelParseError(source: "b.txt", line: 1, field: "y2 (field 8)", reason: "not a number: 'x'")
        #expect(error.description == "b.txt:1: y2 (field 8): not a number: 'x'")
    }

    /// evaluation.json holds TAO's, COCO's and KITTI's numbers, replaces an older file atomically, and
    /// leaves no temporary file behind.
    @Test func evaluationJSON() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = TAOMeanAveragePrecisionTests.images
        let tao = try TAOMeanAveragePrecision(iouThresholds: [0.5, 0.7], confidenceThreshold: 0.5, interpolation: .area)
            .evaluate(images)
        let report = EvaluationReport(
            tao: tao, coco: COCOMeanAveragePrecision.evaluate(images), kitti: KITTIBenchmarkAP.evaluate(images))
        let url = folder.appendingPathComponent("evaluation.json")
        try Data("old".utf8).write(to: url)
        try report.write(to: url)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let taoObject = try #require(object["tao"] as? [String: Any])
        let thresholds = try #require(taoObject["thresholds"] as? [[String: Any]])
        let car = try #require((thresholds.first?["classes"] as? [[String: Any]])?.first)
        #expect(abs((car["averagePrecision"] as? Double ?? -1) - 1.0 / 3) < 1e-12)
        #expect(car["falseNegatives"] as? Int == 2)
        #expect((car["curve"] as? [String: Any])?["recall"] is [Double])
        #expect(abs((taoObject["meanAP"] as? Double ?? -1) - 1.0 / 6) < 1e-12)
        #expect((object["coco"] as? [String: Any])?["meanAP"] is Double)
        #expect(((object["kitti"] as? [String: Any])?["classes"] as? [Any])?.count == 3)
        #expect(try JSONDecoder().decode(EvaluationReport.self, from: Data(contentsOf: url)) == report)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["evaluation.json"])
        #expect(report.comparisonSummary.contains("COCO-style"))
        #expect(report.comparisonSummary.contains("KITTI benchmark"))
    }
}
