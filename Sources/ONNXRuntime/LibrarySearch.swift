import CONNXRuntime
import Foundation

/// One place ``ONNXRuntimeLibrary/load()`` looks for the library, with the files found there.
struct LibrarySearchPlace: Sendable, Equatable {
    /// How the error names the place, e.g. `FRCNN_ONNXRUNTIME=/opt/ort.so` or `/opt/frcnn/lib/libonnxruntime.so.1*`.
    let label: String
    /// What to open, best first; empty when nothing matched there.
    let candidates: [String]
}

/// Where the ONNX Runtime library is looked for, in order, and the probing of those places.
enum LibrarySearch {
    /// The variable naming the library file; when set, the only place looked at.
    static let environmentVariable = "FRCNN_ONNXRUNTIME"
    /// The name the system's dynamic loader is asked for, and the prefix of the files looked for in folders.
    static let libraryName = "libonnxruntime.so.1"

    /// The places in search order: `$FRCNN_ONNXRUNTIME` alone when set (and not empty); otherwise the `lib/` folder
    /// beside the folder of `executable`, the package's `.onnxruntime/lib`, and the system's search.
    static func places(environment: [String: String], executable: String?) -> [LibrarySearchPlace] {
        if let path = environment[environmentVariable], !path.isEmpty {
            return [LibrarySearchPlace(label: "\(environmentVariable)=\(path)", candidates: [path])]
        }
        var folders: [String] = []
        if let executable {
            let binFolder = URL(fileURLWithPath: executable).deletingLastPathComponent()
            folders.append(binFolder.deletingLastPathComponent().appendingPathComponent("lib").path)
        }
        folders.append(String(cString: connx_package_library_folder()))
        return folders.map { LibrarySearchPlace(label: "\($0)/\(libraryName)*", candidates: matches(in: $0)) }
            + [LibrarySearchPlace(label: "\(libraryName) (the system's library search)", candidates: [libraryName])]
    }

    /// The files in `folder` whose names start with `libonnxruntime.so.1`, highest version first.
    static func matches(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(libraryName) }
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .map { "\(folder)/\($0)" }
    }

    /// Opens the first candidate that is a usable ONNX Runtime library; otherwise fails with every place and why
    /// each of its candidates was refused.
    static func open(_ places: [LibrarySearchPlace]) -> Result<ONNXRuntimeLibrary, ONNXRuntimeError> {
        var refusals: [String] = []
        for place in places {
            if place.candidates.isEmpty { refusals.append("\(place.label): no such file") }
            for candidate in place.candidates {
                switch ONNXRuntimeLibrary.open(candidate) {
                case .success(let library): return .success(library)
                case .failure(let error): refusals.append("\(place.label): \(error.message)")
                }
            }
        }
        return .failure(ONNXRuntimeError("""
            cannot open the ONNX Runtime library (\(libraryName).x, release 1.21 or newer); looked at:
            \(refusals.map { "  " + $0 }.joined(separator: "\n"))
            Run scripts/setup, which puts it in \(String(cString: connx_package_library_folder())), or set \
            \(environmentVariable) to such a file (the onnxruntime Python wheel has one in onnxruntime/capi/).
            """))
    }
}
