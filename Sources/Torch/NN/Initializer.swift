import Foundation

/// How a new parameter is filled. Fans follow Keras and PyTorch (they agree): for a weight
/// [out, in, kh, kw] (or [out, in]), fanIn = in·kh·kw and fanOut = out·kh·kw.
public enum Initializer: Sendable {
    /// Uniform in ±sqrt(6 / (fanIn + fanOut)): Keras' default for kernels (and TAO's).
    case glorotUniform
    /// Normal with std sqrt(2 / fanIn) (He / Kaiming normal, fan-in mode, for ReLU).
    case kaimingNormal
    /// Uniform in ±sqrt(6 / fanIn) (He / Kaiming uniform, fan-in mode, for ReLU).
    case kaimingUniform
    /// Normal with the given mean and standard deviation.
    case normal(mean: Double, std: Double)
    /// Uniform in [low, high).
    case uniform(low: Double, high: Double)
    /// Every element equal to the value (zeros for biases, ones for batch-norm gamma).
    case constant(Double)

    /// Zeros: Keras' default for biases.
    public static let zeros = Initializer.constant(0)
    /// Ones.
    public static let ones = Initializer.constant(1)

    /// A new tensor of `shape` filled according to this initializer (not requiring grad).
    func make(shape: [Int], dtype: DType, device: Device) throws -> Tensor {
        let (fanIn, fanOut) = Initializer.fans(shape)
        switch self {
        case .constant(let value):
            return try Tensor.full(shape, value: value, dtype: dtype, device: device)
        case .glorotUniform:
            let limit = Foundation.sqrt(6.0 / Double(Swift.max(1, fanIn + fanOut)))
            return try Initializer.uniform(shape, low: -limit, high: limit, dtype: dtype, device: device)
        case .kaimingUniform:
            let limit = Foundation.sqrt(6.0 / Double(Swift.max(1, fanIn)))
            return try Initializer.uniform(shape, low: -limit, high: limit, dtype: dtype, device: device)
        case .kaimingNormal:
            let std = Foundation.sqrt(2.0 / Double(Swift.max(1, fanIn)))
            return try Tensor.randn(shape, dtype: dtype, device: device) * std
        case .normal(let mean, let std):
            return try Tensor.randn(shape, dtype: dtype, device: device) * std + mean
        case .uniform(let low, let high):
            return try Initializer.uniform(shape, low: low, high: high, dtype: dtype, device: device)
        }
    }

    private static func uniform(_ shape: [Int], low: Double, high: Double, dtype: DType, device: Device) throws -> Tensor {
        try Tensor.rand(shape, dtype: dtype, device: device) * (high - low) + low
    }

    /// (fanIn, fanOut) of a weight shape; a 1-d shape has fanIn = fanOut = its size.
    static func fans(_ shape: [Int]) -> (Int, Int) {
        guard shape.count >= 2 else { return (shape.first ?? 1, shape.first ?? 1) }
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }
}
