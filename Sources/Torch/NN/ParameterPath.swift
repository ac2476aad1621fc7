/// A position in a ``ParameterStore``'s name hierarchy; `path / "conv_1"` descends one level.
/// Names are joined with dots: `(store.root / "backbone" / "conv_1").parameter("weight", ...)`
/// registers `backbone.conv_1.weight`.
public struct ParameterPath {
    /// The store the path creates tensors in.
    public let store: ParameterStore
    let components: [String]

    /// The dotted prefix of this path ("" at the root).
    public var name: String { components.joined(separator: ".") }

    /// The full name of `child` under this path.
    public func name(of child: String) -> String { (components + [child]).joined(separator: ".") }

    /// The sub-path `name` (which may itself contain dots).
    public static func / (path: ParameterPath, name: String) -> ParameterPath {
        ParameterPath(store: path.store, components: path.components + [name])
    }

    /// Creates and registers a trainable parameter initialized by `initializer`, with the store's dtype and device.
    public func parameter(_ name: String, shape: [Int], initializer: Initializer) throws -> Tensor {
        let tensor = try initializer.make(shape: shape, dtype: store.dtype, device: store.device)
        return try store.register(tensor, name: self.name(of: name), kind: .parameter)
    }

    /// Registers a buffer (state outside autograd), moved to the store's device.
    public func buffer(_ name: String, _ tensor: Tensor) throws -> Tensor {
        let placed = try tensor.device == store.device ? tensor : tensor.to(device: store.device)
        return try store.register(placed, name: self.name(of: name), kind: .buffer)
    }
}
