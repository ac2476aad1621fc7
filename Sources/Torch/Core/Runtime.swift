import CTorch

/// Facts about the libtorch this process loaded, and process-wide settings.
public enum Runtime {
    /// libtorch's version, e.g. "2.13.0".
    public static var libtorchVersion: String { String(cString: ctorch_version()) }

    /// The file the libtorch CPU library was loaded from.
    public static var libraryPath: String { String(cString: ctorch_library_path()) }

    /// Whether the loaded libtorch has CUDA and sees at least one device.
    public static var isCUDAAvailable: Bool { ctorch_cuda_is_available() == 1 }

    /// The number of CUDA devices visible (0 on a CPU build).
    public static var cudaDeviceCount: Int { max(0, Int(ctorch_cuda_device_count())) }

    /// The number of threads libtorch's intra-op pool uses.
    public static var threadCount: Int {
        get { Int(ctorch_get_num_threads()) }
        set { ctorch_set_num_threads(Int32(newValue)) }
    }
}

extension Runtime {
    /// Seeds libtorch's global random generator (used by rand, randn, randint, randperm, dropout and initializers).
    public static func manualSeed(_ seed: UInt64) {
        _ = ctorch_manual_seed(seed)
    }
}
