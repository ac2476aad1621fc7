import CTorch

extension Tensor {
    func reduce(_ op: Int, dims: [Int], keepDim: Bool) throws -> Tensor {
        let list = dims.map(Int64.init)
        return try Tensor.checked(ctorch_reduce(Int32(op), handle, list, Int32(list.count), keepDim ? 1 : 0))
    }

    /// The sum over all elements (0-d).
    public func sum() throws -> Tensor { try reduce(CTORCH_SUM, dims: [], keepDim: false) }
    /// The sum over `dims`.
    public func sum(dims: [Int], keepDim: Bool = false) throws -> Tensor { try reduce(CTORCH_SUM, dims: dims, keepDim: keepDim) }
    /// The mean over all elements (0-d).
    public func mean() throws -> Tensor { try reduce(CTORCH_MEAN, dims: [], keepDim: false) }
    /// The mean over `dims`.
    public func mean(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        OperationTrace.record(.mean(dims: dims, keepDim: keepDim), [self], try reduce(CTORCH_MEAN, dims: dims, keepDim: keepDim))
    }
    /// The product over all elements (0-d).
    public func prod() throws -> Tensor { try reduce(CTORCH_PROD, dims: [], keepDim: false) }
    /// The product over `dims`.
    public func prod(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try reduce(CTORCH_PROD, dims: dims, keepDim: keepDim)
    }
    /// The largest element (0-d).
    public func max() throws -> Tensor { try reduce(CTORCH_AMAX, dims: [], keepDim: false) }
    /// The smallest element (0-d).
    public func min() throws -> Tensor { try reduce(CTORCH_AMIN, dims: [], keepDim: false) }
    /// The largest values over `dims` (no indices).
    public func amax(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try reduce(CTORCH_AMAX, dims: dims, keepDim: keepDim)
    }
    /// The smallest values over `dims` (no indices).
    public func amin(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try reduce(CTORCH_AMIN, dims: dims, keepDim: keepDim)
    }
    /// Whether any element is non-zero (0-d bool).
    public func any() throws -> Tensor { try reduce(CTORCH_ANY, dims: [], keepDim: false) }
    /// Whether any element along `dims` is non-zero.
    public func any(dims: [Int], keepDim: Bool = false) throws -> Tensor { try reduce(CTORCH_ANY, dims: dims, keepDim: keepDim) }
    /// Whether every element is non-zero (0-d bool).
    public func all() throws -> Tensor { try reduce(CTORCH_ALL, dims: [], keepDim: false) }
    /// Whether every element along `dims` is non-zero.
    public func all(dims: [Int], keepDim: Bool = false) throws -> Tensor { try reduce(CTORCH_ALL, dims: dims, keepDim: keepDim) }

    /// The maximum along `dim` and its index (int64).
    public func max(dim: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try Tensor.checkedPair { ctorch_max_dim(handle, Int64(dim), keepDim ? 1 : 0, 0, &$0, &$1) }
    }

    /// The minimum along `dim` and its index (int64).
    public func min(dim: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try Tensor.checkedPair { ctorch_max_dim(handle, Int64(dim), keepDim ? 1 : 0, 1, &$0, &$1) }
    }

    /// Index of the maximum along `dim`, or in the flattened tensor when `dim` is nil.
    public func argmax(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor {
        try Tensor.checked(ctorch_argmax(handle, dim == nil ? 0 : 1, Int64(dim ?? 0), keepDim ? 1 : 0, 0))
    }

    /// Index of the minimum along `dim`, or in the flattened tensor when `dim` is nil.
    public func argmin(dim: Int? = nil, keepDim: Bool = false) throws -> Tensor {
        try Tensor.checked(ctorch_argmax(handle, dim == nil ? 0 : 1, Int64(dim ?? 0), keepDim ? 1 : 0, 1))
    }
}
