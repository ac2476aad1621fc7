/// A position in a spec file: 1-based line and column (columns count bytes).
public struct SpecPosition: Sendable, Hashable, Comparable {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SpecPosition, rhs: SpecPosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// One problem found in a spec file.
///
/// Printed as `file:line:column: field.path: message` (line and column only where known), the
/// form compilers use, so editors can jump to it.
public struct SpecDiagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning
    }

    public let severity: Severity
    /// The spec file as the user named it.
    public let file: String
    public let location: SpecPosition?
    /// Dotted field path from the top-level message, e.g. `training_config.learning_rate.soft_start.base_lr`;
    /// repeated elements as `data_sources[0]`, map entries as `image_channel_mean["r"]`; empty for the file itself.
    public let path: String
    public let message: String

    public init(_ severity: Severity, file: String, location: SpecPosition?, path: String, message: String) {
        self.severity = severity
        self.file = file
        self.location = location
        self.path = path
        self.message = message
    }

    public var description: String {
        var text = file
        if let location { text += ":\(location.line):\(location.column)" }
        text += ": "
        if severity == .warning { text += "warning: " }
        if !path.isEmpty { text += "\(path): " }
        return text + message
    }
}

/// A spec file that cannot be used: every error found (and the warnings seen on the way), in file order.
public struct SpecError: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [SpecDiagnostic]

    public init(_ diagnostics: [SpecDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// The errors only.
    public var errors: [SpecDiagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

extension [SpecDiagnostic] {
    /// Sorted by position: diagnostics without a line last, in the order they were found.
    func sortedByLocation() -> [SpecDiagnostic] {
        enumerated().sorted { lhs, rhs in
            switch (lhs.element.location, rhs.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return false
            case (_?, nil): return true
            default: return lhs.offset < rhs.offset
            }
        }.map(\.element)
    }

    var hasErrors: Bool { contains { $0.severity == .error } }
}
