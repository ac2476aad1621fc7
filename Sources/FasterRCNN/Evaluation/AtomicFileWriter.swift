import Foundation

/// Writes output files so that a reader never sees a partial file and nothing the tool did not create is
/// clobbered half-way: the bytes go to a hidden temporary file in the same folder, which is then renamed
/// over the destination.
public enum AtomicFileWriter {
    /// Writes `data` to `url` atomically, creating the parent folder if needed.
    /// - Throws: ``AtomicWriteError`` naming the path when the folder cannot be created or the file
    ///   cannot be written or renamed.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AtomicWriteError(path: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        guard manager.createFile(atPath: temporary.path, contents: data) else {
            throw AtomicWriteError(path: url.path, reason: "cannot write \(temporary.path)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? manager.removeItem(at: temporary)
            throw AtomicWriteError(path: url.path, reason: "cannot rename the temporary file into place: \(reason)")
        }
    }
}

/// A failed atomic write.
public struct AtomicWriteError: Error, CustomStringConvertible {
    /// The path that could not be written.
    public var path: String
    /// What went wrong.
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}
