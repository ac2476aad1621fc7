import SwiftProtobuf

/// Reads a scalar as a field of the given type, with the rules of Python's `text_format`, and returns it
/// as canonical text format for swift-protobuf's decoder (or a message saying why it is not valid).
enum ScalarValue {
    static func canonical(_ scalar: TextScalar, as field: FieldSchema, schema: SpecSchema) -> Result<String, ScalarError> {
        switch field.type {
        case .bool:
            return bool(scalar)
        case .float, .double:
            return float(scalar, isDouble: field.type == .double)
        case .int32, .sint32, .sfixed32:
            return integer(scalar, range: Int64(Int32.min)...Int64(Int32.max), typeName: "int32")
        case .uint32, .fixed32:
            return integer(scalar, range: 0...Int64(UInt32.max), typeName: "uint32")
        case .int64, .sint64, .sfixed64:
            return integer(scalar, range: Int64.min...Int64.max, typeName: "int64")
        case .uint64, .fixed64:
            return integer(scalar, range: 0...Int64.max, typeName: "uint64")
        case .string, .bytes:
            return string(scalar, mustBeUTF8: field.type == .string)
        case .enum:
            return enumValue(scalar, schema: schema.enums[field.typeName])
        case .message, .group:
            return .failure(ScalarError("expected a message in { } (found \(describe(scalar)))"))
        }
    }

    /// A failed conversion, in words.
    struct ScalarError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    static func describe(_ scalar: TextScalar) -> String {
        scalar.kind == .string ? "string \(scalar.text)" : "'\(scalar.text)'"
    }

    private static func bool(_ scalar: TextScalar) -> Result<String, ScalarError> {
        if scalar.kind != .string {
            if ["true", "True", "t", "1"].contains(scalar.text) { return .success("true") }
            if ["false", "False", "f", "0"].contains(scalar.text) { return .success("false") }
        }
        return .failure(ScalarError("expected a bool (true/false/True/False/t/f/1/0), found \(describe(scalar))"))
    }

    private static func float(_ scalar: TextScalar, isDouble: Bool) -> Result<String, ScalarError> {
        guard scalar.kind != .string, let value = PythonNumber.float(scalar.text) else {
            return .failure(ScalarError("expected a \(isDouble ? "double" : "float") number, found \(describe(scalar))"))
        }
        if value.isNaN { return .success("nan") }
        // Python rounds the decimal to a double, then (float fields) the double to a float: do the same and
        // write the result's shortest round-trip text, so the decoder cannot round differently.
        let text = isDouble ? value.description : Float(value).description
        return .success(text.hasSuffix("inf") ? (value < 0 ? "-inf" : "inf") : text)
    }

    private static func integer(_ scalar: TextScalar, range: ClosedRange<Int64>, typeName: String) -> Result<String, ScalarError> {
        guard scalar.kind == .number, let value = PythonNumber.integer(scalar.text) else {
            return .failure(ScalarError("expected an integer (\(typeName)), found \(describe(scalar))"))
        }
        guard range.contains(value) else {
            return .failure(ScalarError("\(scalar.text) is out of range for \(typeName) (\(range.lowerBound)...\(range.upperBound))"))
        }
        return .success(String(value))
    }

    private static func string(_ scalar: TextScalar, mustBeUTF8: Bool) -> Result<String, ScalarError> {
        guard scalar.kind == .string else {
            return .failure(ScalarError("expected a quoted string, found \(describe(scalar))"))
        }
        if mustBeUTF8, String(validating: scalar.bytes, as: UTF8.self) == nil {
            return .failure(ScalarError("string is not valid UTF-8"))
        }
        var text = "\""
        for byte in scalar.bytes {
            switch byte {
            case UInt8(ascii: "\""): text += "\\\""
            case UInt8(ascii: "\\"): text += "\\\\"
            case 0x20...0x7E: text.append(Character(UnicodeScalar(byte)))
            default: text += "\\" + String(byte, radix: 8).leftPadded(to: 3)
            }
        }
        return .success(text + "\"")
    }

    private static func enumValue(_ scalar: TextScalar, schema: EnumSchema?) -> Result<String, ScalarError> {
        guard let schema else { return .failure(ScalarError("unknown enum type")) }
        let known = schema.values.map(\.name).joined(separator: ", ")
        let typeName = schema.fullName.split(separator: ".").last ?? ""
        if scalar.kind == .identifier, schema.values.contains(where: { $0.name == scalar.text }) {
            return .success(scalar.text)
        }
        if scalar.kind == .number, let number = PythonNumber.integer(scalar.text),
           let value = schema.values.first(where: { Int64($0.number) == number }) {
            return .success(value.name)
        }
        return .failure(ScalarError("\(describe(scalar)) is not a value of enum \(typeName) (one of: \(known))"))
    }
}

private extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
