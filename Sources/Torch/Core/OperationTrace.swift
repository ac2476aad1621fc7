import Foundation

/// A record of the tensor operations that run inside ``recording(_:)`` on the current task, in order: what an
/// exporter needs to write the same computation as a graph (the ONNX export traces a model's forward pass).
///
/// Each ``Step`` holds the operation with its attributes, its input tensors and its output. A tensor that an
/// operation outside this list made during the recording is remembered too (``madeByUntracedOperation(_:)``),
/// so that an exporter can refuse it instead of taking it for a constant. Only forward calls are seen.
public final class OperationTrace: @unchecked Sendable {
    @TaskLocal static var active: OperationTrace?

    /// An elementwise function of one tensor.
    public enum Function: String, Sendable {
        case relu, relu6, sigmoid, silu, tanh, exp, log, negate, sqrt, abs, reciprocal
    }

    /// An elementwise function of two tensors (broadcasting) or of a tensor and a scalar.
    public enum Arithmetic: String, Sendable {
        case add, subtract, multiply, divide
        /// scalar − tensor (only with a scalar).
        case subtractFrom
    }

    /// One recorded operation with its attributes. Inputs are listed in ``Step/inputs``, in the order given
    /// with each case.
    public enum Operation: Equatable, Sendable {
        /// Input: x.
        case function(Function)
        /// Inputs: x, y.
        case arithmetic(Arithmetic)
        /// Input: x; the scalar is the second operand.
        case scalarArithmetic(Arithmetic, Double)
        /// Input: x.
        case leakyRelu(slope: Double)
        /// Input: x.
        case softmax(dim: Int)
        /// Inputs: x, weight [out, in/groups, kh, kw], bias (when present).
        case conv2d(stride: [Int], padding: [Int], dilation: [Int], groups: Int)
        /// Inference-mode batch norm; inputs: x, weight, bias, running mean, running variance.
        case batchNorm(epsilon: Double)
        /// Constant padding of the last two dimensions; input: x.
        case pad(left: Int, right: Int, top: Int, bottom: Int, value: Double)
        /// x · weightᵀ + bias; inputs: x, weight [out, in], bias (when present).
        case linear
        /// Inputs: x, y.
        case matmul
        /// Input: x.
        case maxPool(kernel: [Int], stride: [Int], padding: [Int], ceilMode: Bool)
        /// Input: x.
        case averagePool(kernel: [Int], stride: [Int], padding: [Int], ceilMode: Bool, countIncludePad: Bool)
        /// Input: x.
        case adaptiveAveragePool(outputSize: [Int])
        /// Input: x; the requested shape as given (one size may be -1).
        case reshape([Int])
        /// Input: x.
        case permute([Int])
        /// Input: x.
        case flatten(start: Int, end: Int)
        /// Inputs: the tensors joined.
        case concatenate(dim: Int)
        /// Input: x.
        case mean(dims: [Int], keepDim: Bool)
        /// Input: x.
        case clamp(min: Double?, max: Double?)
        /// The same values (a memory-format change, a copy, dropout in inference mode); input: x.
        case identity
        /// An operation that a graph cannot express as recorded (for example batch norm in training mode).
        case unsupported(String)
    }

    /// One operation as it ran.
    public struct Step {
        public let operation: Operation
        public let inputs: [Tensor]
        public let output: Tensor
    }

    private let lock = NSLock()
    private var recorded: [Step] = []
    private var untraced = Set<ObjectIdentifier>()

    private init() {}

    /// The operations in the order they ran.
    public var steps: [Step] { lock.withLock { recorded } }

    /// Whether `tensor` was made during the recording by an operation that is not traced: a graph built from the
    /// steps would miss how it was computed.
    public func madeByUntracedOperation(_ tensor: Tensor) -> Bool {
        lock.withLock { untraced.contains(ObjectIdentifier(tensor)) }
    }

    /// Runs `body` and returns its result with the operations it ran.
    public static func recording<T>(_ body: () throws -> T) throws -> (result: T, trace: OperationTrace) {
        let trace = OperationTrace()
        let result = try $active.withValue(trace) { try body() }
        return (result, trace)
    }

    /// Whether a trace is listening on the current task.
    static var isActive: Bool { active != nil }

    /// Records `operation` with its inputs and output; returns the output. The operation and the inputs are
    /// built only while a trace listens, so untraced calls pay for one task-local read.
    @discardableResult
    static func record(_ operation: @autoclosure () -> Operation, _ inputs: @autoclosure () -> [Tensor?],
                       _ output: Tensor) -> Tensor {
        guard let trace = active else { return output }
        let step = Step(operation: operation(), inputs: inputs().compactMap { $0 }, output: output)
        trace.lock.withLock {
            trace.untraced.remove(ObjectIdentifier(output))
            trace.recorded.append(step)
        }
        return output
    }

    /// Notes a tensor made by any operation; ``record(_:_:_:)`` clears the note for traced ones.
    static func noteMade(_ tensor: Tensor) {
        guard let trace = active else { return }
        trace.lock.withLock { _ = trace.untraced.insert(ObjectIdentifier(tensor)) }
    }
}
