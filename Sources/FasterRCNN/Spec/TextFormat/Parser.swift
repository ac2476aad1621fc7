/// Parses protobuf text format into a `TextMessage`, without a schema.
///
/// Nesting is limited to `maxDepth` messages, so deeply nested input fails with an error instead of
/// exhausting the stack. Parsing stops at the first syntax error (what follows cannot be trusted).
struct Parser {
    /// Deepest nesting of messages and lists accepted (TAO specs use 5).
    static let maxDepth = 64

    private var tokenizer: Tokenizer
    private var current: Token

    /// Parses a whole file.
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> TextMessage {
        var parser = try Parser(bytes: bytes)
        return try parser.messageBody(closing: nil, openedAt: SpecPosition(line: 1, column: 1), fieldName: nil, depth: 0)
    }

    private init(bytes: [UInt8]) throws(SyntaxError) {
        tokenizer = try Tokenizer(bytes: bytes)
        current = try tokenizer.next()
    }

    private mutating func advance() throws(SyntaxError) -> Token {
        let token = current
        current = try tokenizer.next()
        return token
    }

    private mutating func skip(_ symbol: String) throws(SyntaxError) -> Bool {
        guard current.isSymbol(symbol) else { return false }
        _ = try advance()
        return true
    }

    /// Fields up to `closing` (or the end of the file for the top level).
    private mutating func messageBody(
        closing: String?, openedAt: SpecPosition, fieldName: String?, depth: Int
    ) throws(SyntaxError) -> TextMessage {
        var fields: [TextField] = []
        while true {
            if let closing, current.isSymbol(closing) {
                _ = try advance()
                return TextMessage(fields: fields, location: openedAt)
            }
            if current.kind == .endOfFile {
                guard let closing else { return TextMessage(fields: fields, location: openedAt) }
                let what = fieldName.map { "'\($0)'" } ?? "message"
                throw SyntaxError(
                    location: current.location,
                    message: "unexpected end of file: '\(closing)' expected to close \(what) opened at line \(openedAt.line)")
            }
            fields.append(try field(depth: depth))
            if !(try skip(",")) { _ = try skip(";") }
        }
    }

    private mutating func field(depth: Int) throws(SyntaxError) -> TextField {
        let nameToken = try advance()
        guard nameToken.kind == .identifier else {
            if nameToken.isSymbol("[") {
                throw SyntaxError(location: nameToken.location, message: "extension and Any fields ('[...]') are not part of the spec schema")
            }
            throw SyntaxError(location: nameToken.location, message: "expected a field name, found \(nameToken.quoted)")
        }
        let hasColon = try skip(":")
        let value = try value(fieldName: nameToken.text, depth: depth, allowList: true)
        return TextField(name: nameToken.text, location: nameToken.location, hasColon: hasColon, value: value)
    }

    private mutating func value(fieldName: String, depth: Int, allowList: Bool) throws(SyntaxError) -> TextValue {
        let token = current
        if token.isSymbol("{") || token.isSymbol("<") {
            guard depth < Self.maxDepth else {
                throw SyntaxError(location: token.location, message: "messages nested more than \(Self.maxDepth) levels deep")
            }
            _ = try advance()
            let closing = token.text == "{" ? "}" : ">"
            return .message(try messageBody(closing: closing, openedAt: token.location, fieldName: fieldName, depth: depth + 1))
        }
        if token.isSymbol("[") && allowList {
            _ = try advance()
            var elements: [TextValue] = []
            if try skip("]") { return .list(elements, location: token.location) }
            while true {
                elements.append(try value(fieldName: fieldName, depth: depth, allowList: false))
                if try skip("]") { return .list(elements, location: token.location) }
                guard try skip(",") else {
                    throw SyntaxError(location: current.location, message: "expected ',' or ']' in the list of '\(fieldName)', found \(current.quoted)")
                }
            }
        }
        switch token.kind {
        case .identifier, .number:
            _ = try advance()
            return .scalar(TextScalar(kind: token.kind == .number ? .number : .identifier, text: token.text, bytes: [], location: token.location))
        case .string:
            var bytes: [UInt8] = []
            while current.kind == .string { bytes += try advance().bytes }
            return .scalar(TextScalar(kind: .string, text: token.text, bytes: bytes, location: token.location))
        case .endOfFile:
            throw SyntaxError(location: token.location, message: "unexpected end of file: value of '\(fieldName)' expected")
        case .symbol:
            throw SyntaxError(location: token.location, message: "expected a value for '\(fieldName)', found \(token.quoted)")
        }
    }
}
