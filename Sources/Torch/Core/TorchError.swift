import CTorch

/// An operation was rejected: by libtorch (its message, without the C++ backtrace) or by this layer.
public struct TorchError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public let message: String

    /// An error with a message written by this layer.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// The shim's last error on this thread.
    static func last() -> TorchError {
        guard let text = ctorch_last_error() else { return TorchError("libtorch call failed without a message") }
        return TorchError(String(cString: text))
    }
}
