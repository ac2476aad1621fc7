import Testing
@testable import Torch

/// One input of a gradient check: float64 values and their shape.
struct CheckInput {
    var values: [Double]
    var shape: [Int]

    init(_ values: [Double], _ shape: [Int]) {
        self.values = values
        self.shape = shape
    }

    /// Distinct values in (offset - scale, offset + scale) in an irregular order (golden-ratio sequence).
    static func spread(_ shape: [Int], offset: Double = 0, scale: Double = 1) -> CheckInput {
        let count = shape.reduce(1, *)
        let values = (1...max(count, 1)).prefix(count).map { i in
            let fraction = (Double(i) * 0.6180339887498949).truncatingRemainder(dividingBy: 1)
            return (fraction * 2 - 1) * scale + offset
        }
        return CheckInput(values, shape)
    }
}

/// Compares the autograd gradient of `sum(f(inputs) · w)` (w fixed, irregular) with central finite differences
/// in float64, for every element of every input.
func expectGradientsMatch(
    _ label: String, _ inputs: [CheckInput], step: Double = 1e-6, tolerance: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) throws -> Tensor
) throws {
    func objective(_ tensors: [Tensor]) throws -> Tensor {
        let output = try f(tensors)
        let weights = (0..<output.count).map { (index: Int) -> Double in
            let step: Int = (index * 5 + 1) % 7
            return 0.5 + Double(step) / 7
        }
        return try (output * Tensor(weights, shape: output.shape)).sum()
    }
    let tensors = try inputs.map { try Tensor($0.values, shape: $0.shape) }
    for tensor in tensors { try tensor.setRequiresGrad() }
    try objective(tensors).backward()
    for (k, input) in inputs.enumerated() {
        let analytic = try tensors[k].grad?.toArray(Double.self) ?? [Double](repeating: 0, count: input.values.count)
        var worst = (error: 0.0, index: 0, numeric: 0.0)
        for i in input.values.indices {
            func value(at delta: Double) throws -> Double {
                var shifted = inputs
                shifted[k].values[i] += delta
                return try noGrad { try objective(shifted.map { try Tensor($0.values, shape: $0.shape) }).item() }
            }
            let numeric = (try value(at: step) - value(at: -step)) / (2 * step)
            let error = abs(numeric - analytic[i]) / max(1, abs(numeric))
            if error > worst.error { worst = (error, i, numeric) }
        }
        #expect(
            worst.error <= tolerance,
            "\(label): input \(k) element \(worst.index): autograd \(analytic[worst.index]) vs finite difference \(worst.numeric)",
            sourceLocation: sourceLocation)
    }
}
