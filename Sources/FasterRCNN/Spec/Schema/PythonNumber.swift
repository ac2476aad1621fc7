/// Number words read exactly as Python's `text_format` reads them (`ParseFloat`, `_ParseAbstractInteger`,
/// which rely on Python's `float()` and `int(text, 0)`), so a spec accepted by TAO is accepted here.
enum PythonNumber {
    /// `ParseFloat`: `float(text)`; else `-?inf(inity)?f?` or `nanf?` (any case); else `float(text.rstrip('fF'))`.
    static func float(_ text: String) -> Double? {
        if let value = pythonFloat(Substring(text)) { return value }
        let lower = text.lowercased()
        let unsigned = lower.hasPrefix("-") ? lower.dropFirst() : Substring(lower)
        if ["inf", "inff", "infinity", "infinityf"].contains(unsigned) { return lower.hasPrefix("-") ? -.infinity : .infinity }
        if lower == "nan" || lower == "nanf" { return .nan }
        var stripped = Substring(text)
        while let last = stripped.last, last == "f" || last == "F" { stripped = stripped.dropLast() }
        return pythonFloat(stripped)
    }

    /// `_ParseAbstractInteger`: C-style octal (`-?0\d+`), else `int(text, 0)` (decimal, `0x`, `0o`, `0b`,
    /// underscores between digits); nil when it is not an integer or does not fit 64 bits.
    static func integer(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        let magnitude: UInt64?
        let isCOctal = text.first != "+" && body.count > 1 && body.first == "0" && body.allSatisfy(\.isASCIIDigit)
        if isCOctal {
            magnitude = UInt64(body.dropFirst(), radix: 8)
        } else if body.count > 2, body.first == "0", let radix = ["x": 16, "o": 8, "b": 2][body.dropFirst().first!.lowercased()] {
            var digits = body.dropFirst(2)
            if digits.first == "_" { digits = digits.dropFirst() }
            magnitude = withoutSeparators(digits, isDigit: { $0.isHexDigit }).flatMap { UInt64($0, radix: radix) }
        } else {
            let digits = withoutSeparators(body, isDigit: \.isASCIIDigit)
            // Python forbids leading zeros in decimal literals, except for zero itself.
            magnitude = digits.flatMap { $0.first == "0" && $0.contains(where: { $0 != "0" }) ? nil : UInt64($0) }
        }
        guard let magnitude else { return nil }
        if negative { return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// Python's `float()` on a word: optional sign, then `inf`/`infinity`/`nan` in any case, or a decimal
    /// `digits[.digits][e[sign]digits]` (leading or trailing dot allowed) with single underscores between digits.
    private static func pythonFloat(_ text: Substring) -> Double? {
        var body = text
        var sign = ""
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case "inf", "infinity": return sign.isEmpty ? .infinity : -.infinity
        case "nan": return .nan
        default: break
        }
        let exponentStart = body.firstIndex { $0 == "e" || $0 == "E" }
        let mantissa = body[..<(exponentStart ?? body.endIndex)]
        var exponent = ""
        if let exponentStart {
            var digits = body[body.index(after: exponentStart)...]
            var exponentSign = ""
            if let first = digits.first, first == "-" || first == "+" {
                exponentSign = String(first)
                digits = digits.dropFirst()
            }
            guard let clean = withoutSeparators(digits, isDigit: \.isASCIIDigit) else { return nil }
            exponent = "e" + exponentSign + clean
        }
        let parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count <= 2, !(parts.allSatisfy(\.isEmpty)) else { return nil }
        var cleanParts: [String] = []
        for part in parts {
            if part.isEmpty {
                cleanParts.append("")
            } else if let clean = withoutSeparators(part, isDigit: \.isASCIIDigit) {
                cleanParts.append(clean)
            } else {
                return nil
            }
        }
        let integerPart = cleanParts[0].isEmpty ? "0" : cleanParts[0]
        let fraction = cleanParts.count > 1 && !cleanParts[1].isEmpty ? "." + cleanParts[1] : ""
        return Double(sign + integerPart + fraction + exponent)
    }

    /// The digits with single `_` separators between digits removed; nil if empty or malformed.
    private static func withoutSeparators(_ text: Substring, isDigit: (Character) -> Bool) -> String? {
        guard let first = text.first, let last = text.last, isDigit(first), isDigit(last) else { return nil }
        var result = ""
        var previousWasDigit = false
        for character in text {
            if character == "_" {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
            } else {
                guard isDigit(character) else { return nil }
                result.append(character)
                previousWasDigit = true
            }
        }
        return result
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
