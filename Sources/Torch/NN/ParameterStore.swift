/// Holds a model's named tensors: trainable parameters and buffers (such as batch-norm running statistics),
/// in the spirit of tch-rs's `VarStore`. Names are dotted paths built with ``ParameterPath``,
/// e.g. `backbone.block_1a.conv_1.weight`. Entries keep their creation order.
///
/// The store also carries the train/eval mode that modules read (``isTraining``), and per-name freezing:
/// a frozen parameter has `requiresGrad == false` and is left out of ``trainableParameters``.
public final class ParameterStore {
    /// What a named tensor is.
    public enum Kind: Sendable {
        /// Learned by gradient descent (unless frozen).
        case parameter
        /// State updated outside autograd (e.g. running mean/variance); never trained.
        case buffer
    }

    /// One named tensor.
    public struct Entry {
        /// The dotted name.
        public let name: String
        /// The tensor (shared with the module that created it).
        public let tensor: Tensor
        /// Parameter or buffer.
        public let kind: Kind
    }

    private var order: [String] = []
    private var entries: [String: Entry] = [:]
    private var frozen: Set<String> = []

    /// Whether modules run in training mode (batch statistics, dropout active). Default true.
    public var isTraining = true

    /// While set, every batch norm that runs in training mode updates its running statistics at this rate
    /// (libtorch's convention: the weight of the new batch) instead of its own momentum. Re-estimating the
    /// statistics as a plain average of k batches sets 1/(i+1) before the i-th batch (0-based). Default nil.
    public var batchNormUpdateRateOverride: Double?

    /// The device new parameters are created on.
    public let device: Device

    /// The dtype new floating-point parameters are created with.
    public let dtype: DType

    /// Shapes that replace the ones modules ask for, by full name: a model rebuilt from a file whose layers
    /// have fewer channels (a pruned model) gets its tensors in the file's shapes. Empty: modules' shapes.
    public let shapes: [String: [Int]]

    /// A store that creates parameters with `dtype` on `device`; tensors named in `shapes` take those shapes
    /// instead of the ones their modules ask for (same rank required).
    public init(device: Device = .cpu, dtype: DType = .float32, shapes: [String: [Int]] = [:]) {
        self.device = device
        self.dtype = dtype
        self.shapes = shapes
    }

    /// The shape to create `name` with: the one in ``shapes`` if any, else `requested`.
    func shape(of name: String, requested: [Int]) throws -> [Int] {
        guard let stored = shapes[name] else { return requested }
        guard stored.count == requested.count else {
            throw TorchError("parameter store: '\(name)' is stored with shape \(stored), but its layer has rank \(requested.count) (\(requested))")
        }
        return stored
    }

    /// The root path (empty prefix).
    public var root: ParameterPath { ParameterPath(store: self, components: []) }

    /// All entries in creation order.
    public var all: [Entry] { order.compactMap { entries[$0] } }

    /// All parameters (frozen or not) in creation order.
    public var parameters: [Entry] { all.filter { $0.kind == .parameter } }

    /// The parameters that are not frozen, in creation order.
    public var trainableParameters: [Entry] { parameters.filter { !frozen.contains($0.name) } }

    /// All buffers in creation order.
    public var buffers: [Entry] { all.filter { $0.kind == .buffer } }

    /// The tensor named `name`, if any.
    public subscript(name: String) -> Tensor? { entries[name]?.tensor }

    /// Whether the parameter `name` is frozen.
    public func isFrozen(_ name: String) -> Bool { frozen.contains(name) }

    /// Registers a tensor under `name`. Parameters get `requiresGrad` (unless frozen).
    func register(_ tensor: Tensor, name: String, kind: Kind) throws -> Tensor {
        guard entries[name] == nil else { throw TorchError("parameter store: '\(name)' is already defined") }
        if kind == .parameter { try tensor.setRequiresGrad(true) }
        order.append(name)
        entries[name] = Entry(name: name, tensor: tensor, kind: kind)
        return tensor
    }

    /// Freezes every parameter whose name equals `prefix` or starts with `prefix.`
    /// (an empty prefix freezes all); returns how many parameters matched.
    @discardableResult
    public func freeze(prefix: String) throws -> Int {
        try setFrozen(true, prefix: prefix)
    }

    /// Undoes ``freeze(prefix:)`` for the matching parameters; returns how many matched.
    @discardableResult
    public func unfreeze(prefix: String) throws -> Int {
        try setFrozen(false, prefix: prefix)
    }

    private func setFrozen(_ flag: Bool, prefix: String) throws -> Int {
        let matching = parameters.filter { ParameterStore.name($0.name, isUnder: prefix) }
        for entry in matching {
            try entry.tensor.setRequiresGrad(!flag)
            if flag { frozen.insert(entry.name) } else { frozen.remove(entry.name) }
        }
        return matching.count
    }

    /// Whether `name` is `prefix` itself or lies under it (`prefix.` + rest); the empty prefix matches all.
    static func name(_ name: String, isUnder prefix: String) -> Bool {
        prefix.isEmpty || name == prefix || name.hasPrefix(prefix + ".")
    }

    /// Drops every parameter's accumulated gradient.
    public func zeroGrad() throws {
        for entry in parameters { try entry.tensor.zeroGrad() }
    }

    /// Every tensor by name (parameters and buffers), for saving.
    public func namedTensors() -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0.tensor) })
    }

    /// Copies values from `tensors` into the entries with the same names (converting dtype/device).
    /// With `strict`, every entry must be present and every given name must exist; shapes must match.
    /// Returns the names of the entries that were loaded.
    @discardableResult
    public func load(_ tensors: [String: Tensor], strict: Bool = true) throws -> [String] {
        if strict {
            let missing = order.filter { tensors[$0] == nil }
            let unknown = tensors.keys.filter { entries[$0] == nil }.sorted()
            if !missing.isEmpty || !unknown.isEmpty {
                throw TorchError(
                    "parameter store: missing \(missing.prefix(5)) (\(missing.count) in all), "
                        + "unexpected \(unknown.prefix(5)) (\(unknown.count) in all)")
            }
        }
        var loaded: [String] = []
        try noGrad {
            for name in order {
                guard let source = tensors[name], let entry = entries[name] else { continue }
                guard source.shape == entry.tensor.shape else {
                    throw TorchError("parameter store: '\(name)' has shape \(entry.tensor.shape), the source \(source.shape)")
                }
                try entry.tensor.copy(from: source)
                loaded.append(name)
            }
        }
        return loaded
    }

    /// Converts every floating-point entry to `dtype` and moves every entry to `device`, in place
    /// (modules keep working: the tensor objects stay the same).
    public func convert(dtype: DType? = nil, device: Device? = nil) throws {
        try noGrad {
            for entry in all {
                let targetType = entry.tensor.dtype.isFloatingPoint ? (dtype ?? entry.tensor.dtype) : entry.tensor.dtype
                let converted = try entry.tensor.detach().to(dtype: targetType, device: device ?? entry.tensor.device)
                try entry.tensor.setData(converted)
            }
        }
    }
}
