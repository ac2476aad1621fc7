/// A failure to find or open the ONNX Runtime library, to load a model or to run it. An error about a model names
/// its file first; ONNX Runtime's own words are kept, less the C++ source location it puts before them.
public struct ONNXRuntimeError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The model file the error is about; nil for an error about the runtime library itself.
    public let modelPath: String?
    /// What went wrong.
    public let message: String

    /// An error with `message`, about the model file `modelPath` when there is one.
    init(modelPath: String? = nil, _ message: String) {
        self.modelPath = modelPath
        self.message = message
    }

    /// `<model file>: <message>`, or the message alone for a library error.
    public var description: String { modelPath.map { "\($0): \(message)" } ?? message }
}
