import CTorch

extension Tensor {
    // MARK: Activations

    /// max(x, 0).
    public func relu() throws -> Tensor { try unary(CTORCH_RELU) }
    /// min(max(x, 0), 6).
    public func relu6() throws -> Tensor { try unary(CTORCH_RELU6) }
    /// x for x ≥ 0, slope·x otherwise.
    public func leakyRelu(slope: Double = 0.01) throws -> Tensor {
        OperationTrace.record(.leakyRelu(slope: slope), [self], try Tensor.checked(ctorch_leaky_relu(handle, slope)))
    }
    /// 1 / (1 + e⁻ˣ).
    public func sigmoid() throws -> Tensor { try unary(CTORCH_SIGMOID) }
    /// x * sigmoid(x) (swish).
    public func silu() throws -> Tensor { try unary(CTORCH_SILU) }
    /// Softmax along `dim`.
    public func softmax(dim: Int) throws -> Tensor {
        OperationTrace.record(.softmax(dim: dim), [self], try Tensor.checked(ctorch_softmax(handle, Int64(dim), 0)))
    }
    /// log(softmax) along `dim`, computed stably.
    public func logSoftmax(dim: Int) throws -> Tensor { try Tensor.checked(ctorch_softmax(handle, Int64(dim), 1)) }

    // MARK: Layers

    /// 2-d convolution of an NCHW input (any memory format) with weight [out, in/groups, kh, kw].
    public func conv2d(
        weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1), padding: (Int, Int) = (0, 0),
        dilation: (Int, Int) = (1, 1), groups: Int = 1
    ) throws -> Tensor {
        let s = [Int64(stride.0), Int64(stride.1)]
        let p = [Int64(padding.0), Int64(padding.1)]
        let d = [Int64(dilation.0), Int64(dilation.1)]
        let output = try Tensor.checked(ctorch_conv2d(handle, weight.handle, bias?.handle, s, p, d, Int64(groups)))
        OperationTrace.record(.conv2d(stride: [stride.0, stride.1], padding: [padding.0, padding.1],
                                      dilation: [dilation.0, dilation.1], groups: groups), [self, weight, bias], output)
        if FLOPCounter.isActive { FLOPCounter.recordConvolution(weight: weight, output: output) }
        return output
    }

    /// Batch normalization over dim 1. In training it uses batch statistics and updates `runningMean` and
    /// `runningVar` in place (new = (1 - momentum) * old + momentum * batch, libtorch's convention);
    /// otherwise it uses the running statistics.
    public func batchNorm(
        weight: Tensor?, bias: Tensor?, runningMean: Tensor?, runningVar: Tensor?, training: Bool,
        momentum: Double, eps: Double
    ) throws -> Tensor {
        let output = try Tensor.checked(
            ctorch_batch_norm(handle, weight?.handle, bias?.handle, runningMean?.handle, runningVar?.handle,
                              training ? 1 : 0, momentum, eps))
        let complete = weight != nil && bias != nil && runningMean != nil && runningVar != nil
        return OperationTrace.record(
            training ? .unsupported("batch norm in training mode")
                : complete ? .batchNorm(epsilon: eps) : .unsupported("batch norm without all four tensors"),
            [self, weight, bias, runningMean, runningVar], output)
    }

    /// Pads the last two dimensions with `value`: `left`/`right` columns and `top`/`bottom` rows.
    /// Keras' 'same' padding with stride 2 pads one more at the bottom/right than at the top/left.
    public func padded(left: Int, right: Int, top: Int, bottom: Int, value: Double = 0) throws -> Tensor {
        let amounts = [left, right, top, bottom].map(Int64.init)
        return OperationTrace.record(.pad(left: left, right: right, top: top, bottom: bottom, value: value), [self],
                                     try Tensor.checked(ctorch_constant_pad(handle, amounts, Int32(amounts.count), value)))
    }

    /// x · weightᵀ + bias with weight [out, in].
    public func linear(weight: Tensor, bias: Tensor? = nil) throws -> Tensor {
        let output = try Tensor.checked(ctorch_linear(handle, weight.handle, bias?.handle))
        OperationTrace.record(.linear, [self, weight, bias], output)
        if FLOPCounter.isActive {
            FLOPCounter.recordMatrixProduct(outputElements: output.shape.reduce(1, *), inner: weight.shape.last ?? 0)
        }
        return output
    }

    /// Zeroes elements with probability `p` and scales the rest by 1/(1-p) when `training`; identity otherwise.
    public func dropout(p: Double, training: Bool) throws -> Tensor {
        OperationTrace.record(training && p > 0 ? .unsupported("dropout in training mode") : .identity, [self],
                              try Tensor.checked(ctorch_dropout(handle, p, training ? 1 : 0)))
    }

    // MARK: Pooling

    /// Max pooling; `stride` defaults to the kernel size.
    public func maxPool2d(
        kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0), ceilMode: Bool = false
    ) throws -> Tensor {
        let (k, s, p) = Tensor.poolArguments(kernel, stride, padding)
        return OperationTrace.record(.maxPool(kernel: k.map(Int.init), stride: s.map(Int.init), padding: p.map(Int.init), ceilMode: ceilMode),
                                     [self], try Tensor.checked(ctorch_max_pool2d(handle, k, s, p, ceilMode ? 1 : 0)))
    }

    /// Average pooling; `stride` defaults to the kernel size.
    public func avgPool2d(
        kernel: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0), ceilMode: Bool = false,
        countIncludePad: Bool = true
    ) throws -> Tensor {
        let (k, s, p) = Tensor.poolArguments(kernel, stride, padding)
        return OperationTrace.record(
            .averagePool(kernel: k.map(Int.init), stride: s.map(Int.init), padding: p.map(Int.init), ceilMode: ceilMode,
                         countIncludePad: countIncludePad),
            [self], try Tensor.checked(ctorch_avg_pool2d(handle, k, s, p, ceilMode ? 1 : 0, countIncludePad ? 1 : 0)))
    }

    /// Average pooling to a fixed output size (height, width).
    public func adaptiveAvgPool2d(outputSize: (Int, Int)) throws -> Tensor {
        OperationTrace.record(.adaptiveAveragePool(outputSize: [outputSize.0, outputSize.1]), [self],
                              try Tensor.checked(ctorch_adaptive_avg_pool2d(handle, [Int64(outputSize.0), Int64(outputSize.1)])))
    }

    private static func poolArguments(
        _ kernel: (Int, Int), _ stride: (Int, Int)?, _ padding: (Int, Int)
    ) -> ([Int64], [Int64], [Int64]) {
        let step = stride ?? kernel
        return ([Int64(kernel.0), Int64(kernel.1)], [Int64(step.0), Int64(step.1)], [Int64(padding.0), Int64(padding.1)])
    }

    // MARK: Sampling

    /// How ``gridSample(_:mode:padding:alignCorners:)`` interpolates.
    public enum SampleMode: Int32, Sendable { case bilinear = 0, nearest = 1 }
    /// What ``gridSample(_:mode:padding:alignCorners:)`` reads outside the input.
    public enum SamplePadding: Int32, Sendable { case zeros = 0, border = 1 }

    /// Samples this [N, C, H, W] tensor at `grid` [N, Ho, Wo, 2] holding (x, y) in [-1, 1] normalized
    /// coordinates, giving [N, C, Ho, Wo]. With `alignCorners` -1 and 1 are the centres of the corner pixels;
    /// without, they are the outer edges of the corner pixels. Differentiable in both inputs (crop-and-resize).
    public func gridSample(
        _ grid: Tensor, mode: SampleMode = .bilinear, padding: SamplePadding = .zeros, alignCorners: Bool = false
    ) throws -> Tensor {
        try Tensor.checked(ctorch_grid_sample(handle, grid.handle, mode.rawValue, padding.rawValue, alignCorners ? 1 : 0))
    }
}
