import CTorch

extension Runtime {
    /// Runs `body` with libtorch's automatic mixed precision on `device`: operations on its lower-precision list
    /// (convolutions, linear layers, matrix products) compute in `dtype` (bfloat16 on a CPU, float16 on CUDA), the
    /// others in float32, while parameters stay float32. The state is per thread and restored afterwards, also when
    /// `body` throws; regions nest.
    public static func withAutocast<T>(_ dtype: DType, on device: Device = .cpu, _ body: () throws -> T) throws -> T {
        let (type, _) = try device.codes()
        var wasEnabled: Int32 = 0
        var previous: Int32 = 0
        try Tensor.check(ctorch_autocast_enter(type, dtype.rawValue, &wasEnabled, &previous))
        defer { _ = ctorch_autocast_exit(type, wasEnabled, previous) }
        return try body()
    }

    /// Whether autocast is on for `device` on this thread.
    public static func isAutocastEnabled(on device: Device = .cpu) -> Bool {
        guard let (type, _) = try? device.codes() else { return false }
        return ctorch_autocast_is_enabled(type) == 1
    }
}
