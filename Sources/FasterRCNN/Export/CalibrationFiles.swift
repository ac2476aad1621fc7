import Foundation

/// The two files `--data_type int8` writes beside the QDQ graph, from the calibrated amax of each network value:
/// - the TensorRT calibration cache (`--cal_cache_file`): the line `TRT-8601-EntropyCalibration2` (TensorRT 8.6.1,
///   the header tao-deploy's entropy calibrator reads), then `name: hex` per tensor, hex being the float32 bit
///   pattern of amax / 127, lowercase, no `0x`, no padding (amax 127 → `3f800000`);
/// - TAO's `--cal_json_file`: `{"tensor_scales": {name: amax}}`, indented by 4 like Python's `json.dump`.
/// Tensors are listed by name. The ranges are max calibration (the largest magnitude seen), not entropy.
public enum CalibrationFiles {
    /// The cache's first line.
    public static let cacheHeader = "TRT-8601-EntropyCalibration2"

    public static func tensorRTCache(_ ranges: [String: Float]) -> String {
        ([cacheHeader] + ranges.keys.sorted().map { "\($0): \(String((ranges[$0]! / 127).bitPattern, radix: 16))" })
            .joined(separator: "\n") + "\n"
    }

    public static func scalesJSON(_ ranges: [String: Float]) -> String {
        let entries = ranges.keys.sorted().map { "        \(quoted($0)): \(Double(ranges[$0]!))" }
        return "{\n    \"tensor_scales\": {\n" + entries.joined(separator: ",\n") + "\n    }\n}"
    }

    private static func quoted(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return data.flatMap { String(data: $0, encoding: .utf8) }.map { String($0.dropFirst().dropLast()) } ?? "\"\(text)\""
    }
}
