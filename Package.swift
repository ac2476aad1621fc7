// swift-tools-version:6.0
// frcnn: a Faster R-CNN toolkit in Swift over libtorch. Layers (lower never imports higher):
//   CTorch (C++ shim, plain-C header) → Torch (Swift tensors, autograd, nn, optimizers, serialization)
//   → FasterRCNN (Spec, Data, Model, Training, Evaluation, Inference, Pruning, Export) → frcnn (CLI);
//   CONNXRuntime (C shim over ONNX Runtime's C API, dlopened at run time) → ONNXRuntime (sessions) → FasterRCNN;
//   CHDF5 (C shim over libhdf5, for Keras weight files) → FasterRCNN.
import PackageDescription

/// libtorch comes from $LIBTORCH (a folder with include/ and lib/), else from .libtorch/ filled by scripts/setup.
let libtorch = Context.environment["LIBTORCH"] ?? "\(Context.packageDirectory)/.libtorch"

let package = Package(
    name: "frcnn",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "frcnn", targets: ["frcnn"]),
        .library(name: "FasterRCNN", targets: ["FasterRCNN"]),
        .library(name: "Torch", targets: ["Torch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "CTorch",
            cxxSettings: [
                .unsafeFlags([
                    "-isystem", "\(libtorch)/include",
                    "-isystem", "\(libtorch)/include/torch/csrc/api/include",
                    "-Wno-deprecated-declarations",
                ]),
            ],
            linkerSettings: [
                .linkedLibrary("torch_cpu"),
                .linkedLibrary("c10"),
                .linkedLibrary("dl"),
                .unsafeFlags([
                    "-L", "\(libtorch)/lib",
                    "-Xlinker", "-rpath", "-Xlinker", "\(libtorch)/lib",
                    "-Xlinker", "-rpath", "-Xlinker", "$ORIGIN/../lib",
                ]),
            ]
        ),
        .target(name: "Torch", dependencies: ["CTorch"]),
        // ONNX Runtime is dlopened, never linked (its symbols are versioned per release). Its C API header comes from
        // .onnxruntime/include, which scripts/setup fills; .onnxruntime/lib is one place load() looks for the library.
        .target(
            name: "CONNXRuntime",
            cSettings: [
                .define("CONNX_PACKAGE_DIRECTORY", to: "\"\(Context.packageDirectory)\""),
                .unsafeFlags(["-isystem", "\(Context.packageDirectory)/.onnxruntime/include"]),
            ],
            linkerSettings: [.linkedLibrary("dl")]
        ),
        .target(name: "ONNXRuntime", dependencies: ["CONNXRuntime"]),
        // libhdf5 (Debian's libhdf5-dev, serial build; scripts/setup installs it) for Keras weight files.
        .target(
            name: "CHDF5",
            cSettings: [.unsafeFlags(["-isystem", "/usr/include/hdf5/serial"])],
            linkerSettings: [.linkedLibrary("hdf5_serial")]
        ),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG"),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo"),
        .target(
            name: "FasterRCNN",
            dependencies: [
                "Torch", "ONNXRuntime", "CHDF5", "CJPEG", "CPNG", "CCairo",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "frcnn",
            dependencies: [
                "FasterRCNN", "Torch", "ONNXRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The benchmark (`make bench`, docs/performance.md); not part of the tests.
        .executableTarget(name: "frcnn-bench", dependencies: ["FasterRCNN", "Torch", "ONNXRuntime"], path: "bench/frcnn-bench"),
        // What the test targets share (the Python oracle, the process launcher); Foundation only, no Testing:
        // it throws errors that describe the failure, and the test that calls it fails with them.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TorchTests", dependencies: ["Torch", "TestSupport"]),
        .testTarget(name: "FasterRCNNTests", dependencies: ["FasterRCNN", "Torch", "TestSupport"]),
        .testTarget(name: "BenchTests", dependencies: ["frcnn-bench"]),
        .testTarget(name: "FrcnnCLITests", dependencies: ["FasterRCNN", "Torch", "TestSupport"]),
        .testTarget(name: "ONNXRuntimeTests", dependencies: ["ONNXRuntime", "TestSupport"]),
    ],
    cxxLanguageStandard: .cxx20
)
