/// Splits protobuf text format into tokens on demand (so a huge file is never held as a token array).
///
/// Accepts what Python's `google.protobuf.text_format` tokenizer accepts: `#` comments, single- or
/// double-quoted strings with C escapes, identifiers and number-like words. The input must be UTF-8
/// (checked up front, as Python reads spec files as text).
struct Tokenizer {
    private let bytes: [UInt8]
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    init(bytes: [UInt8]) throws(SyntaxError) {
        self.bytes = bytes
        try Self.checkText(bytes)
    }

    /// Rejects input that is not UTF-8 text, naming the first bad byte.
    private static func checkText(_ bytes: [UInt8]) throws(SyntaxError) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let location = SpecPosition(line: line, column: index - lineStart + 1)
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            if byte == 0 {
                throw SyntaxError(location: location, message: "not a text file: NUL byte at offset \(index)")
            }
            guard byte >= 0x80 else {
                index += 1
                continue
            }
            let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte <= 0xDF ? 2 : 0
            let sequence = length > 0 && index + length <= bytes.count ? Array(bytes[index..<index + length]) : []
            guard !sequence.isEmpty, String(validating: sequence, as: UTF8.self) != nil else {
                throw SyntaxError(location: location, message: "not a text file: invalid UTF-8 at byte offset \(index)")
            }
            index += length
        }
    }

    private var location: SpecPosition { SpecPosition(line: line, column: offset - lineStart + 1) }

    private func peekByte(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    private mutating func advance() {
        if bytes[offset] == 0x0A {
            line += 1
            lineStart = offset + 1
        }
        offset += 1
    }

    private mutating func skipSpaceAndComments() {
        while let byte = peekByte() {
            if byte == UInt8(ascii: "#") {
                while let next = peekByte(), next != 0x0A { advance() }
            } else if byte == 0x20 || (0x09...0x0D).contains(byte) {
                advance()
            } else {
                return
            }
        }
    }

    /// The next token; `.endOfFile` forever once the input is used up.
    mutating func next() throws(SyntaxError) -> Token {
        skipSpaceAndComments()
        let start = location
        let startOffset = offset
        guard let byte = peekByte() else {
            return Token(kind: .endOfFile, text: "", bytes: [], location: start)
        }
        if Self.isIdentifierStart(byte) {
            while let next = peekByte(), Self.isIdentifierStart(next) || Self.isDigit(next) || next == 0x2B || next == 0x2D {
                advance()
            }
            return Token(kind: .identifier, text: text(from: startOffset), bytes: [], location: start)
        }
        if Self.isDigit(byte) || byte == 0x2B || byte == 0x2D || (byte == 0x2E && peekByte(1).map(Self.isDigit) == true) {
            advance()
            while let next = peekByte(), Self.isNumberPart(next) { advance() }
            return Token(kind: .number, text: text(from: startOffset), bytes: [], location: start)
        }
        if byte == 0x22 || byte == 0x27 {
            return try string(quote: byte, start: start, startOffset: startOffset)
        }
        if "{}<>[]:,;".utf8.contains(byte) {
            advance()
            return Token(kind: .symbol, text: String(UnicodeScalar(byte)), bytes: [], location: start)
        }
        let character = String(decoding: bytes[offset..<min(offset + 4, bytes.count)], as: UTF8.self).first.map(String.init) ?? "?"
        let shown = byte < 0x20 || byte == 0x7F ? "control character 0x\(String(byte, radix: 16))" : "character '\(character)'"
        throw SyntaxError(location: start, message: "unexpected \(shown)")
    }

    private func text(from startOffset: Int) -> String {
        String(decoding: bytes[startOffset..<offset], as: UTF8.self)
    }

    private mutating func string(quote: UInt8, start: SpecPosition, startOffset: Int) throws(SyntaxError) -> Token {
        advance()
        var decoded: [UInt8] = []
        while true {
            guard let byte = peekByte(), byte != 0x0A else {
                throw SyntaxError(location: start, message: "unterminated string (missing closing \(quote == 0x22 ? "\"" : "'"))")
            }
            if byte == quote {
                advance()
                return Token(kind: .string, text: text(from: startOffset), bytes: decoded, location: start)
            }
            if byte == 0x5C {
                try escape(into: &decoded)
            } else {
                decoded.append(byte)
                advance()
            }
        }
    }

    /// Decodes one escape as Python's `text_format` does (`CUnescape`, then the `unicode_escape` codec):
    /// `\n \t \r \a \b \f \v \\ \' \"`, octal `\101` (at most \377), hex `\x41`, `\u00e9`, `\U0001F600`;
    /// any other escaped character is kept with its backslash (Python warns but accepts it).
    private mutating func escape(into decoded: inout [UInt8]) throws(SyntaxError) {
        let escapeStart = location
        advance()
        guard let code = peekByte(), code != 0x0A else {
            throw SyntaxError(location: escapeStart, message: "unterminated string (backslash at end of line)")
        }
        advance()
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "a"): 0x07,
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "v"): 0x0B, UInt8(ascii: "\\"): 0x5C,
            UInt8(ascii: "'"): 0x27, UInt8(ascii: "\""): 0x22,
        ]
        if let value = simple[code] {
            decoded.append(value)
        } else if (0x30...0x37).contains(code) {
            var value = Int(code - 0x30)
            for _ in 0..<2 {
                guard let digit = peekByte(), (0x30...0x37).contains(digit) else { break }
                value = value * 8 + Int(digit - 0x30)
                advance()
            }
            guard value <= 0xFF else {
                throw SyntaxError(location: escapeStart, message: "octal escape above \\377 in string")
            }
            decoded.append(UInt8(value))
        } else if code == UInt8(ascii: "x") {
            decoded.append(UInt8(try hexDigits(min: 1, max: 2, at: escapeStart)))
        } else if code == UInt8(ascii: "u") || code == UInt8(ascii: "U") {
            let count = code == UInt8(ascii: "u") ? 4 : 8
            let value = try hexDigits(min: count, max: count, at: escapeStart)
            guard let scalar = UnicodeScalar(value) else {
                throw SyntaxError(location: escapeStart, message: "invalid Unicode escape (U+\(String(value, radix: 16)))")
            }
            decoded.append(contentsOf: Array(String(Character(scalar)).utf8))
        } else if code == UInt8(ascii: "N") {
            throw SyntaxError(location: escapeStart, message: "named Unicode escapes (\\N{...}) are not supported")
        } else {
            decoded += [0x5C, code]
        }
    }

    private mutating func hexDigits(min: Int, max: Int, at escapeStart: SpecPosition) throws(SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        var count = 0
        while count < max, let digit = peekByte(), let nibble = Self.hexValue(digit) {
            value = value &* 16 &+ UInt32(nibble)
            count += 1
            advance()
        }
        guard count >= min else {
            throw SyntaxError(location: escapeStart, message: "invalid hex escape in string (expected \(min) hex digits)")
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
    }

    private static func isNumberPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == 0x2E || byte == 0x2B || byte == 0x2D
    }
}
