/// Where each field of a parsed spec was written, by field path (`model_config.arch`,
/// `dataset_config.data_sources[0]`, `training_config.classifier_regr_std["x"]`).
public struct SpecLocations: Sendable {
    private var byPath: [String: SpecPosition] = [:]
    /// The file's last line: where a rule about a top-level section left out points.
    public internal(set) var endOfFile: SpecPosition?

    public init() {}

    mutating func record(_ path: String, _ location: SpecPosition) {
        byPath[path] = location
    }

    /// Whether the field at `path` was written in the file.
    public func isSet(_ path: String) -> Bool { byPath[path] != nil }

    /// Where `path` was written, else where its nearest written ancestor was (a rule about a field
    /// left out points at the block it belongs in); nil when no part of the path was written.
    public func location(of path: String) -> SpecPosition? {
        var path = Substring(path)
        while !path.isEmpty {
            if let location = byPath[String(path)] { return location }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            path = path[..<cut]
        }
        return nil
    }
}
