/// The syntax tree of a text-format file, before any schema is applied.
///
/// A file is a message body: a list of fields. A field is `name [:] value`, where the value is a scalar
/// (one token, or several adjacent strings), a nested message in `{}` or `<>`, or a `[a, b]` list.
struct TextMessage: Sendable {
    var fields: [TextField]
    /// Where the message starts (its opening brace; line 1 for the file).
    let location: SpecPosition
}

struct TextField: Sendable {
    let name: String
    let location: SpecPosition
    /// Whether a `:` followed the name (required before scalars).
    let hasColon: Bool
    let value: TextValue
}

enum TextValue: Sendable {
    case scalar(TextScalar)
    case message(TextMessage)
    case list([TextValue], location: SpecPosition)
}

/// A scalar as written: a word (identifier or number) or a string made of adjacent quoted parts.
struct TextScalar: Sendable {
    enum Kind: Sendable {
        case identifier, number, string
    }

    let kind: Kind
    /// Source text of a word; for strings the source text of the first part.
    let text: String
    /// Decoded bytes of a string (all parts concatenated).
    let bytes: [UInt8]
    let location: SpecPosition
}
