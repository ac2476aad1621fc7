/// Why a model cannot be exported, in words that name the part of the model or the file.
public struct ExportError: Error, CustomStringConvertible, Equatable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
