/// A file the tool could not write, create or use (an output, a log file), with the path first in its message.
public struct FileError: Error, CustomStringConvertible, Equatable {
    /// The file or folder.
    public var path: String
    /// What went wrong.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
