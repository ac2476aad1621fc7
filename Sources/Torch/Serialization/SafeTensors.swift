import Foundation

/// Reading and writing the safetensors format (https://github.com/huggingface/safetensors):
/// an 8-byte little-endian header length, a JSON header mapping each name to
/// `{"dtype", "shape", "data_offsets": [begin, end]}` (plus an optional `"__metadata__"` object of strings),
/// then the raw little-endian row-major bytes of every tensor.
public enum SafeTensors {
    /// Writes `tensors` (moved to the CPU, made contiguous) and string `metadata` to `url`, through a temporary
    /// file in the same folder that is renamed into place.
    public static func write(_ tensors: [String: Tensor], metadata: [String: String] = [:], to url: URL) throws {
        let file = try encode(tensors, metadata: metadata)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.globallyUniqueString).partial")
        do {
            try file.write(to: temporary)
            if FileManager.default.fileExists(atPath: url.path) {
                _ = try FileManager.default.replaceItemAt(url, withItemAt: temporary)
            } else {
                try FileManager.default.moveItem(at: temporary, to: url)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw TorchError("safetensors: cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// The bytes of a safetensors file holding `tensors` (moved to the CPU, made contiguous) and `metadata`.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) throws -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var payload = Data()
        for name in tensors.keys.sorted() {
            let tensor = tensors[name]!
            guard name != "__metadata__" else { throw TorchError("safetensors: '__metadata__' is a reserved name") }
            let begin = payload.count
            var bytes = Data(count: tensor.count * tensor.dtype.byteCount)
            try bytes.withUnsafeMutableBytes { try tensor.copyBytes(to: $0) }
            payload.append(bytes)
            header[name] = ["dtype": code(tensor.dtype), "shape": tensor.shape, "data_offsets": [begin, payload.count]]
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
        var file = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(json)
        file.append(payload)
        return file
    }

    /// Reads every tensor (on the CPU) and the string metadata from `url`.
    public static func read(from url: URL) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        let file: Data
        do { file = try Data(contentsOf: url, options: .mappedIfSafe) } catch {
            throw TorchError("safetensors: cannot read \(url.path): \(error.localizedDescription)")
        }
        return try decode(file, source: url.path)
    }

    /// Decodes the bytes of a safetensors file; `source` names it in error messages.
    public static func decode(_ file: Data, source: String) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        func fail(_ message: String) -> TorchError { TorchError("safetensors: \(source): \(message)") }
        guard file.count >= 8 else { throw fail("file is shorter than its 8-byte header length") }
        let headerLength = file.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(file.count - 8) else { throw fail("header length \(headerLength) exceeds the file") }
        let dataStart = 8 + Int(headerLength)
        let parsed = try? JSONSerialization.jsonObject(with: file.subdata(in: 8..<dataStart))
        guard let header = parsed as? [String: Any] else { throw fail("header is not a JSON object") }
        var tensors: [String: Tensor] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                guard let strings = value as? [String: String] else { throw fail("__metadata__ must map strings to strings") }
                metadata = strings
                continue
            }
            guard let info = value as? [String: Any], let dtypeCode = info["dtype"] as? String,
                let shape = (info["shape"] as? [NSNumber])?.map(\.intValue),
                let offsets = (info["data_offsets"] as? [NSNumber])?.map(\.intValue), offsets.count == 2
            else { throw fail("entry '\(name)' lacks dtype, shape or data_offsets") }
            guard let dtype = dtype(code: dtypeCode) else { throw fail("entry '\(name)' has unsupported dtype \(dtypeCode)") }
            let (begin, end) = (dataStart + offsets[0], dataStart + offsets[1])
            guard offsets[0] >= 0, begin <= end, end <= file.count else {
                throw fail("entry '\(name)' has data_offsets \(offsets) outside the file")
            }
            do {
                tensors[name] = try file.subdata(in: begin..<end).withUnsafeBytes {
                    try Tensor(bytes: $0, shape: shape, dtype: dtype)
                }
            } catch let error as TorchError {
                throw fail("entry '\(name)': \(error.message)")
            }
        }
        return (tensors, metadata)
    }

    private static let codes: [(DType, String)] = [
        (.float32, "F32"), (.float64, "F64"), (.float16, "F16"), (.bfloat16, "BF16"), (.int64, "I64"),
        (.int32, "I32"), (.uint8, "U8"), (.bool, "BOOL"),
    ]

    static func code(_ dtype: DType) -> String { codes.first { $0.0 == dtype }!.1 }

    static func dtype(code: String) -> DType? { codes.first { $0.1 == code }?.0 }
}
