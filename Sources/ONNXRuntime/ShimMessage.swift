import Foundation

/// The messages the C shim returns (ONNX Runtime's or the dynamic loader's), made readable on one line.
enum ShimMessage {
    /// The text of a message the shim allocated (this frees it), made ``readable(_:)``.
    static func take(_ text: UnsafeMutablePointer<CChar>?) -> String {
        guard let text else { return "out of memory while reporting an ONNX Runtime error" }
        defer { free(text) }
        return readable(String(cString: text))
    }

    /// `message` without the C++ source location and function signature that ONNX Runtime's checks put before
    /// what they say (`/onnxruntime_src/…/model.cc:256 onnxruntime::Model::Model(…) Unsupported model IR
    /// version: 99, …`), with its line breaks and indentation folded into single spaces.
    static func readable(_ message: String) -> String {
        var text = Substring(message)
        if let location = text.firstMatch(of: #/\/\S+\.(?:cc|cpp|h):\d+ /#) {
            let rest = text[location.range.upperBound...]
            text = text[..<location.range.lowerBound] + withoutSignature(rest)
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `text` without a leading C++ function signature (a qualified name, its parameter list and any `const`).
    private static func withoutSignature(_ text: Substring) -> Substring {
        guard let open = text.firstIndex(of: "("), text[..<open].contains("::") else { return text }
        var depth = 0
        for index in text[open...].indices {
            if text[index] == "(" { depth += 1 }
            if text[index] == ")" { depth -= 1 }
            if depth == 0 {
                var rest = text[text.index(after: index)...]
                if rest.hasPrefix(" const") { rest = rest.dropFirst(" const".count) }
                return rest.drop { $0 == " " }
            }
        }
        return text
    }
}
