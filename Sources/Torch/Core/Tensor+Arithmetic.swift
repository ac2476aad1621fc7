import CTorch

extension Tensor {
    func unary(_ op: Int) throws -> Tensor {
        OperationTrace.record(Self.traced(unary: op), [self], try Tensor.checked(ctorch_unary(Int32(op), handle)))
    }
    func binary(_ op: Int, _ other: Tensor) throws -> Tensor {
        OperationTrace.record(Self.arithmetic[op].map { .arithmetic($0) } ?? .unsupported("binary operation \(op)"),
                              [self, other], try Tensor.checked(ctorch_binary(Int32(op), handle, other.handle)))
    }
    func binary(_ op: Int, _ scalar: Double) throws -> Tensor {
        OperationTrace.record(Self.arithmetic[op].map { .scalarArithmetic($0, scalar) } ?? .unsupported("binary operation \(op) with a scalar"),
                              [self], try Tensor.checked(ctorch_binary_scalar(Int32(op), handle, scalar)))
    }

    private static let arithmetic: [Int: OperationTrace.Arithmetic] = [
        CTORCH_ADD: .add, CTORCH_SUB: .subtract, CTORCH_MUL: .multiply, CTORCH_DIV: .divide, CTORCH_RSUB: .subtractFrom,
    ]

    private static func traced(unary op: Int) -> OperationTrace.Operation {
        let functions: [Int: OperationTrace.Function] = [
            CTORCH_RELU: .relu, CTORCH_RELU6: .relu6, CTORCH_SIGMOID: .sigmoid, CTORCH_SILU: .silu, CTORCH_TANH: .tanh,
            CTORCH_EXP: .exp, CTORCH_LOG: .log, CTORCH_NEG: .negate, CTORCH_SQRT: .sqrt, CTORCH_ABS: .abs,
            CTORCH_RECIPROCAL: .reciprocal,
        ]
        return functions[op].map { .function($0) } ?? .unsupported("elementwise operation \(op)")
    }

    // MARK: Operators (broadcasting, with libtorch's type promotion)

    /// Elementwise sum (broadcasting).
    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(CTORCH_ADD, rhs) }
    /// Elementwise difference (broadcasting).
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(CTORCH_SUB, rhs) }
    /// Elementwise product (broadcasting).
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(CTORCH_MUL, rhs) }
    /// Elementwise true division (broadcasting; integers give floats).
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(CTORCH_DIV, rhs) }
    /// Adds a scalar to every element.
    public static func + (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(CTORCH_ADD, rhs) }
    /// Subtracts a scalar from every element.
    public static func - (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(CTORCH_SUB, rhs) }
    /// Multiplies every element by a scalar.
    public static func * (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(CTORCH_MUL, rhs) }
    /// Divides every element by a scalar.
    public static func / (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(CTORCH_DIV, rhs) }
    /// Adds a scalar to every element.
    public static func + (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.binary(CTORCH_ADD, lhs) }
    /// Subtracts every element from a scalar.
    public static func - (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.binary(CTORCH_RSUB, lhs) }
    /// Multiplies every element by a scalar.
    public static func * (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.binary(CTORCH_MUL, lhs) }
    /// Divides a scalar by every element.
    public static func / (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.reciprocal() * lhs }
    /// Elementwise negation.
    public static prefix func - (operand: Tensor) throws -> Tensor { try operand.unary(CTORCH_NEG) }

    // MARK: Elementwise math

    /// eˣ elementwise.
    public func exp() throws -> Tensor { try unary(CTORCH_EXP) }
    /// Natural logarithm elementwise.
    public func log() throws -> Tensor { try unary(CTORCH_LOG) }
    /// log(1 + x) elementwise.
    public func log1p() throws -> Tensor { try unary(CTORCH_LOG1P) }
    /// Square root elementwise.
    public func sqrt() throws -> Tensor { try unary(CTORCH_SQRT) }
    /// 1/√x elementwise.
    public func rsqrt() throws -> Tensor { try unary(CTORCH_RSQRT) }
    /// |x| elementwise.
    public func abs() throws -> Tensor { try unary(CTORCH_ABS) }
    /// x² elementwise.
    public func square() throws -> Tensor { try unary(CTORCH_SQUARE) }
    /// 1/x elementwise.
    public func reciprocal() throws -> Tensor { try unary(CTORCH_RECIPROCAL) }
    /// -1, 0 or 1 elementwise.
    public func sign() throws -> Tensor { try unary(CTORCH_SIGN) }
    /// Rounds down elementwise.
    public func floor() throws -> Tensor { try unary(CTORCH_FLOOR) }
    /// Rounds up elementwise.
    public func ceil() throws -> Tensor { try unary(CTORCH_CEIL) }
    /// Rounds half to even, like libtorch.
    public func round() throws -> Tensor { try unary(CTORCH_ROUND) }
    /// Hyperbolic tangent elementwise.
    public func tanh() throws -> Tensor { try unary(CTORCH_TANH) }
    /// xᵉ elementwise with a scalar exponent.
    public func pow(_ exponent: Double) throws -> Tensor { try binary(CTORCH_POW, exponent) }
    /// xᵉ elementwise with tensor exponents (broadcasting).
    public func pow(_ exponent: Tensor) throws -> Tensor { try binary(CTORCH_POW, exponent) }
    /// Elementwise maximum with broadcasting.
    public func maximum(_ other: Tensor) throws -> Tensor { try binary(CTORCH_MAXIMUM, other) }
    /// Elementwise minimum with broadcasting.
    public func minimum(_ other: Tensor) throws -> Tensor { try binary(CTORCH_MINIMUM, other) }
    /// Python-style modulus (the sign follows the divisor).
    public func remainder(_ divisor: Double) throws -> Tensor { try binary(CTORCH_REMAINDER, divisor) }
    /// Division rounded down.
    public func floorDivide(_ divisor: Double) throws -> Tensor { try binary(CTORCH_FLOOR_DIVIDE, divisor) }
    /// Matrix product with libtorch's `matmul` broadcasting rules.
    public func matmul(_ other: Tensor) throws -> Tensor {
        let output = try Tensor.checked(ctorch_matmul(handle, other.handle))
        OperationTrace.record(.matmul, [self, other], output)
        if FLOPCounter.isActive {
            FLOPCounter.recordMatrixProduct(outputElements: output.shape.reduce(1, *), inner: shape.last ?? 0)
        }
        return output
    }
    /// Cumulative sum along `dim`.
    public func cumsum(dim: Int) throws -> Tensor { try Tensor.checked(ctorch_cumsum(handle, Int64(dim))) }

    /// Clamps to `[min, max]`; a `nil` bound is open.
    public func clamp(min: Double? = nil, max: Double? = nil) throws -> Tensor {
        OperationTrace.record(.clamp(min: min, max: max), [self],
                              try Tensor.checked(ctorch_clamp(handle, min == nil ? 0 : 1, min ?? 0, max == nil ? 0 : 1, max ?? 0)))
    }

    /// Clamps elementwise to tensor bounds (broadcast); a `nil` bound is open.
    public func clamp(min: Tensor?, max: Tensor?) throws -> Tensor {
        try Tensor.checked(ctorch_clamp_tensor(handle, min?.handle, max?.handle))
    }

    // MARK: Comparisons and logic (results are bool tensors)

    /// self == other elementwise.
    public func isEqual(to other: Tensor) throws -> Tensor { try binary(CTORCH_EQ, other) }
    /// self == value elementwise.
    public func isEqual(to value: Double) throws -> Tensor { try binary(CTORCH_EQ, value) }
    /// self != other elementwise.
    public func isNotEqual(to other: Tensor) throws -> Tensor { try binary(CTORCH_NE, other) }
    /// self != value elementwise.
    public func isNotEqual(to value: Double) throws -> Tensor { try binary(CTORCH_NE, value) }
    /// self < other elementwise.
    public func isLess(than other: Tensor) throws -> Tensor { try binary(CTORCH_LT, other) }
    /// self < value elementwise.
    public func isLess(than value: Double) throws -> Tensor { try binary(CTORCH_LT, value) }
    /// self <= other elementwise.
    public func isLessOrEqual(to other: Tensor) throws -> Tensor { try binary(CTORCH_LE, other) }
    /// self <= value elementwise.
    public func isLessOrEqual(to value: Double) throws -> Tensor { try binary(CTORCH_LE, value) }
    /// self > other elementwise.
    public func isGreater(than other: Tensor) throws -> Tensor { try binary(CTORCH_GT, other) }
    /// self > value elementwise.
    public func isGreater(than value: Double) throws -> Tensor { try binary(CTORCH_GT, value) }
    /// self >= other elementwise.
    public func isGreaterOrEqual(to other: Tensor) throws -> Tensor { try binary(CTORCH_GE, other) }
    /// self >= value elementwise.
    public func isGreaterOrEqual(to value: Double) throws -> Tensor { try binary(CTORCH_GE, value) }
    /// Elementwise AND of truth values.
    public func logicalAnd(_ other: Tensor) throws -> Tensor { try binary(CTORCH_LOGICAL_AND, other) }
    /// Elementwise OR of truth values.
    public func logicalOr(_ other: Tensor) throws -> Tensor { try binary(CTORCH_LOGICAL_OR, other) }
    /// Elementwise NOT of truth values.
    public func logicalNot() throws -> Tensor { try unary(CTORCH_LOGICAL_NOT) }
    /// Whether each element is NaN.
    public func isNaN() throws -> Tensor { try unary(CTORCH_ISNAN) }
    /// Whether each element is finite.
    public func isFinite() throws -> Tensor { try unary(CTORCH_ISFINITE) }
}
