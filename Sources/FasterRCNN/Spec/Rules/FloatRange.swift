/// The values a float spec field allows besides being finite (which `RuleChecker.float` checks first): an
/// optional lower and upper bound, each open or closed, and how the rule reads after "must be".
struct FloatRange: Sendable {
    /// One end of a range: a value, included or not, and how it reads (`nil`: the value itself).
    struct Bound: Sendable {
        let value: Float
        let isIncluded: Bool
        let label: String?

        /// An end the range includes, e.g. `[0, ...`; `label` names it in messages (`zoom_min (1.0)`, `π`).
        static func closed(_ value: Float, _ label: String? = nil) -> Bound { Bound(value: value, isIncluded: true, label: label) }
        /// An end the range excludes, e.g. `(0, ...`.
        static func open(_ value: Float, _ label: String? = nil) -> Bound { Bound(value: value, isIncluded: false, label: label) }
        /// An end set by another field, read `name (value)`, included unless `isIncluded` is false; `fallback`
        /// when that field is not finite (it has its own error then, and this one should not fail as well).
        static func field(_ name: String, _ value: Float, orElse fallback: Float, isIncluded: Bool = true) -> Bound {
            value.isFinite ? Bound(value: value, isIncluded: isIncluded, label: "\(name) (\(value))")
                : Bound(value: fallback, isIncluded: isIncluded, label: nil)
        }

        var text: String {
            if let label { return label }
            return value.rounded() == value && abs(value) < 1e9 ? String(Int(value)) : "\(value)"
        }
    }

    let lower: Bound?
    let upper: Bound?
    /// Words after the bounds, e.g. "(the input width)"; empty for none.
    let note: String

    init(_ lower: Bound?, _ upper: Bound?, note: String = "") {
        self.lower = lower
        self.upper = upper
        self.note = note
    }

    /// Any finite value (a field no rule bounds, such as one frcnn ignores).
    static let finite = FloatRange(nil, nil)
    static let positive = FloatRange(.open(0), nil)
    static let nonNegative = FloatRange(.closed(0), nil)
    /// (0, 1), as TAO requires of thresholds.
    static let openUnit = FloatRange(.open(0), .open(1))
    /// [0, 1], as probabilities.
    static let closedUnit = FloatRange(.closed(0), .closed(1))
    /// [0, 1): a fraction that must leave something (momentum, dropout).
    static let unitFraction = FloatRange(.closed(0), .open(1))

    /// This range with `note` after its bounds.
    func noting(_ note: String) -> FloatRange { FloatRange(lower, upper, note: note) }

    func contains(_ value: Float) -> Bool {
        if let lower, lower.isIncluded ? value < lower.value : value <= lower.value { return false }
        if let upper, upper.isIncluded ? value > upper.value : value >= upper.value { return false }
        return true
    }

    /// How the rule reads after "must be": `> 0`, `>= 0`, `<= 1`, `in (0, 1]`, `a finite number`.
    var text: String {
        let bounds: String
        switch (lower, upper) {
        case let (lower?, upper?):
            bounds = "in \(lower.isIncluded ? "[" : "(")\(lower.text), \(upper.text)\(upper.isIncluded ? "]" : ")")"
        case let (lower?, nil):
            bounds = "\(lower.isIncluded ? ">=" : ">") \(lower.text)"
        case let (nil, upper?):
            bounds = "\(upper.isIncluded ? "<=" : "<") \(upper.text)"
        case (nil, nil):
            bounds = "a finite number"
        }
        return note.isEmpty ? bounds : "\(bounds) \(note)"
    }
}
