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

    /// Creates and registers a trainable parameter initialized by `initializer`, with the store's dtype and device
    /// (and the store's stored shape for this name, if it has one: ``ParameterStore/shapes``).
    public func parameter(_ name: String, shape: [Int], initializer: Initializer) throws -> Tensor {
        let fullName = self.name(of: name)
        let tensor = try initializer.make(shape: store.shape(of: fullName, requested: shape), dtype: store.dtype, device: store.device)
        return try store.register(tensor, name: fullName, kind: .parameter)
    }

    /// Registers a buffer (state outside autograd), moved to the store's device. When the store holds another
    /// shape for this name (``ParameterStore/shapes``) the buffer is zeros of that shape: its values come from
    /// the same file as the shape.
    public func buffer(_ name: String, _ tensor: Tensor) throws -> Tensor {
        let fullName = self.name(of: name)
        let shape = try store.shape(of: fullName, requested: tensor.shape)
        let sized = shape == tensor.shape ? tensor : try Tensor.zeros(shape, dtype: tensor.dtype)
        let placed = try sized.device == store.device ? sized : sized.to(device: store.device)
        return try store.register(placed, name: fullName, kind: .buffer)
    }
}
