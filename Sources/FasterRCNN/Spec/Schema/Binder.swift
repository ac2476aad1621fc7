/// Checks a syntax tree against the schema, collecting every unknown field, type error and oneof conflict
/// (not only the first), recording where each field was written, and producing a `BoundMessage`.
struct Binder {
    /// Errors reported before the binder gives up (a file of garbage fields should not print a million lines).
    static let maxErrors = 100

    let schema: SpecSchema
    let file: String
    private(set) var diagnostics: [SpecDiagnostic] = []
    private(set) var locations = SpecLocations()
    /// Whether `maxErrors` was reached; binding then stops.
    private(set) var gaveUp = false

    init(schema: SpecSchema, file: String) {
        self.schema = schema
        self.file = file
    }

    /// Binds a whole file to the top-level message type; problems are left in `diagnostics`.
    mutating func bind(_ message: TextMessage, as messageSchema: MessageSchema) -> BoundMessage {
        let bound = BoundMessage(schema: messageSchema)
        bindFields(of: message, into: bound, path: "")
        return bound
    }

    private mutating func error(_ location: SpecPosition, _ path: String, _ message: String) {
        guard !gaveUp else { return }
        diagnostics.append(SpecDiagnostic(.error, file: file, location: location, path: path, message: message))
        if diagnostics.count >= Self.maxErrors {
            gaveUp = true
            diagnostics.append(SpecDiagnostic(.error, file: file, location: location, path: "",
                                              message: "too many errors (\(Self.maxErrors)); stopped checking here"))
        }
    }

    private static func join(_ parent: String, _ name: String) -> String {
        parent.isEmpty ? name : "\(parent).\(name)"
    }

    private mutating func bindFields(of message: TextMessage, into bound: BoundMessage, path: String) {
        for textField in message.fields {
            if gaveUp { return }
            let fieldPath = Self.join(path, textField.name)
            guard let field = bound.schema.field(named: textField.name) else {
                let typeName = bound.schema.fullName.split(separator: ".").last ?? ""
                error(textField.location, fieldPath, "unknown field '\(textField.name)' in \(typeName)\(suggestion(for: textField.name, in: bound.schema))")
                continue
            }
            if let oneof = field.oneof {
                if let other = bound.oneofMembers[oneof], other.field != field.name {
                    error(textField.location, fieldPath,
                          "'\(field.name)' and '\(other.field)' (line \(other.location.line)) are both members of oneof '\(oneof)'; give only one")
                    continue
                }
                bound.oneofMembers[oneof] = (field.name, textField.location)
            }
            bindValue(textField.value, of: textField, field: field, into: bound, path: fieldPath)
        }
    }

    private mutating func bindValue(_ value: TextValue, of textField: TextField, field: FieldSchema, into bound: BoundMessage, path: String) {
        switch value {
        case .list(let elements, let location):
            guard field.isRepeated else {
                error(location, path, "a [ ] list was given but '\(field.name)' is a single \(field.typeDescription)")
                return
            }
            if !field.isMessage && !textField.hasColon {
                error(textField.location, path, "expected ':' after the field name")
                return
            }
            if !locations.isSet(path) { locations.record(path, textField.location) }
            for element in elements { bindElement(element, of: textField, field: field, into: bound, path: path) }
        default:
            if !field.isMessage && !textField.hasColon, case .scalar = value {
                error(textField.location, path, "expected ':' after the field name")
                return
            }
            bindElement(value, of: textField, field: field, into: bound, path: path)
        }
    }

    private mutating func bindElement(_ value: TextValue, of textField: TextField, field: FieldSchema, into bound: BoundMessage, path: String) {
        let index = bound.values(of: field).count
        let elementPath = field.isRepeated ? "\(path)[\(index)]" : path
        if field.isRepeated && !locations.isSet(path) { locations.record(path, textField.location) }
        switch value {
        case .scalar(let scalar):
            switch ScalarValue.canonical(scalar, as: field, schema: schema) {
            case .success(let text):
                locations.record(elementPath, textField.location)
                bound.set(field, .scalar(text))
            case .failure(let failure):
                error(scalar.location, elementPath, failure.message)
            }
        case .message(let message):
            guard field.isMessage, let childSchema = schema.messages[field.typeName] else {
                error(message.location, path, "expected a \(field.typeDescription) value, found a message in { }")
                return
            }
            if childSchema.isMapEntry {
                bindMapEntry(message, schema: childSchema, field: field, into: bound, path: path, at: textField.location)
                return
            }
            locations.record(elementPath, textField.location)
            let child: BoundMessage
            if field.isRepeated {
                child = BoundMessage(schema: childSchema)
                bound.set(field, .message(child))
            } else {
                child = bound.child(field, schema: childSchema)
            }
            bindFields(of: message, into: child, path: elementPath)
        case .list(_, let location):
            error(location, path, "lists cannot be nested")
        }
    }

    /// A map entry `{ key: ... value: ... }`, recorded under `path["key"]`.
    private mutating func bindMapEntry(_ message: TextMessage, schema entrySchema: MessageSchema, field: FieldSchema, into bound: BoundMessage, path: String, at location: SpecPosition) {
        let entry = BoundMessage(schema: entrySchema)
        var entryBinder = Binder(schema: schema, file: file)
        entryBinder.bindFields(of: message, into: entry, path: path)
        for diagnostic in entryBinder.diagnostics {
            error(diagnostic.location ?? location, diagnostic.path, diagnostic.message)
        }
        // An entry may leave out its key or value (they default, as in Python); write both explicitly,
        // since swift-protobuf's decoder requires them.
        for part in entrySchema.fields where entry.values(of: part).isEmpty {
            entry.set(part, defaultValue(of: part))
        }
        var keyText = ""
        if let keyField = entrySchema.field(named: "key"), case .scalar(let text)? = entry.values(of: keyField).last {
            keyText = text
        }
        let entryPath = "\(path)[\(keyText)]"
        let valueLocation = message.fields.last { $0.name == "value" }?.location ?? location
        locations.record(path, location)
        locations.record(entryPath, valueLocation)
        bound.set(field, .message(entry))
    }

    /// The proto3 default of a map key or value, in canonical text format.
    private func defaultValue(of field: FieldSchema) -> BoundMessage.Value {
        switch field.type {
        case .string, .bytes: return .scalar("\"\"")
        case .bool: return .scalar("false")
        case .enum: return .scalar(schema.enums[field.typeName]?.values.first?.name ?? "0")
        case .message, .group:
            return .message(BoundMessage(schema: schema.messages[field.typeName] ?? MessageSchema(fullName: field.typeName, fields: [], isMapEntry: false)))
        default: return .scalar("0")
        }
    }

    /// ", did you mean 'x'?" for a near miss (edit distance ≤ 2), else "".
    private func suggestion(for name: String, in message: MessageSchema) -> String {
        let best = message.fields.map { ($0.name, editDistance(name, $0.name)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= 2 else { return "" }
        return "; did you mean '\(best.0)'?"
    }

    private func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
