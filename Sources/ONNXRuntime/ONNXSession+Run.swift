import CONNXRuntime

extension ONNXSession {
    /// Runs the model on `inputs` (keyed by input name; every model input must be given) and returns every model
    /// output by name. The input elements are passed to ONNX Runtime without a copy; the outputs are copied out.
    /// - Throws: ``ONNXRuntimeError`` naming the model file: an unknown or missing input name, a shape whose
    ///   element count differs from the values given, or ONNX Runtime's refusal (a wrong rank, size or element
    ///   type, a failing operator), or an output of a type other than float32, int32 and int64.
    public func run(_ inputs: [String: ONNXTensor]) throws -> [String: ONNXTensor] {
        try checkNames(of: inputs)
        let named = inputs.sorted { $0.key < $1.key }
        for (name, tensor) in named where Self.elementCount(tensor.shape) != tensor.count {
            throw ONNXRuntimeError(modelPath: modelPath, "input '\(name)': shape \(tensor.shape) does not hold "
                                   + "the \(tensor.count) values given")
        }
        var results = [connx_tensor](repeating: connx_tensor(), count: outputs.count)
        var error: UnsafeMutablePointer<CChar>?
        let status = Self.withCInputs(named[...]) { cInputs in
            connx_session_run(handle, cInputs, cInputs.count, &results, &error)
        }
        guard status == 0 else {
            throw ONNXRuntimeError(modelPath: modelPath, "run failed: \(ShimMessage.take(error))")
        }
        defer { for index in results.indices { connx_tensor_free(&results[index]) } }
        var tensors: [String: ONNXTensor] = [:]
        for (info, result) in zip(outputs, results) {
            guard let tensor = Self.tensor(copying: result) else {
                throw ONNXRuntimeError(modelPath: modelPath, "output '\(info.name)' has element type "
                                       + "\(ONNXElementType(code: result.element_type)), which cannot be read")
            }
            tensors[info.name] = tensor
        }
        return tensors
    }

    /// The number of elements of `shape`; nil for a negative dimension or a count past `Int.max`.
    private static func elementCount(_ shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }

    /// Refuses input names the model does not have, and model inputs not given, listing the model's inputs.
    private func checkNames(of given: [String: ONNXTensor]) throws {
        let expected = Set(inputs.map(\.name))
        let unknown = given.keys.filter { !expected.contains($0) }.sorted()
        let missing = inputs.map(\.name).filter { given[$0] == nil }
        guard unknown.isEmpty, missing.isEmpty else {
            let problem = unknown.isEmpty ? "input \(missing.map { "'\($0)'" }.joined(separator: ", ")) not given"
                                          : "no input named \(unknown.map { "'\($0)'" }.joined(separator: ", "))"
            throw ONNXRuntimeError(modelPath: modelPath, "\(problem); the model's inputs are "
                                   + inputs.map(\.description).joined(separator: ", "))
        }
    }

    /// Calls `body` with the C descriptions of `inputs`, whose pointers stay valid during the call.
    private static func withCInputs<R>(_ inputs: ArraySlice<(key: String, value: ONNXTensor)>,
                                       prefix: [connx_input] = [], _ body: ([connx_input]) -> R) -> R {
        guard let (name, tensor) = inputs.first else { return body(prefix) }
        let shape = tensor.shape.map(Int64.init)
        return name.withCString { cName in
            shape.withUnsafeBufferPointer { cShape in
                tensor.values.withUnsafeBytes { data in
                    let input = connx_input(name: cName, element_type: tensor.elementType.code, data: data,
                                            rank: shape.count, shape: cShape.baseAddress)
                    return withCInputs(inputs.dropFirst(), prefix: prefix + [input], body)
                }
            }
        }
    }

    /// A Swift copy of an output the shim returned; nil for an element type other than float32, int32 and int64
    /// (which the shim already refuses).
    private static func tensor(copying result: connx_tensor) -> ONNXTensor? {
        let shape = (0..<result.rank).map { Int(result.shape[$0]) }
        func elements<T>(_: T.Type) -> [T] {
            guard let data = result.data, result.count > 0 else { return [] }
            return Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: T.self), count: result.count))
        }
        switch ONNXElementType(code: result.element_type) {
        case .int32: return ONNXTensor(shape: shape, values: .int32(elements(Int32.self)))
        case .int64: return ONNXTensor(shape: shape, values: .int64(elements(Int64.self)))
        case .float32: return ONNXTensor(shape: shape, values: .float32(elements(Float.self)))
        case .float16, .other: return nil
        }
    }
}

extension ONNXTensor.Values {
    /// Calls `body` with the address of the elements (nil when there are none).
    func withUnsafeBytes<R>(_ body: (UnsafeRawPointer?) -> R) -> R {
        switch self {
        case .float32(let array): array.withUnsafeBytes { body($0.baseAddress) }
        case .int32(let array): array.withUnsafeBytes { body($0.baseAddress) }
        case .int64(let array): array.withUnsafeBytes { body($0.baseAddress) }
        }
    }
}
