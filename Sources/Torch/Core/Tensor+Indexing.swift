import CTorch

extension Tensor {
    /// Rows (along `dim`) picked by an int64 index vector.
    public func indexSelect(dim: Int, index: Tensor) throws -> Tensor {
        try Tensor.checked(ctorch_index_select(handle, Int64(dim), index.handle))
    }

    /// out[i][j] = self[index[i][j]][j] for dim 0 (and likewise for other dims).
    public func gather(dim: Int, index: Tensor) throws -> Tensor {
        try Tensor.checked(ctorch_gather(handle, Int64(dim), index.handle))
    }

    /// A copy with `source` values written at `index` along `dim` (the inverse of gather).
    public func scatter(dim: Int, index: Tensor, source: Tensor) throws -> Tensor {
        try Tensor.checked(ctorch_scatter(handle, Int64(dim), index.handle, source.handle, 0))
    }

    /// A copy with `source` values added at `index` along `dim`.
    public func scatterAdd(dim: Int, index: Tensor, source: Tensor) throws -> Tensor {
        try Tensor.checked(ctorch_scatter(handle, Int64(dim), index.handle, source.handle, 1))
    }

    /// The elements where `mask` (bool, broadcast) is true, as a 1-d tensor.
    public func maskedSelect(_ mask: Tensor) throws -> Tensor {
        try Tensor.checked(ctorch_masked_select(handle, mask.handle))
    }

    /// A copy with `value` where `mask` (bool, broadcast) is true.
    public func maskedFill(_ mask: Tensor, with value: Double) throws -> Tensor {
        try Tensor.checked(ctorch_masked_fill(handle, mask.handle, value))
    }

    /// Elementwise `condition ? a : b` with broadcasting.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        try checked(ctorch_where(condition.handle, a.handle, b.handle))
    }

    /// A copy with `values` written at the rows (dim 0) chosen by `index` (an int64 vector or a bool mask);
    /// with `accumulate` they are added instead.
    public func indexPut(_ index: Tensor, values: Tensor, accumulate: Bool = false) throws -> Tensor {
        try Tensor.checked(ctorch_index_put(handle, index.handle, values.handle, accumulate ? 1 : 0))
    }

    /// The indices of non-zero elements, shape [count, rank] (int64).
    public func nonzero() throws -> Tensor { try Tensor.checked(ctorch_nonzero(handle)) }

    /// The `k` largest (or smallest) elements along `dim` and their indices.
    public func topk(
        _ k: Int, dim: Int = -1, largest: Bool = true, sorted: Bool = true
    ) throws -> (values: Tensor, indices: Tensor) {
        try Tensor.checkedPair { ctorch_topk(handle, Int64(k), Int64(dim), largest ? 1 : 0, sorted ? 1 : 0, &$0, &$1) }
    }

    /// Sorted values along `dim` and the permutation that sorts them; `stable` keeps ties in input order.
    public func sort(dim: Int = -1, descending: Bool = false, stable: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try Tensor.checkedPair { ctorch_sort(handle, Int64(dim), descending ? 1 : 0, stable ? 1 : 0, &$0, &$1) }
    }
}
