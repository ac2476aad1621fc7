import Foundation

/// Output files that appear complete or not at all: the bytes go to a hidden temporary file in the destination's
/// folder, which then takes the final name, so a reader never sees a partial file.
public enum AtomicFile {
    /// What happens to a file already at the destination.
    public enum Mode: Sendable {
        /// It is left untouched and the write fails (link(2), which never replaces): for every file whose name
        /// a user may have given to something of their own (checkpoints, exports, inference outputs).
        case create
        /// It is replaced (rename(2)), and the parent folder is created if needed: for files the tool names itself
        /// in a folder it owns (evaluation reports, plots).
        case replace
    }

    /// Writes `data` to `path` as `mode` says; nothing is left behind on failure.
    /// - Throws: ``FileError`` naming `path`.
    public static func write(_ data: Data, to path: String, mode: Mode) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        if mode == .replace {
            do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw FileError(path: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).partial")
        do { try data.write(to: temporary) } catch {
            throw FileError(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
        switch mode {
        case .create:
            let status = link(temporary.path, path)
            let failure = errno
            unlink(temporary.path)
            guard status == 0 else {
                let reason = failure == EEXIST ? "already exists; it is left untouched" : String(cString: strerror(failure))
                throw FileError(path: path, reason: "cannot write: \(reason)")
            }
        case .replace:
            guard rename(temporary.path, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary.path)
                throw FileError(path: path, reason: "cannot rename the temporary file into place: \(reason)")
            }
        }
    }
}
