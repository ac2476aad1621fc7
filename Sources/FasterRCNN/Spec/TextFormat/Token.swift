/// One token of protobuf text format, with where it starts.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// `[A-Za-z_][A-Za-z0-9_+-]*`: field names, enum names, `true`, `inf`, ...
        case identifier
        /// `([0-9+-]|\.[0-9])[0-9A-Za-z_.+-]*`, as Python's tokenizer reads numbers; interpreted per field type.
        case number
        /// A quoted string; `bytes` holds its decoded value.
        case string
        /// One of `{ } < > [ ] : , ;`.
        case symbol
        case endOfFile
    }

    let kind: Kind
    /// The token's source text (for strings: the source text including quotes).
    let text: String
    /// Decoded bytes of a string token; empty otherwise.
    let bytes: [UInt8]
    let location: SpecPosition

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// How the token is named in error messages.
    var quoted: String {
        switch kind {
        case .endOfFile: return "end of file"
        case .string: return "string \(text.count > 40 ? String(text.prefix(40)) + "..." : text)"
        default: return "'\(text.count > 40 ? String(text.prefix(40)) + "..." : text)'"
        }
    }
}

/// A syntax error: where, and what.
struct SyntaxError: Error, Sendable {
    let location: SpecPosition
    let message: String
}
