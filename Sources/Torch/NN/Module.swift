/// A layer or model that maps one tensor to another. Modules read the train/eval mode from their
/// ``ParameterStore`` (``ParameterStore/isTraining``).
public protocol Module: AnyObject {
    /// Runs the module on `input`.
    func callAsFunction(_ input: Tensor) throws -> Tensor
}

/// Applies modules one after another.
public final class Sequential: Module {
    /// The modules in order.
    public let modules: [any Module]

    public init(_ modules: [any Module]) {
        self.modules = modules
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try modules.reduce(input) { try $1($0) }
    }
}

/// A module made from a closure (activations, pooling, reshapes between layers).
public final class Lambda: Module {
    private let body: (Tensor) throws -> Tensor

    public init(_ body: @escaping (Tensor) throws -> Tensor) {
        self.body = body
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor { try body(input) }
}
