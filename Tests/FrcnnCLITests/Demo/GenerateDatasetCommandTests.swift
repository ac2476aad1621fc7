import Foundation
import Testing

/// Runs the built `frcnn generate_dataset`.
@Suite("frcnn generate_dataset")
struct GenerateDatasetCommandTests {
    private func folder() -> String { NSTemporaryDirectory() + "frcnn-generate-\(UUID().uuidString.prefix(8))" }

    @Test("Writes a KITTI dataset, the same for the same seed, into a new or empty folder only")
    func generate() throws {
        let (first, second, existing) = (folder(), folder(), folder())
        defer { for root in [first, second, existing] { try? FileManager.default.removeItem(atPath: root) } }
        let arguments = ["--images", "5", "--width", "64", "--height", "48", "--seed", "4", "--classes", "Car", "sign"]
        let result = try FrcnnProcess.run(["generate_dataset", "-o", first] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Wrote 5 frames"))
        let images = try FileManager.default.contentsOfDirectory(atPath: first + "/image_2").sorted()
        #expect(images == (0..<5).map { String(format: "%06d.png", $0) })
        let labels = try (0..<5).map { try String(contentsOfFile: first + String(format: "/label_2/%06d.txt", $0), encoding: .utf8) }
        #expect(labels.joined().split(separator: "\n").allSatisfy { line in
            line.split(separator: " ").count == 15 && ["Car", "sign"].contains(line.split(separator: " ")[0])
        })
        // An empty folder is filled; the same options give the same files.
        try FileManager.default.createDirectory(atPath: second, withIntermediateDirectories: true)
        #expect(try FrcnnProcess.run(["generate_dataset", "-o", second] + arguments).status == 0)
        for name in images {
            #expect(FileManager.default.contents(atPath: "\(first)/image_2/\(name)") == FileManager.default.contents(atPath: "\(second)/image_2/\(name)"))
        }
        // A folder holding anything is left alone.
        try FileManager.default.createDirectory(atPath: existing, withIntermediateDirectories: true)
        try "keep".write(toFile: existing + "/notes.txt", atomically: true, encoding: .utf8)
        let refused = try FrcnnProcess.run(["generate_dataset", "-o", existing] + arguments)
        #expect(refused.status == 1 && refused.stderr.contains("already exists and is not an empty folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: existing) == ["notes.txt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: (existing as NSString).deletingLastPathComponent)
            .allSatisfy { !$0.contains(".generating-") })
    }

    @Test("Bad options exit with 64 and name the flag")
    func badOptions() throws {
        let root = folder()
        for (arguments, flag) in [(["--image_extension", "bmp"], "--image_extension"), (["--width", "8"], "--width"),
                                  (["--empty_fraction", "1.5"], "--empty_fraction"), (["--classes", "car", "Car"], "--classes")] {
            let result = try FrcnnProcess.run(["generate_dataset", "-o", root] + arguments)
            #expect(result.status == 64 && result.stderr.contains(flag), "\(arguments): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: root))
    }
}
