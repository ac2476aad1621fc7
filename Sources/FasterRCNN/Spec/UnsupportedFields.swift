extension ExperimentSpec {
    /// Fields set to values that `subtask` would have to honour but this version does not implement, as
    /// diagnostics of `severity` (`validate` reports them as warnings; `train` stops on them before any work,
    /// rather than train something other than what the spec asks for).
    public func unsupportedFields(for subtask: SpecSubtask, severity: SpecDiagnostic.Severity = .error) -> [SpecDiagnostic] {
        guard subtask == .train else { return [] }
        let training = resolved.training
        var found: [(path: String, message: String)] = []
        if training.enableQAT {
            found.append(("training_config.enable_qat", "quantization-aware training is not supported by frcnn yet; set it to false"))
        }
        if !training.modelParallelism.isEmpty {
            found.append(("training_config.model_parallelism",
                          "splitting the model across GPUs is not supported by frcnn; remove the field (one device trains the whole model)"))
        }
        return found.map { SpecDiagnostic(severity, file: file, location: locations.location(of: $0.path), path: $0.path, message: $0.message) }
    }
}
