import CONNXRuntime
import Foundation

/// The ONNX Runtime shared library (`libonnxruntime.so.1.x`, release 1.21 or newer) that this process runs models
/// with. It is opened at run time and never linked, because its symbols carry the exact release as their version:
/// a binary linked against one release refuses to start with another.
public struct ONNXRuntimeLibrary: Sendable {
    /// The runtime's own version, e.g. "1.32.0".
    public let version: String
    /// The file the library was loaded from.
    public let path: String
    /// The shim's handle; the library stays open for the life of the process.
    let handle: Handle

    /// The shim's library handle. It never changes after opening, and the shim's calls on it are thread-safe.
    final class Handle: @unchecked Sendable {
        let pointer: connx_library

        init(_ pointer: connx_library) {
            self.pointer = pointer
        }
    }

    /// Finds and opens the library, once per process (later calls return the first outcome, success or error).
    /// Looks at `$FRCNN_ONNXRUNTIME` (a file) alone when it is set; otherwise at `libonnxruntime.so.1*` in the
    /// `lib/` folder beside the running executable's folder, then in this package's `.onnxruntime/lib` (filled by
    /// `scripts/setup`), then lets the system's dynamic loader search for `libonnxruntime.so.1`.
    /// - Throws: ``ONNXRuntimeError`` listing every place searched, with why each failed, and how to install it.
    public static func load() throws -> ONNXRuntimeLibrary {
        try loaded.get()
    }

    private static let loaded = LibrarySearch.open(
        LibrarySearch.places(environment: ProcessInfo.processInfo.environment,
                             executable: Bundle.main.executableURL?.resolvingSymlinksInPath().path))

    /// Opens the library at `path` (a file, or a bare name for the system's search).
    static func open(_ path: String) -> Result<ONNXRuntimeLibrary, ONNXRuntimeError> {
        var pointer: connx_library?
        var error: UnsafeMutablePointer<CChar>?
        guard connx_library_open(path, &pointer, &error) == 0, let pointer else {
            return .failure(ONNXRuntimeError(ShimMessage.take(error)))
        }
        return .success(ONNXRuntimeLibrary(version: String(cString: connx_library_version(pointer)),
                                           path: String(cString: connx_library_path(pointer)),
                                           handle: Handle(pointer)))
    }
}
