import Foundation
import SwiftProtobuf

/// The spec files' schema (messages, fields, enums), read from the `FileDescriptorSet` that
/// `scripts/generate-protos` embeds from `protos/tao/*.proto`, so it cannot drift from the generated types.
struct SpecSchema: Sendable {
    /// The schema of every message in `protos/tao`.
    static let shared: SpecSchema = {
        guard let data = Data(base64Encoded: specDescriptorSetBase64, options: .ignoreUnknownCharacters),
              let set = try? Google_Protobuf_FileDescriptorSet(serializedBytes: data) else {
            fatalError("SpecDescriptorSet.swift is corrupt: rerun scripts/generate-protos")
        }
        return SpecSchema(set)
    }()

    /// Messages by full name without the leading dot, e.g. `frcnn.spec.Experiment`.
    private(set) var messages: [String: MessageSchema] = [:]
    /// Enums by full name, e.g. `frcnn.spec.ImageType`.
    private(set) var enums: [String: EnumSchema] = [:]

    private init(_ set: Google_Protobuf_FileDescriptorSet) {
        for file in set.file {
            let prefix = file.package.isEmpty ? "" : file.package + "."
            for message in file.messageType { add(message, prefix: prefix) }
            for descriptor in file.enumType { add(descriptor, prefix: prefix) }
        }
    }

    private mutating func add(_ descriptor: Google_Protobuf_DescriptorProto, prefix: String) {
        let fullName = prefix + descriptor.name
        let oneofNames = descriptor.oneofDecl.map(\.name)
        let fields = descriptor.field.map { field in
            FieldSchema(
                name: field.name,
                number: Int(field.number),
                type: field.type,
                isRepeated: field.label == .repeated,
                typeName: field.typeName.hasPrefix(".") ? String(field.typeName.dropFirst()) : field.typeName,
                oneof: field.hasOneofIndex && !field.proto3Optional ? oneofNames[Int(field.oneofIndex)] : nil)
        }
        messages[fullName] = MessageSchema(
            fullName: fullName,
            fields: fields,
            isMapEntry: descriptor.options.mapEntry)
        for nested in descriptor.nestedType { add(nested, prefix: fullName + ".") }
        for nested in descriptor.enumType { add(nested, prefix: fullName + ".") }
    }

    private mutating func add(_ descriptor: Google_Protobuf_EnumDescriptorProto, prefix: String) {
        let fullName = prefix + descriptor.name
        enums[fullName] = EnumSchema(
            fullName: fullName,
            values: descriptor.value.map { (name: $0.name, number: Int($0.number)) })
    }

    /// The schema of a generated message type.
    func message<M: SwiftProtobuf.Message>(for type: M.Type) -> MessageSchema {
        guard let schema = messages[M.protoMessageName] else {
            fatalError("\(M.protoMessageName) is not in the spec schema: rerun scripts/generate-protos")
        }
        return schema
    }
}

/// One message type: its fields by name.
struct MessageSchema: Sendable {
    let fullName: String
    let fields: [FieldSchema]
    /// Whether this is the synthetic entry type of a `map<K, V>` field (fields `key` = 1, `value` = 2).
    let isMapEntry: Bool

    func field(named name: String) -> FieldSchema? { fields.first { $0.name == name } }
}

/// One field: name, number, type, label and oneof.
struct FieldSchema: Sendable {
    let name: String
    let number: Int
    let type: Google_Protobuf_FieldDescriptorProto.TypeEnum
    let isRepeated: Bool
    /// Full name of the message or enum type, for message and enum fields.
    let typeName: String
    /// The oneof the field belongs to, if any.
    let oneof: String?

    var isMessage: Bool { type == .message || type == .group }

    /// How the type reads in messages, e.g. `uint32`, `float`, `message ModelConfig`.
    var typeDescription: String {
        switch type {
        case .message, .group: return "message \(typeName.split(separator: ".").last ?? "")"
        case .enum: return "enum \(typeName.split(separator: ".").last ?? "")"
        default: return String(describing: type)
        }
    }
}

/// One enum type: value names and numbers.
struct EnumSchema: Sendable {
    let fullName: String
    let values: [(name: String, number: Int)]
}
