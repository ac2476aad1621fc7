import CTorch

extension Tensor {
    /// The same elements with a new shape (one size may be -1); a view when possible.
    public func reshape(_ shape: [Int]) throws -> Tensor {
        let dims = shape.map(Int64.init)
        return OperationTrace.record(.reshape(shape), [self], try Tensor.checked(ctorch_reshape(handle, dims, Int32(dims.count))))
    }

    /// Reorders dimensions (a view).
    public func permute(_ dims: [Int]) throws -> Tensor {
        let list = dims.map(Int64.init)
        return OperationTrace.record(.permute(dims), [self], try Tensor.checked(ctorch_permute(handle, list, Int32(list.count))))
    }

    /// Swaps two dimensions (a view).
    public func transpose(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        try Tensor.checked(ctorch_transpose(handle, Int64(dim0), Int64(dim1)))
    }

    /// Removes dimension `dim` when its size is 1.
    public func squeeze(dim: Int) throws -> Tensor { try Tensor.checked(ctorch_squeeze(handle, Int64(dim))) }

    /// Inserts a dimension of size 1 at `dim`.
    public func unsqueeze(dim: Int) throws -> Tensor { try Tensor.checked(ctorch_unsqueeze(handle, Int64(dim))) }

    /// Merges dimensions `start...end` into one.
    public func flatten(from start: Int = 0, through end: Int = -1) throws -> Tensor {
        OperationTrace.record(.flatten(start: start, end: end), [self], try Tensor.checked(ctorch_flatten(handle, Int64(start), Int64(end))))
    }

    /// Broadcasts size-1 dimensions to `shape` (a view; -1 keeps a size).
    public func expand(to shape: [Int]) throws -> Tensor {
        let dims = shape.map(Int64.init)
        return try Tensor.checked(ctorch_expand(handle, dims, Int32(dims.count)))
    }

    /// Tiles the tensor `repeats[i]` times along each dimension.
    public func repeated(_ repeats: [Int]) throws -> Tensor {
        let list = repeats.map(Int64.init)
        return try Tensor.checked(ctorch_repeat(handle, list, Int32(list.count)))
    }

    /// Joins tensors along an existing dimension.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        let handles: [OpaquePointer?] = tensors.map { $0.handle }
        let output = try withExtendedLifetime(tensors) { try checked(ctorch_cat(handles, Int32(handles.count), Int64(dim))) }
        return OperationTrace.record(.concatenate(dim: dim), tensors, output)
    }

    /// Joins tensors along a new dimension.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        let handles: [OpaquePointer?] = tensors.map { $0.handle }
        return try withExtendedLifetime(tensors) { try checked(ctorch_stack(handles, Int32(handles.count), Int64(dim))) }
    }

    /// Splits along `dim` into pieces of the given sizes (which must add up to the dimension's size); views.
    public func split(sizes: [Int], dim: Int = 0) throws -> [Tensor] {
        let list = sizes.map(Int64.init)
        var out = [OpaquePointer?](repeating: nil, count: list.count)
        try Tensor.check(ctorch_split(handle, list, Int32(list.count), Int64(dim), &out))
        return try out.map { try Tensor.checked($0) }
    }

    /// Splits along `dim` into pieces of `size` (the last may be smaller); views.
    public func split(size: Int, dim: Int = 0) throws -> [Tensor] {
        guard size > 0 else { throw TorchError("split size must be positive, got \(size)") }
        let shape = self.shape
        let axis = dim < 0 ? dim + shape.count : dim
        guard shape.indices.contains(axis) else { throw TorchError("split: dim \(dim) out of range for shape \(shape)") }
        let total = shape[axis]
        let sizes = stride(from: 0, to: total, by: size).map { Swift.min(size, total - $0) }
        return try split(sizes: sizes, dim: dim)
    }

    /// Elements `start..<end` (step `step`) along `dim`, a view; bounds are clipped like Python slices and may be negative.
    public func slice(dim: Int, start: Int = 0, end: Int = Int.max, step: Int = 1) throws -> Tensor {
        try Tensor.checked(ctorch_slice(handle, Int64(dim), Int64(start), Int64(end), Int64(step)))
    }
}

extension Tensor {
    /// Returns a tensor with the given dtype (self when it already has it).
    public func to(dtype: DType) throws -> Tensor {
        let (type, index) = try device.codes()
        return OperationTrace.record(dtype == self.dtype ? .identity : .unsupported("conversion to \(dtype)"), [self],
                                     try Tensor.checked(ctorch_to(handle, dtype.rawValue, type, index, 0)))
    }

    /// Returns a tensor on the given device (self when it is already there).
    public func to(device: Device) throws -> Tensor {
        let (type, index) = try device.codes()
        return OperationTrace.record(.identity, [self], try Tensor.checked(ctorch_to(handle, -1, type, index, 0)))
    }

    /// Returns a tensor with the given dtype on the given device.
    public func to(dtype: DType, device: Device) throws -> Tensor {
        let (type, index) = try device.codes()
        return try Tensor.checked(ctorch_to(handle, dtype.rawValue, type, index, 0))
    }

    /// Returns a tensor laid out in `format` (self when it already is). `.channelsLast` needs 4 dimensions.
    public func contiguous(format: MemoryFormat = .contiguous) throws -> Tensor {
        OperationTrace.record(.identity, [self], try Tensor.checked(ctorch_contiguous(handle, format.rawValue)))
    }

    /// Whether the tensor is laid out in `format`.
    public func isContiguous(format: MemoryFormat = .contiguous) -> Bool {
        ctorch_is_contiguous(handle, format.rawValue) == 1
    }

    /// A copy with its own storage (differentiable).
    public func clone() throws -> Tensor { OperationTrace.record(.identity, [self], try Tensor.checked(ctorch_clone(handle))) }
}
