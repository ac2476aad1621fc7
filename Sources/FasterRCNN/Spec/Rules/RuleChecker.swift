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

    mutating func positive<T: BinaryInteger & CustomStringConvertible>(_ value: T, _ path: String) {
        require(value > 0, path, "must be > 0", value)
    }

    /// Records an error unless `value` is finite. Proto text reads `inf`, `-inf`, `nan` and literals beyond
    /// ±3.4e38 (which overflow a float to inf) into float fields, and no field means any of them: every float
    /// rule checks this first, through `float` or (for rules over two fields) directly. Returns whether it is.
    @discardableResult
    mutating func finite(_ value: Float, _ path: String) -> Bool {
        guard !value.isFinite else { return true }
        let overflow = value.isInfinite ? "; numbers beyond ±3.4e38 overflow a float to inf" : ""
        error(path, "must be a finite number (got \(value)\(overflow))")
        return false
    }

    /// `finite` for every field of a rule over several (each non-finite one gets its error); whether all are.
    mutating func allFinite(_ fields: [(value: Float, path: String)]) -> Bool {
        fields.map { finite($0.value, $0.path) }.allSatisfy { $0 }
    }

    /// The rule of a float field: finite, then inside `range` ("must be <range> (got X)" otherwise).
    mutating func float(_ value: Float, _ path: String, _ range: FloatRange) {
        guard finite(value, path) else { return }
        require(range.contains(value), path, "must be \(range.text)", value)
    }

    mutating func positive(_ value: Float, _ path: String) { float(value, path, .positive) }

    mutating func nonNegative(_ value: Float, _ path: String) { float(value, path, .nonNegative) }

    /// Strictly inside (0, 1), as TAO requires of thresholds.
    mutating func openUnit(_ value: Float, _ path: String) { float(value, path, .openUnit) }

    /// Inside [0, 1], as probabilities.
    mutating func closedUnit(_ value: Float, _ path: String) { float(value, path, .closedUnit) }

    /// A section every subtask reads, left out entirely: the error points at the enclosing block, or at the
    /// file's last line for a top-level section.
    mutating func requireSection(_ isPresent: Bool, _ path: String) {
        guard !isPresent else { return }
        diagnostics.append(SpecDiagnostic(.error, file: file, location: locations.location(of: path) ?? locations.endOfFile,
                                          path: path, message: "section is required"))
    }
}
