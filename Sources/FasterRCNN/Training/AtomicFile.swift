import Foundation

/// Files that appear complete or not at all.
enum AtomicFile {
    /// Writes `contents` to a hidden temporary file next to `path` and renames it to `path`; fails, leaving
    /// nothing behind, when `path` already exists.
    static func create(_ path: String, contents: Data) throws {
        try write(path, contents: contents, replacing: false)
    }

    /// Writes `contents` to a hidden temporary file next to `path` and renames it over `path`.
    static func replace(_ path: String, contents: Data) throws {
        try write(path, contents: contents, replacing: true)
    }

    private static func write(_ path: String, contents: Data, replacing: Bool) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
        do { try contents.write(to: temporary) } catch {
            throw TrainingError("\(path): cannot write: \(error.localizedDescription)")
        }
        // rename(2) replaces atomically; link(2) fails with EEXIST instead of replacing.
        let status = replacing ? rename(temporary.path, path) : link(temporary.path, path)
        let failure = errno
        if !replacing || status != 0 { unlink(temporary.path) }
        guard status == 0 else {
            let reason = failure == EEXIST ? "already exists; it is left untouched" : String(cString: strerror(failure))
            throw TrainingError("\(path): cannot write: \(reason)")
        }
    }
}
