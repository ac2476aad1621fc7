/// A message checked against its schema: each field's values in canonical text format, ready to be
/// written out for swift-protobuf's text decoder. Duplicate singular fields are already resolved the way
/// Python's `text_format.Merge` does (last scalar wins, repeated messages merge).
final class BoundMessage {
    enum Value {
        case scalar(String)
        case message(BoundMessage)
    }

    let schema: MessageSchema
    /// Field values in order of first appearance.
    private(set) var entries: [(field: FieldSchema, values: [Value])] = []
    /// The oneof members set so far: oneof name → (field name, where).
    var oneofMembers: [String: (field: String, location: SpecPosition)] = [:]

    init(schema: MessageSchema) {
        self.schema = schema
    }

    func values(of field: FieldSchema) -> [Value] {
        entries.first { $0.field.number == field.number }?.values ?? []
    }

    /// Appends to a repeated field, or replaces a singular one.
    func set(_ field: FieldSchema, _ value: Value) {
        if let index = entries.firstIndex(where: { $0.field.number == field.number }) {
            if field.isRepeated { entries[index].values.append(value) } else { entries[index].values = [value] }
        } else {
            entries.append((field, [value]))
        }
    }

    /// The singular message in `field`, created empty if absent (so a second block merges into the first).
    func child(_ field: FieldSchema, schema: MessageSchema) -> BoundMessage {
        if case .message(let existing)? = values(of: field).last { return existing }
        let child = BoundMessage(schema: schema)
        set(field, .message(child))
        return child
    }

    /// Canonical text format of the message body.
    func text(indent: String = "") -> String {
        var lines = ""
        for (field, values) in entries {
            for value in values {
                switch value {
                case .scalar(let text):
                    lines += "\(indent)\(field.name): \(text)\n"
                case .message(let message):
                    lines += "\(indent)\(field.name) {\n\(message.text(indent: indent + "  "))\(indent)}\n"
                }
            }
        }
        return lines
    }
}
