import Foundation
import Testing
@testable import FasterRCNN

@Suite("Synthetic KITTI demo data")
struct SyntheticSceneTests {
    private func folder() -> String { NSTemporaryDirectory() + "frcnn-scene-\(UUID().uuidString.prefix(8))" }

    private func files(_ root: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for sub in ["image_2", "label_2"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: "\(root)/\(sub)") {
                result["\(sub)/\(name)"] = FileManager.default.contents(atPath: "\(root)/\(sub)/\(name)")
            }
        }
        return result
    }

    @Test("The same seed gives byte-identical files; another seed gives other files")
    func determinism() throws {
        let (a, b, c) = (folder(), folder(), folder())
        defer { for root in [a, b, c] { try? FileManager.default.removeItem(atPath: root) } }
        let style = SyntheticKITTI.Style.varied(SyntheticScene())
        try SyntheticKITTI.write(to: a, count: 6, width: 96, height: 64, seed: 7, style: style)
        try SyntheticKITTI.write(to: b, count: 6, width: 96, height: 64, seed: 7, style: style)
        try SyntheticKITTI.write(to: c, count: 6, width: 96, height: 64, seed: 8, style: style)
        let first = try files(a)
        #expect(first.count == 12)
        #expect(first == (try files(b)))
        #expect(first != (try files(c)))
    }

    @Test("Labels have 15 fields, boxes inside the image, empty frames, occlusion and truncation values")
    func labels() throws {
        let root = folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let frames = try SyntheticKITTI.write(to: root, count: 60, width: 160, height: 96, maxObjects: 5, seed: 3,
                                              style: .varied(SyntheticScene(emptyFraction: 0.2)))
        #expect(frames.contains { $0.objects.isEmpty })
        #expect(frames.filter { $0.objects.isEmpty }.count < 30)
        let objects = frames.flatMap(\.objects)
        #expect(Set(objects.map(\.occlusion)).isSuperset(of: [0, 1]))
        #expect(objects.contains { $0.truncation > 0 } && objects.allSatisfy { (0..<0.6).contains($0.truncation) })
        #expect(Set(objects.map(\.className)) == ["Car", "Pedestrian", "Cyclist"])
        for frame in frames {
            let text = try String(contentsOfFile: "\(root)/label_2/\(frame.stem).txt", encoding: .utf8)
            let lines = text.split(separator: "\n")
            #expect(lines.count == frame.objects.count)
            #expect(lines.allSatisfy { $0.split(separator: " ").count == 15 })
            #expect(try KITTILabelFile.read(path: "\(root)/label_2/\(frame.stem).txt") == frame.objects)
            for object in frame.objects {
                #expect(object.left >= 0 && object.top >= 0 && object.right <= 160 && object.bottom <= 96)
                #expect(object.right - object.left >= 2 && object.bottom - object.top >= 2)
            }
        }
        // Sizes and aspects vary: widths and heights spread over a wide range.
        let widths = objects.map { $0.right - $0.left }, aspects = objects.map { ($0.right - $0.left) / ($0.bottom - $0.top) }
        #expect(widths.max()! > 3 * widths.min()! && aspects.max()! > 3 * aspects.min()!)
    }

    @Test("A fully visible object's box is exactly its drawn extent in its (jittered) class colour")
    func boxesMatchPixels() throws {
        let root = folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let scene = SyntheticScene(classes: [SyntheticScene.standardClasses[0]], emptyFraction: 0, colorJitter: 0,
                                   truncationProbability: 0)
        let frames = try SyntheticKITTI.write(to: root, count: 4, width: 120, height: 80, maxObjects: 1, seed: 11, style: .varied(scene))
        for frame in frames {
            let object = try #require(frame.objects.first)
            let image = try ImageFile.read(path: "\(root)/image_2/\(frame.stem).png")
            func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(image.pixels[(y * 120 + x) * 3..<(y * 120 + x) * 3 + 3]) }
            let (x1, y1, x2, y2) = (Int(object.left), Int(object.top), Int(object.right), Int(object.bottom))
            // Top row: the unshaded red; bottom row: the shaded red; outside the box: background (not red).
            #expect(pixel(x1, y1) == [220, 40, 40] && pixel(x2 - 1, y1) == [220, 40, 40])
            #expect(pixel(x1, y2 - 1)[0] < 220 && pixel(x1, y2 - 1)[0] >= 165)
            if x1 > 0 { #expect(pixel(x1 - 1, y1) != pixel(x1, y1)) }
            #expect(object.occlusion == 0 && object.truncation == 0)
        }
    }

    @Test("Custom class names get their own colours and the standard looks keep theirs")
    func customClasses() {
        let classes = SyntheticScene.objectClasses(named: ["car", "Sign", "Bus"])
        #expect(classes.map(\.name) == ["car", "Sign", "Bus"])
        #expect(classes[0].color == [220, 40, 40] && classes[0].shape == .rectangle)
        #expect(classes[1].color != classes[2].color)
    }
}
