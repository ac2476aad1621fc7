import CTorch

extension Tensor {
    /// A CPU tensor holding a copy of `values` (row-major) with the given shape (default: 1-d).
    public convenience init<T: TensorScalar>(_ values: [T], shape: [Int]? = nil) throws {
        let dims = (shape ?? [values.count]).map(Int64.init)
        let handle = values.withUnsafeBytes { bytes in
            ctorch_from_data(bytes.baseAddress, bytes.count, dims, Int32(dims.count), T.dtype.rawValue)
        }
        self.init(owning: try Tensor.required(handle))
    }

    /// A 0-d tensor holding one number converted to `dtype`.
    public convenience init(scalar value: Double, dtype: DType = .float32, device: Device = .cpu) throws {
        let (type, index) = try device.codes()
        self.init(owning: try Tensor.required(ctorch_full(nil, 0, value, dtype.rawValue, type, index)))
    }

    /// A CPU tensor holding a copy of raw row-major `bytes` of the given element type (e.g. float16 or bfloat16 bits).
    public convenience init(bytes: UnsafeRawBufferPointer, shape: [Int], dtype: DType) throws {
        let dims = shape.map(Int64.init)
        let handle = ctorch_from_data(bytes.baseAddress, bytes.count, dims, Int32(dims.count), dtype.rawValue)
        self.init(owning: try Tensor.required(handle))
    }

    /// The elements in row-major order, converted to `T` first when the dtype differs.
    public func toArray<T: TensorScalar>(_ type: T.Type = T.self) throws -> [T] {
        let source = dtype == T.dtype ? self : try to(dtype: T.dtype)
        let count = source.count
        return try [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            try Tensor.check(ctorch_copy_to(source.handle, buffer.baseAddress, count * MemoryLayout<T>.stride))
            initialized = count
        }
    }

    /// Copies the elements (row-major, CPU) into `buffer`, which must hold exactly `count * dtype.byteCount` bytes.
    public func copyBytes(to buffer: UnsafeMutableRawBufferPointer) throws {
        try Tensor.check(ctorch_copy_to(handle, buffer.baseAddress, buffer.count))
    }

    /// The value of a one-element tensor.
    public func item() throws -> Double {
        var value = 0.0
        try Tensor.check(ctorch_item(handle, &value))
        return value
    }

    /// A tensor of the given shape filled with `value`.
    public static func full(_ shape: [Int], value: Double, dtype: DType = .float32, device: Device = .cpu) throws -> Tensor {
        let (type, index) = try device.codes()
        let dims = shape.map(Int64.init)
        return try checked(ctorch_full(dims, Int32(dims.count), value, dtype.rawValue, type, index))
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], dtype: DType = .float32, device: Device = .cpu) throws -> Tensor {
        try full(shape, value: 0, dtype: dtype, device: device)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], dtype: DType = .float32, device: Device = .cpu) throws -> Tensor {
        try full(shape, value: 1, dtype: dtype, device: device)
    }

    /// A tensor filled with `value` with the shape, dtype and device of `other`.
    public static func full(like other: Tensor, value: Double) throws -> Tensor {
        try full(other.shape, value: value, dtype: other.dtype, device: other.device)
    }

    /// Zeros with the shape, dtype and device of `other`.
    public static func zeros(like other: Tensor) throws -> Tensor { try full(like: other, value: 0) }

    /// Ones with the shape, dtype and device of `other`.
    public static func ones(like other: Tensor) throws -> Tensor { try full(like: other, value: 1) }

    /// Uniform samples in [0, 1) from the global generator.
    public static func rand(_ shape: [Int], dtype: DType = .float32, device: Device = .cpu) throws -> Tensor {
        let (type, index) = try device.codes()
        let dims = shape.map(Int64.init)
        return try checked(ctorch_rand(dims, Int32(dims.count), dtype.rawValue, type, index))
    }

    /// Standard normal samples from the global generator.
    public static func randn(_ shape: [Int], dtype: DType = .float32, device: Device = .cpu) throws -> Tensor {
        let (type, index) = try device.codes()
        let dims = shape.map(Int64.init)
        return try checked(ctorch_randn(dims, Int32(dims.count), dtype.rawValue, type, index))
    }

    /// Uniform integers in `low..<high` from the global generator.
    public static func randint(
        _ range: Range<Int>, shape: [Int], dtype: DType = .int64, device: Device = .cpu
    ) throws -> Tensor {
        let (type, index) = try device.codes()
        let dims = shape.map(Int64.init)
        return try checked(
            ctorch_randint(Int64(range.lowerBound), Int64(range.upperBound), dims, Int32(dims.count), dtype.rawValue,
                           type, index))
    }

    /// A random permutation of `0..<n` (int64) from the global generator.
    public static func randperm(_ n: Int, device: Device = .cpu) throws -> Tensor {
        let (type, index) = try device.codes()
        return try checked(ctorch_randperm(Int64(n), type, index))
    }

    /// Values from `start` up to (not including) `end` in steps of `step`.
    public static func arange(
        _ start: Double = 0, _ end: Double, step: Double = 1, dtype: DType = .int64, device: Device = .cpu
    ) throws -> Tensor {
        let (type, index) = try device.codes()
        return try checked(ctorch_arange(start, end, step, dtype.rawValue, type, index))
    }
}
