import Foundation

/// Files that appear complete or not at all, and never over another file (``AtomicFileWriter`` replaces).
enum AtomicFile {
    /// Writes `contents` to a hidden temporary file next to `path` and links it to `path`; fails, leaving
    /// nothing behind, when `path` already exists.
    static func create(_ path: String, contents: Data) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
        do { try contents.write(to: temporary) } catch {
            throw TrainingError("\(path): cannot write: \(error.localizedDescription)")
        }
        // link(2) fails with EEXIST instead of replacing, unlike rename(2).
        let status = link(temporary.path, path)
        let failure = errno
        unlink(temporary.path)
        guard status == 0 else {
            let reason = failure == EEXIST ? "already exists; it is left untouched" : String(cString: strerror(failure))
            throw TrainingError("\(path): cannot write: \(reason)")
        }
    }
}
