import Foundation

/// A training run cannot start or cannot go on: bad training settings, an unreadable or foreign checkpoint,
/// a wrong key, a results folder that is not ours to overwrite, a loss that became NaN or infinite.
/// The message names the file, step or field at fault.
public struct TrainingError: Error, CustomStringConvertible, LocalizedError, Equatable, Sendable {
    /// What went wrong.
    public let message: String

    /// An error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
