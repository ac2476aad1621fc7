import CONNXRuntime
import Foundation

/// An ONNX model loaded into ONNX Runtime on the CPU, ready to run. ONNX Runtime allows concurrent runs on one
/// session, and the descriptions never change, so a session may be shared between threads.
public final class ONNXSession: @unchecked Sendable {
    /// The model file.
    public let modelPath: String
    /// The model's inputs, in graph order.
    public let inputs: [ONNXValueInfo]
    /// The model's outputs, in graph order.
    public let outputs: [ONNXValueInfo]
    let handle: connx_session

    /// Loads the model at `modelPath` with `threads` intra-op threads (0: ONNX Runtime's default, one per core),
    /// opening the runtime library first if this process has not yet (``ONNXRuntimeLibrary/load()``).
    /// - Throws: ``ONNXRuntimeError``: the library cannot be found; or, naming the file, it does not exist, is not
    ///   an ONNX model (corrupt or truncated protobuf), or uses an IR version, opset or operator this runtime lacks.
    public init(modelPath: String, threads: Int) throws {
        guard threads >= 0 else {
            throw ONNXRuntimeError(modelPath: modelPath, "threads must be 0 (automatic) or more, not \(threads)")
        }
        let library = try ONNXRuntimeLibrary.load()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: modelPath, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ONNXRuntimeError(modelPath: modelPath, isFolder.boolValue ? "is a folder, not an ONNX model file"
                                                                              : "no such file")
        }
        var session: connx_session?
        var error: UnsafeMutablePointer<CChar>?
        let status = connx_session_create(library.handle.pointer, modelPath, Int32(clamping: threads), &session, &error)
        guard status == 0, let session else {
            // ONNX Runtime repeats the path ("Load model from <path> failed:"), which the description gives first.
            var reason = Substring(ShimMessage.take(error))
            if reason.hasPrefix("Load model from \(modelPath) failed:") {
                reason = reason.dropFirst("Load model from \(modelPath) failed:".count)
            }
            throw ONNXRuntimeError(modelPath: modelPath, "ONNX Runtime \(library.version) cannot load it: \(reason)")
        }
        self.modelPath = modelPath
        handle = session
        inputs = (0..<connx_session_input_count(session)).map {
            ONNXValueInfo(connx_session_input(session, $0).pointee)
        }
        outputs = (0..<connx_session_output_count(session)).map {
            ONNXValueInfo(connx_session_output(session, $0).pointee)
        }
    }

    deinit {
        connx_session_free(handle)
    }
}
