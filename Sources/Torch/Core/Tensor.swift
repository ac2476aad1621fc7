import CTorch

/// A libtorch tensor. The object owns one reference to the underlying `at::Tensor` and releases it when
/// it is deallocated; several `Tensor` objects may share storage (views, `shared()`).
///
/// Every operation `throws` a ``TorchError`` carrying libtorch's message when libtorch rejects it
/// (shape mismatch, wrong dtype, ...); the process continues normally afterwards.
/// A `Tensor` is not `Sendable`: use it from one task at a time.
public final class Tensor {
    /// The shim handle; owned by this object.
    let handle: OpaquePointer

    /// Takes ownership of a handle returned by the shim.
    init(owning handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        ctorch_free(handle)
    }

    /// The sizes of the dimensions.
    public var shape: [Int] {
        let rank = Int(ctorch_ndim(handle))
        var sizes = [Int64](repeating: 0, count: rank)
        _ = ctorch_sizes(handle, &sizes)
        return sizes.map(Int.init)
    }

    /// The element strides of the dimensions.
    public var strides: [Int] {
        let rank = Int(ctorch_ndim(handle))
        var values = [Int64](repeating: 0, count: rank)
        _ = ctorch_strides(handle, &values)
        return values.map(Int.init)
    }

    /// The number of dimensions.
    public var rank: Int { Int(ctorch_ndim(handle)) }

    /// The number of elements.
    public var count: Int { Int(ctorch_numel(handle)) }

    /// The element type.
    public var dtype: DType { DType(rawValue: ctorch_dtype(handle)) ?? .float32 }

    /// The device the data lives on.
    public var device: Device {
        var type: Int32 = 0
        var index: Int32 = 0
        _ = ctorch_device(handle, &type, &index)
        return type == Int32(CTORCH_CUDA) ? .cuda(Int(index)) : .cpu
    }

    /// A second `Tensor` object for the same libtorch tensor (same storage, same autograd identity).
    public func shared() throws -> Tensor { try Tensor.checked(ctorch_share(handle)) }
}

extension Tensor: CustomStringConvertible {
    /// libtorch's printout of the tensor (values, dtype, shape).
    public var description: String {
        guard let text = ctorch_describe(handle) else { return "Tensor(<unprintable>)" }
        return String(cString: text)
    }
}

extension Tensor {
    /// Wraps a handle returned by the shim, or throws the shim's last error when it is NULL.
    static func checked(_ handle: OpaquePointer?) throws(TorchError) -> Tensor {
        guard let handle else { throw TorchError.last() }
        let tensor = Tensor(owning: handle)
        OperationTrace.noteMade(tensor)
        return tensor
    }

    /// The handle itself, or the shim's last error when it is NULL (for initializers).
    static func required(_ handle: OpaquePointer?) throws(TorchError) -> OpaquePointer {
        guard let handle else { throw TorchError.last() }
        return handle
    }

    /// Throws the shim's last error when a status code is negative.
    static func check(_ status: Int32) throws(TorchError) {
        if status < 0 { throw TorchError.last() }
    }

    /// Wraps a pair of handles written by a two-result shim call.
    static func checkedPair(_ body: (inout OpaquePointer?, inout OpaquePointer?) -> Int32) throws -> (Tensor, Tensor) {
        var first: OpaquePointer?
        var second: OpaquePointer?
        try check(body(&first, &second))
        return (try checked(first), try checked(second))
    }
}
