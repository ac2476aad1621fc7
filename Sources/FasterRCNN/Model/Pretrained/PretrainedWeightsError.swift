/// Why `pretrained_weights` could not be used.
public enum PretrainedWeightsError: Error, CustomStringConvertible, Equatable {
    /// The file could not be read (not the format its name says, damaged, truncated).
    case unreadable(path: String, reason: String)
    /// An encrypted TAO model (a `.tlt` that is not a plain HDF5 file).
    case encryptedTAOModel(path: String)
    /// Not one backbone layer could be loaded from the file.
    case nothingLoaded(path: String, arch: String, detail: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "pretrained_weights \(path): \(reason)"
        case .encryptedTAOModel(let path):
            "pretrained_weights \(path): an encrypted TAO model is not supported. TAO encrypts .tlt files with the " +
                "model key (-k) through NVIDIA's closed-source encryption library, whose format is not published, so " +
                "frcnn cannot decrypt it. Use the plain Keras .hdf5 that TAO 5 writes (or save the model's weights " +
                "with Keras' save_weights) and point pretrained_weights at that file."
        case .nothingLoaded(let path, let arch, let detail):
            "pretrained_weights \(path): no layer of \(arch) could be loaded from it (\(detail)); is it a model of " +
                "another backbone?"
        }
    }
}
