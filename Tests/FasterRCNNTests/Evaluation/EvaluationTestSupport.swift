import Foundation
import Testing
import TestSupport

@testable import FasterRCNN

/// Runs a Python script with `$FRCNN_PYTHON` (the venv with numpy, pycocotools and Pillow), feeding JSON on
/// stdin and returning stdout. Throws (so the test fails, never skips) when the interpreter is missing.
enum EvaluationOracle {
    static func run(_ script: String, input: Data = Data()) throws -> Data {
        try PythonOracle.output(script, input: input)
    }

    /// Runs the script and decodes its stdout as a JSON object.
    static func json(_ script: String, input: Any) throws -> [String: Any] {
        let data = try run(script, input: JSONSerialization.data(withJSONObject: input))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ChildProcess.Failure("oracle printed no JSON object: \(String(decoding: data, as: UTF8.self))")
        }
        return object
    }

    /// Size and chosen pixels of a PNG, decoded independently by Pillow.
    static func pngPixels(_ url: URL, at points: [(Int, Int)]) throws -> (width: Int, height: Int, pixels: [RGBColor]) {
        let script = """
            import json, sys
            from PIL import Image
            request = json.load(sys.stdin)
            image = Image.open(request["path"]).convert("RGB")
            print(json.dumps({"size": image.size, "pixels": [image.getpixel((x, y)) for x, y in request["points"]]}))
            """
        let result = try json(script, input: ["path": url.path, "points": points.map { [$0.0, $0.1] }])
        let size = result["size"] as? [Int] ?? []
        let pixels = (result["pixels"] as? [[Int]] ?? []).map {
            RGBColor(red: UInt8($0[0]), green: UInt8($0[1]), blue: UInt8($0[2]))
        }
        return (size.first ?? 0, size.last ?? 0, pixels)
    }
}

/// A seeded generator (SplitMix64) so the randomized comparisons are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A fresh temporary folder for one test.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("frcnn-eval-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func box(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> BoundingBox {
    BoundingBox(x1: x1, y1: y1, x2: x2, y2: y2)
}
