import Foundation

/// An output folder that never holds files from before the run: the folder asked for when it is missing or empty,
/// otherwise a fresh subfolder of it. Nothing in it is deleted or replaced (TAO's `inference` empties
/// `detection_image_output_dir` first; frcnn does not).
public struct OutputFolder: Sendable, Equatable {
    /// The folder asked for (the spec's or the default under RESULTS).
    public let requested: String
    /// Where the files go: `requested`, or `requested/<run name>` when `requested` already held something.
    public let path: String

    /// Whether the files go to a subfolder because `requested` was not empty.
    public var isRedirected: Bool { path != requested }

    /// The run name used for fresh subfolders, from the local time: `run-YYYYmmdd-HHMMSS`.
    public static func runName(at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "'run-'yyyyMMdd'-'HHmmss"
        return formatter.string(from: date)
    }

    /// Creates the folder to write into for `requested`: `requested` itself when it is missing (it is created) or
    /// empty (hidden files count: nothing is ignored), else the new subfolder `requested/<runName>` (`-2`, `-3`, …
    /// appended when that name is taken).
    /// - Throws: ``InferenceError`` naming the folder when it cannot be created or `requested` is a file.
    public static func prepare(_ requested: String, runName: String) throws -> OutputFolder {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: requested, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw InferenceError("\(requested): exists and is not a folder") }
            let entries: [String]
            do { entries = try manager.contentsOfDirectory(atPath: requested) } catch {
                throw InferenceError("\(requested): cannot list the output folder: \(error.localizedDescription)")
            }
            if !entries.isEmpty {
                var name = runName, suffix = 1
                while manager.fileExists(atPath: (requested as NSString).appendingPathComponent(name)) {
                    suffix += 1
                    name = "\(runName)-\(suffix)"
                }
                let path = (requested as NSString).appendingPathComponent(name)
                try create(path)
                return OutputFolder(requested: requested, path: path)
            }
            return OutputFolder(requested: requested, path: requested)
        }
        try create(requested)
        return OutputFolder(requested: requested, path: requested)
    }

    private static func create(_ path: String) throws {
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw InferenceError("\(path): cannot create the output folder: \(error.localizedDescription)")
        }
    }
}
