import CTorch

extension Tensor {
    /// Whether autograd records operations on this tensor.
    public var requiresGrad: Bool { ctorch_requires_grad(handle) == 1 }

    /// Marks a leaf tensor as (not) requiring gradients. Fails for non-floating-point dtypes.
    public func setRequiresGrad(_ flag: Bool = true) throws {
        try Tensor.check(ctorch_set_requires_grad(handle, flag ? 1 : 0))
    }

    /// The accumulated gradient of a leaf, or nil when none has been computed (or after ``zeroGrad()``).
    public var grad: Tensor? {
        guard let gradient = ctorch_grad(handle) else { return nil }
        return Tensor(owning: gradient)
    }

    /// Computes gradients of this tensor (a scalar unless `gradient` is given) with respect to the graph's
    /// leaves, accumulating them into their ``grad``.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) throws {
        try Tensor.check(ctorch_backward(handle, gradient?.handle, retainGraph ? 1 : 0))
    }

    /// Drops the accumulated gradient (``grad`` becomes nil).
    public func zeroGrad() throws { try Tensor.check(ctorch_zero_grad(handle)) }

    /// The same data cut off from the autograd graph.
    public func detach() throws -> Tensor { try Tensor.checked(ctorch_detach(handle)) }
}

/// Whether autograd records operations on the current thread.
public var isGradEnabled: Bool { ctorch_is_grad_enabled() == 1 }

/// Runs `body` with autograd recording off on the current thread and restores the previous mode afterwards.
/// Grad mode is thread-local in libtorch, so the body is synchronous: it cannot suspend and resume on another thread.
public func noGrad<Result>(_ body: () throws -> Result) rethrows -> Result {
    let previous = isGradEnabled
    _ = ctorch_set_grad_enabled(0)
    defer { _ = ctorch_set_grad_enabled(previous ? 1 : 0) }
    return try body()
}

extension Tensor {
    /// Replaces this tensor's data (dtype, device, storage) by `source`'s while keeping its identity and
    /// `requiresGrad`; used to convert parameters in place.
    public func setData(_ source: Tensor) throws {
        try Tensor.check(ctorch_set_data(handle, source.handle))
    }
}
