import Foundation

/// Output file names that never collide with an existing file, for outputs a command writes once per run.
public enum UnusedFileName {
    /// `directory/name` when no such file exists, otherwise the first free `directory/<stem>-<k>.<ext>` for
    /// k = 2, 3, … (for example `evaluation-2.json`).
    public static func path(in directory: String, name: String) -> String {
        let manager = FileManager.default
        let first = (directory as NSString).appendingPathComponent(name)
        guard manager.fileExists(atPath: first) else { return first }
        let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        var index = 2
        while true {
            let candidate = (directory as NSString).appendingPathComponent(ext.isEmpty ? "\(stem)-\(index)" : "\(stem)-\(index).\(ext)")
            if !manager.fileExists(atPath: candidate) { return candidate }
            index += 1
        }
    }
}
