import ArgumentParser
import Foundation

/// The check every subtask's `validate()` runs on its `-r/--results_dir` before any work: the folder may be
/// missing (it is created) but neither it nor the nearest existing folder above it may be a file, which would
/// otherwise fail only after the work, with the outputs half written.
enum ResultsFolder {
    static func validate(_ path: String?) throws {
        guard let path else { return }
        var candidate = URL(fileURLWithPath: path).standardizedFileURL
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder) {
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { return }
            candidate = parent
        }
        guard isFolder.boolValue else {
            let what = candidate.path == URL(fileURLWithPath: path).standardizedFileURL.path ? "is a file" : "lies under the file \(candidate.path)"
            throw ValidationError("-r/--results_dir \(path) \(what), not a folder; give a folder (it is created when missing)")
        }
    }
}
