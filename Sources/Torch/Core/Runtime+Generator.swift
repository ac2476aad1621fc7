import CTorch

extension Runtime {
    /// A copy of the default CPU random generator's state (an opaque uint8 tensor), for checkpoints.
    public static func cpuGeneratorState() throws -> Tensor {
        try Tensor.checked(ctorch_cpu_generator_get_state())
    }

    /// Restores a state taken by ``cpuGeneratorState()``, so that the following random draws repeat.
    public static func setCPUGeneratorState(_ state: Tensor) throws {
        try Tensor.check(ctorch_cpu_generator_set_state(state.handle))
    }
}
