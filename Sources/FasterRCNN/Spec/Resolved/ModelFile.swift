import Foundation

/// The two kinds of model file `evaluate` and `inference` run, told apart by name as users name them: a file ending
/// in `.onnx` (any case) is an exported model, anything else a checkpoint.
public enum ModelFile {
    /// Whether `path` names an exported ONNX file.
    public static func isONNX(_ path: String) -> Bool {
        (path as NSString).pathExtension.lowercased() == "onnx"
    }
}
