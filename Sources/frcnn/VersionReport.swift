import Torch

/// The text `frcnn --version` prints: frcnn's version and the libtorch it runs on.
enum VersionReport {
    static let frcnnVersion = "0.1.0"

    static var text: String {
        """
        frcnn \(frcnnVersion)
        libtorch \(Runtime.libtorchVersion) (\(Runtime.libraryPath))
        threads \(Runtime.threadCount)
        cuda \(Runtime.isCUDAAvailable ? "available (\(Runtime.cudaDeviceCount) devices)" : "not available")
        """
    }
}
