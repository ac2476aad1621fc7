/// Swift element types that map one-to-one onto a ``DType`` (same size and bit layout).
public protocol TensorScalar {
    /// The matching tensor element type.
    static var dtype: DType { get }
}

extension Float: TensorScalar { public static var dtype: DType { .float32 } }
extension Double: TensorScalar { public static var dtype: DType { .float64 } }
extension Int64: TensorScalar { public static var dtype: DType { .int64 } }
extension Int32: TensorScalar { public static var dtype: DType { .int32 } }
extension UInt8: TensorScalar { public static var dtype: DType { .uint8 } }
extension Bool: TensorScalar { public static var dtype: DType { .bool } }
extension Int: TensorScalar {
    /// `Int` is 64-bit on every supported platform.
    public static var dtype: DType { .int64 }
}
