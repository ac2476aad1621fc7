import CTorch

/// Element types. Raw values are the shim's dtype codes.
public enum DType: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case float32 = 0, float64, float16, bfloat16, int64, int32, uint8, bool

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .float16, .bfloat16: 2
        case .uint8, .bool: 1
        }
    }

    /// Whether the type holds floating-point numbers (the types autograd works with).
    public var isFloatingPoint: Bool {
        switch self {
        case .float32, .float64, .float16, .bfloat16: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .float32: "float32"
        case .float64: "float64"
        case .float16: "float16"
        case .bfloat16: "bfloat16"
        case .int64: "int64"
        case .int32: "int32"
        case .uint8: "uint8"
        case .bool: "bool"
        }
    }
}

/// Where a tensor's data lives.
public enum Device: Hashable, Sendable, CustomStringConvertible {
    case cpu
    /// A CUDA device by index; only usable when the loaded libtorch has CUDA (see ``Runtime/isCUDAAvailable``).
    case cuda(Int)

    public var description: String {
        switch self {
        case .cpu: "cpu"
        case .cuda(let index): "cuda:\(index)"
        }
    }

    /// The shim's (type, index) codes, after checking that the device exists.
    func codes() throws(TorchError) -> (Int32, Int32) {
        switch self {
        case .cpu:
            return (Int32(CTORCH_CPU), 0)
        case .cuda(let index):
            guard Runtime.isCUDAAvailable else {
                throw TorchError(
                    "\(self) requested, but the loaded libtorch (\(Runtime.libraryPath)) has no CUDA support "
                        + "or sees no CUDA device")
            }
            guard index >= 0, index < Runtime.cudaDeviceCount else {
                throw TorchError("\(self) requested, but only \(Runtime.cudaDeviceCount) CUDA device(s) are visible")
            }
            return (Int32(CTORCH_CUDA), Int32(index))
        }
    }
}

/// How a 4-d tensor's elements are laid out in memory.
public enum MemoryFormat: Int32, Sendable {
    /// Row-major NCHW (libtorch's default).
    case contiguous = 0
    /// NHWC strides with NCHW shape; faster for convolutions on CPU (oneDNN).
    case channelsLast = 1
}
