import CONNXRuntime
import Foundation
import Testing
@testable import ONNXRuntime

/// Where the runtime library is looked for, and the errors when it cannot be opened.
@Suite struct LibrarySearchTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("onnxruntime-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    private var packageFolder: String { String(cString: connx_package_library_folder()) }

    @Test func theEnvironmentVariableIsTheOnlyPlaceWhenSet() {
        defer { try? FileManager.default.removeItem(at: folder) }
        let places = LibrarySearch.places(environment: ["FRCNN_ONNXRUNTIME": "/opt/ort/libonnxruntime.so.1.40.0"],
                                          executable: "/opt/frcnn/bin/frcnn")
        #expect(places == [LibrarySearchPlace(label: "FRCNN_ONNXRUNTIME=/opt/ort/libonnxruntime.so.1.40.0",
                                              candidates: ["/opt/ort/libonnxruntime.so.1.40.0"])])
    }

    @Test func withoutItTheBundleThenThePackageThenTheSystem() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let bin = folder.appendingPathComponent("bin"), lib = folder.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: lib, withIntermediateDirectories: true)
        for name in ["libonnxruntime.so.1", "libonnxruntime.so.1.9.0", "libonnxruntime.so.1.32.0", "libother.so.1"] {
            #expect(FileManager.default.createFile(atPath: lib.appendingPathComponent(name).path, contents: Data()))
        }
        let places = LibrarySearch.places(environment: ["FRCNN_ONNXRUNTIME": ""],
                                          executable: bin.appendingPathComponent("frcnn").path)
        #expect(places.map(\.label) == ["\(lib.path)/libonnxruntime.so.1*", "\(packageFolder)/libonnxruntime.so.1*",
                                         "libonnxruntime.so.1 (the system's library search)"])
        #expect(places[0].candidates == ["libonnxruntime.so.1.32.0", "libonnxruntime.so.1.9.0", "libonnxruntime.so.1"]
            .map { lib.appendingPathComponent($0).path })
        #expect(places[1].candidates.contains("\(packageFolder)/libonnxruntime.so.1.32.0"))
        #expect(places[2].candidates == ["libonnxruntime.so.1"])
    }

    @Test func anUnusableEnvironmentVariableIsTheErrorNamingIt() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = folder.appendingPathComponent("libonnxruntime.so.1.32.0").path
        try "not a library".write(toFile: text, atomically: true, encoding: .utf8)
        let places = LibrarySearch.places(environment: ["FRCNN_ONNXRUNTIME": text], executable: nil)
        let error = try #require(Self.failure(LibrarySearch.open(places)))
        #expect(error.modelPath == nil)
        #expect(error.message.contains("FRCNN_ONNXRUNTIME=\(text): \(text)"), "\(error)")
        #expect(error.message.contains("scripts/setup"), "\(error)")
        #expect(!error.message.contains(packageFolder + "/libonnxruntime.so.1*"), "\(error)")
    }

    @Test func everyPlaceSearchedIsListedWithItsReason() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let places = [LibrarySearchPlace(label: "\(folder.path)/libonnxruntime.so.1*", candidates: []),
                      LibrarySearchPlace(label: "libc", candidates: ["libc.so.6"])]
        let error = try #require(Self.failure(LibrarySearch.open(places)))
        #expect(error.message.contains("\(folder.path)/libonnxruntime.so.1*: no such file"), "\(error)")
        #expect(error.message.contains("libc: libc.so.6: no OrtGetApiBase symbol"), "\(error)")
        #expect(error.message.contains("FRCNN_ONNXRUNTIME"), "\(error)")
    }

    @Test func theFirstUsableCandidateWins() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = try ONNXRuntimeLibrary.load().path
        let places = [LibrarySearchPlace(label: "empty", candidates: []),
                      LibrarySearchPlace(label: "libc", candidates: ["libc.so.6", real])]
        let library = try LibrarySearch.open(places).get()
        #expect(library.path == real)
    }

    private static func failure(_ result: Result<ONNXRuntimeLibrary, ONNXRuntimeError>) -> ONNXRuntimeError? {
        if case .failure(let error) = result { error } else { nil }
    }
}
