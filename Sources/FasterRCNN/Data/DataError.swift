import Foundation

/// An error in dataset input or output, always naming the file and, where it applies, the line or record
/// and the field at fault.
public struct DataError: Error, CustomStringConvertible, LocalizedError, Equatable {
    /// Where in a file the problem is.
    public enum Location: Equatable, Sendable {
        /// The file as a whole.
        case file
        /// A 1-based line of a text file.
        case line(Int)
        /// A 0-based record index of a TFRecord file.
        case record(Int)
    }

    /// The file at fault.
    public var path: String
    /// The line or record at fault.
    public var location: Location
    /// The field at fault, when there is one (for example `"bbox left"` or `"frame/width"`).
    public var field: String?
    /// What is wrong.
    public var reason: String

    /// Creates an error for `path` at `location`.
    public init(path: String, location: Location = .file, field: String? = nil, reason: String) {
        self.path = path
        self.location = location
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var text = path
        switch location {
        case .file: break
        case .line(let line): text += ":\(line)"
        case .record(let record): text += ", record \(record)"
        }
        if let field { text += ", field '\(field)'" }
        return text + ": " + reason
    }

    public var errorDescription: String? { description }
}
