/// Model classes and their ids, as TAO assigns them: the distinct target names of
/// `dataset_config.target_class_mapping` sorted (byte order, like Python's `sorted`), then `background`
/// last (id = number of object classes). The RCNN softmax uses this order; regression has no background.
public struct ClassMap: Sendable, Hashable {
    /// The reserved name of the last class.
    public static let background = "background"

    /// Class names by id, background last.
    public let names: [String]
    /// Source (TFRecord, lowercase) class name → target class name. Unlisted source classes are dropped.
    public let mapping: [String: String]

    public init(mapping: [String: String]) {
        self.mapping = mapping
        let targets = Set(mapping.values).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        names = targets + [Self.background]
    }

    /// Number of object classes, background excluded.
    public var objectClassCount: Int { names.count - 1 }

    /// The id of `background` (= `objectClassCount`).
    public var backgroundID: Int { names.count - 1 }

    /// The id of a target class name.
    public func id(of name: String) -> Int? { names.firstIndex(of: name) }

    /// The id a source (TFRecord) class maps to, or nil when it is dropped.
    public func id(forSourceClass source: String) -> Int? {
        mapping[source].flatMap(id(of:))
    }
}
