import CTorch

extension Tensor {
    func unary(_ op: Int) throws -> Tensor { try Tensor.checked(ctorch_unary(Int32(op), handle)) }
    func binary(_ op: Int, _ other: Tensor) throws -> Tensor {
        try Tensor.checked(ctorch_binary(Int32(op), handle, other.handle))
    }
    func binary(_ op: Int, _ scalar: Double) throws -> Tensor {
        try Tensor.checked(ctorch_binary_scalar(Int32(op), handle, scalar))
    }

    // MARK: Operators (broadcasting, with libtorch's type promotion)

    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(CTORCH_ADD, rhs) }
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(CTORCH_SUB, rhs) }
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(CTORCH_MUL, rhs) }
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.binary(CTORCH_DIV, rhs) }
    public static func + (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(CTORCH_ADD, rhs) }
    public static func - (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(CTORCH_SUB, rhs) }
    public static func * (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(CTORCH_MUL, rhs) }
    public static func / (lhs: Tensor, rhs: Double) throws -> Tensor { try lhs.binary(CTORCH_DIV, rhs) }
    public static func + (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.binary(CTORCH_ADD, lhs) }
    public static func - (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.binary(CTORCH_RSUB, lhs) }
    public static func * (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.binary(CTORCH_MUL, lhs) }
    public static func / (lhs: Double, rhs: Tensor) throws -> Tensor { try rhs.reciprocal() * lhs }
    public static prefix func - (operand: Tensor) throws -> Tensor { try operand.unary(CTORCH_NEG) }

    // MARK: Elementwise math

    public func exp() throws -> Tensor { try unary(CTORCH_EXP) }
    public func log() throws -> Tensor { try unary(CTORCH_LOG) }
    public func log1p() throws -> Tensor { try unary(CTORCH_LOG1P) }
    public func sqrt() throws -> Tensor { try unary(CTORCH_SQRT) }
    public func rsqrt() throws -> Tensor { try unary(CTORCH_RSQRT) }
    public func abs() throws -> Tensor { try unary(CTORCH_ABS) }
    public func square() throws -> Tensor { try unary(CTORCH_SQUARE) }
    public func reciprocal() throws -> Tensor { try unary(CTORCH_RECIPROCAL) }
    public func sign() throws -> Tensor { try unary(CTORCH_SIGN) }
    public func floor() throws -> Tensor { try unary(CTORCH_FLOOR) }
    public func ceil() throws -> Tensor { try unary(CTORCH_CEIL) }
    /// Rounds half to even, like libtorch.
    public func round() throws -> Tensor { try unary(CTORCH_ROUND) }
    public func tanh() throws -> Tensor { try unary(CTORCH_TANH) }
    public func pow(_ exponent: Double) throws -> Tensor { try binary(CTORCH_POW, exponent) }
    public func pow(_ exponent: Tensor) throws -> Tensor { try binary(CTORCH_POW, exponent) }
    /// Elementwise maximum with broadcasting.
    public func maximum(_ other: Tensor) throws -> Tensor { try binary(CTORCH_MAXIMUM, other) }
    /// Elementwise minimum with broadcasting.
    public func minimum(_ other: Tensor) throws -> Tensor { try binary(CTORCH_MINIMUM, other) }
    public func remainder(_ divisor: Double) throws -> Tensor { try binary(CTORCH_REMAINDER, divisor) }
    public func floorDivide(_ divisor: Double) throws -> Tensor { try binary(CTORCH_FLOOR_DIVIDE, divisor) }
    /// Matrix product with libtorch's `matmul` broadcasting rules.
    public func matmul(_ other: Tensor) throws -> Tensor { try Tensor.checked(ctorch_matmul(handle, other.handle)) }
    /// Cumulative sum along `dim`.
    public func cumsum(dim: Int) throws -> Tensor { try Tensor.checked(ctorch_cumsum(handle, Int64(dim))) }

    /// Clamps to `[min, max]`; a `nil` bound is open.
    public func clamp(min: Double? = nil, max: Double? = nil) throws -> Tensor {
        try Tensor.checked(ctorch_clamp(handle, min == nil ? 0 : 1, min ?? 0, max == nil ? 0 : 1, max ?? 0))
    }

    /// Clamps elementwise to tensor bounds (broadcast); a `nil` bound is open.
    public func clamp(min: Tensor?, max: Tensor?) throws -> Tensor {
        try Tensor.checked(ctorch_clamp_tensor(handle, min?.handle, max?.handle))
    }

    // MARK: Comparisons and logic (results are bool tensors)

    public func isEqual(to other: Tensor) throws -> Tensor { try binary(CTORCH_EQ, other) }
    public func isEqual(to value: Double) throws -> Tensor { try binary(CTORCH_EQ, value) }
    public func isNotEqual(to other: Tensor) throws -> Tensor { try binary(CTORCH_NE, other) }
    public func isNotEqual(to value: Double) throws -> Tensor { try binary(CTORCH_NE, value) }
    public func isLess(than other: Tensor) throws -> Tensor { try binary(CTORCH_LT, other) }
    public func isLess(than value: Double) throws -> Tensor { try binary(CTORCH_LT, value) }
    public func isLessOrEqual(to other: Tensor) throws -> Tensor { try binary(CTORCH_LE, other) }
    public func isLessOrEqual(to value: Double) throws -> Tensor { try binary(CTORCH_LE, value) }
    public func isGreater(than other: Tensor) throws -> Tensor { try binary(CTORCH_GT, other) }
    public func isGreater(than value: Double) throws -> Tensor { try binary(CTORCH_GT, value) }
    public func isGreaterOrEqual(to other: Tensor) throws -> Tensor { try binary(CTORCH_GE, other) }
    public func isGreaterOrEqual(to value: Double) throws -> Tensor { try binary(CTORCH_GE, value) }
    public func logicalAnd(_ other: Tensor) throws -> Tensor { try binary(CTORCH_LOGICAL_AND, other) }
    public func logicalOr(_ other: Tensor) throws -> Tensor { try binary(CTORCH_LOGICAL_OR, other) }
    public func logicalNot() throws -> Tensor { try unary(CTORCH_LOGICAL_NOT) }
    public func isNaN() throws -> Tensor { try unary(CTORCH_ISNAN) }
    public func isFinite() throws -> Tensor { try unary(CTORCH_ISFINITE) }
}
