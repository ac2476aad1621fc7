/// Collects rule violations of one spec file, each tied to a field path and, through `SpecLocations`,
/// to the line where the field (or the block it belongs in) was written.
struct RuleChecker {
    let file: String
    let locations: SpecLocations
    private(set) var diagnostics: [SpecDiagnostic] = []

    init(file: String, locations: SpecLocations) {
        self.file = file
        self.locations = locations
    }

    mutating func error(_ path: String, _ message: String) {
        diagnostics.append(SpecDiagnostic(.error, file: file, location: locations.location(of: path), path: path, message: message))
    }

    mutating func warning(_ path: String, _ message: String) {
        diagnostics.append(SpecDiagnostic(.warning, file: file, location: locations.location(of: path), path: path, message: message))
    }

    /// Records `message` (with what was found) unless `condition` holds.
    mutating func require(_ condition: Bool, _ path: String, _ message: String, _ value: some CustomStringConvertible) {
        if !condition { error(path, "\(message) (\(got(value, path)))") }
    }

    /// "got X", or "not set" when the field was not written.
    func got(_ value: some CustomStringConvertible, _ path: String) -> String {
        locations.isSet(path) ? "got \(value)" : "not set"
    }

    mutating func positive<T: Numeric & Comparable & CustomStringConvertible>(_ value: T, _ path: String) {
        require(value > 0, path, "must be > 0", value)
    }

    mutating func nonNegative(_ value: Float, _ path: String) {
        require(value >= 0, path, "must be >= 0", value)
    }

    /// Strictly inside (0, 1), as TAO requires of thresholds.
    mutating func openUnit(_ value: Float, _ path: String) {
        require(value > 0 && value < 1, path, "must be in (0, 1)", value)
    }

    /// Inside [0, 1], as probabilities.
    mutating func closedUnit(_ value: Float, _ path: String) {
        require(value >= 0 && value <= 1, path, "must be in [0, 1]", value)
    }

    /// A section every subtask reads, left out entirely: the error points at the enclosing block, or at the
    /// file's last line for a top-level section.
    mutating func requireSection(_ isPresent: Bool, _ path: String) {
        guard !isPresent else { return }
        diagnostics.append(SpecDiagnostic(.error, file: file, location: locations.location(of: path) ?? locations.endOfFile,
                                          path: path, message: "section is required"))
    }
}
