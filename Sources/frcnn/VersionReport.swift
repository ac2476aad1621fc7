import ONNXRuntime
import Torch

/// The text `frcnn --version` prints: frcnn's version, the libtorch it runs on and the ONNX Runtime it found.
enum VersionReport {
    static let frcnnVersion = "0.1.0"

    static var text: String {
        """
        frcnn \(frcnnVersion)
        libtorch \(Runtime.libtorchVersion) (\(Runtime.libraryPath))
        threads \(Runtime.threadCount)
        cuda \(Runtime.isCUDAAvailable ? "available (\(Runtime.cudaDeviceCount) devices)" : "not available")
        \(onnxRuntime)
        """
    }

    /// `onnxruntime <version> (<file>)`, or why no usable library was found.
    private static var onnxRuntime: String {
        do {
            let library = try ONNXRuntimeLibrary.load()
            return "onnxruntime \(library.version) (\(library.path))"
        } catch {
            return "onnxruntime not found: \(error)"
        }
    }
}
