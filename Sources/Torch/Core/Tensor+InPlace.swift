import CTorch

/// In-place updates (used by optimizers and parameter loading). They modify this tensor's storage;
/// on a leaf that requires grad, call them inside ``noGrad(_:)``.
extension Tensor {
    /// self += alpha * other.
    public func addInPlace(_ other: Tensor, alpha: Double = 1) throws {
        try Tensor.check(ctorch_add_scaled_(handle, other.handle, alpha))
    }

    /// self += value.
    public func addInPlace(_ value: Double) throws {
        try Tensor.check(ctorch_binary_scalar_(Int32(CTORCH_ADD), handle, value))
    }

    /// self *= other.
    public func multiplyInPlace(_ other: Tensor) throws {
        try Tensor.check(ctorch_binary_(Int32(CTORCH_MUL), handle, other.handle))
    }

    /// self *= value.
    public func multiplyInPlace(_ value: Double) throws {
        try Tensor.check(ctorch_binary_scalar_(Int32(CTORCH_MUL), handle, value))
    }

    /// self /= other.
    public func divideInPlace(_ other: Tensor) throws {
        try Tensor.check(ctorch_binary_(Int32(CTORCH_DIV), handle, other.handle))
    }

    /// self = max(self, other) elementwise.
    public func maximumInPlace(_ other: Tensor) throws {
        try Tensor.check(ctorch_binary_(Int32(CTORCH_MAXIMUM), handle, other.handle))
    }

    /// self += value * a * b.
    public func addProductInPlace(_ a: Tensor, _ b: Tensor, value: Double = 1) throws {
        try Tensor.check(ctorch_addcmul_(handle, a.handle, b.handle, value))
    }

    /// self += value * a / b.
    public func addQuotientInPlace(_ a: Tensor, _ b: Tensor, value: Double = 1) throws {
        try Tensor.check(ctorch_addcdiv_(handle, a.handle, b.handle, value))
    }

    /// Copies `source`'s values into this tensor (broadcasting, converting dtype and device).
    public func copy(from source: Tensor) throws {
        try Tensor.check(ctorch_copy_(handle, source.handle))
    }

    /// Sets every element to `value`.
    public func fill(with value: Double) throws {
        try Tensor.check(ctorch_fill_(handle, value))
    }
}
