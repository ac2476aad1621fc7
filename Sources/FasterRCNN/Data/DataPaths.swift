import Foundation

/// Path helpers with Python's semantics, as TAO's data code uses them. Relative paths are relative to the
/// current directory (TAO's container resolved them against `DATA_BASE_PATH`).
public enum DataPaths {
    /// Python's `os.path.join` for two parts: `b` alone when absolute or when `a` is empty.
    public static func join(_ a: String, _ b: String) -> String {
        if b.hasPrefix("/") || a.isEmpty { return b }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// Whether `path` is an existing directory.
    public static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// Python's string order (by Unicode code point), which `sorted(os.listdir(...))` uses.
    public static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }
}
