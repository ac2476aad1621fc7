import Testing
@testable import Torch

extension TorchSuite {
    @Suite struct TensorBasicsTests {
        @Test func roundTripsEveryDType() throws {
            #expect(try Tensor([1.5, -2, 3] as [Float], shape: [3]).toArray(Float.self) == [1.5, -2, 3])
            #expect(try Tensor([1.25, 2.5] as [Double]).toArray(Double.self) == [1.25, 2.5])
            #expect(try Tensor([Int64.max, -7] as [Int64]).toArray(Int64.self) == [Int64.max, -7])
            #expect(try Tensor([Int32.min, 9] as [Int32]).toArray(Int32.self) == [Int32.min, 9])
            #expect(try Tensor([0, 255] as [UInt8]).toArray(UInt8.self) == [0, 255])
            #expect(try Tensor([true, false, true]).toArray(Bool.self) == [true, false, true])
            let values: [Float] = [0.5, -1.25, 3.0, 1024]
            for dtype in [DType.float16, .bfloat16] {
                let converted = try Tensor(values).to(dtype: dtype)
                #expect(converted.dtype == dtype)
                #expect(try converted.toArray(Float.self) == values)
            }
        }

        @Test func reportsShapeDTypeAndDevice() throws {
            let tensor = try Tensor.zeros([2, 3, 4], dtype: .float64)
            #expect(tensor.shape == [2, 3, 4])
            #expect(tensor.rank == 3 && tensor.count == 24)
            #expect(tensor.dtype == .float64)
            #expect(tensor.device == .cpu)
            #expect(tensor.strides == [12, 4, 1])
        }

        @Test func rawBytesRoundTrip() throws {
            // bfloat16 bits of 1.0 and -2.0.
            let bits: [UInt16] = [0x3F80, 0xC000]
            let tensor = try bits.withUnsafeBytes { try Tensor(bytes: $0, shape: [2], dtype: .bfloat16) }
            #expect(try tensor.toArray(Float.self) == [1, -2])
            var back = [UInt16](repeating: 0, count: 2)
            try back.withUnsafeMutableBytes { try tensor.copyBytes(to: $0) }
            #expect(back == bits)
            #expect(throws: TorchError.self) {
                try bits.withUnsafeBytes { try Tensor(bytes: $0, shape: [3], dtype: .bfloat16) }
            }
        }

        @Test func cudaOnACPUBuildIsAClearError() throws {
            if Runtime.isCUDAAvailable { return }
            let error = #expect(throws: TorchError.self) { try Tensor.zeros([1], device: .cuda(0)) }
            #expect(error?.message.contains("no CUDA") == true)
            #expect(throws: TorchError.self) { try Tensor([1.0]).to(device: .cuda(0)) }
        }

        @Test func shapeMismatchThrowsAndTheProcessGoesOn() throws {
            let a = try Tensor.ones([2, 3])
            let b = try Tensor.ones([4, 5])
            let error = #expect(throws: TorchError.self) { try a + b }
            #expect(error?.message.contains("must match the size") == true)
            let matmulError = #expect(throws: TorchError.self) { try a.matmul(a) }
            #expect(matmulError?.message.contains("cannot be multiplied") == true)
            #expect(throws: TorchError.self) { try a.reshape([7]) }
            #expect(throws: TorchError.self) {
                try Tensor.ones([1, 3, 8, 8]).conv2d(weight: Tensor.ones([4, 2, 3, 3]))
            }
            // Still fully working afterwards.
            #expect(try (a + a).sum().item() == 12)
        }

        @Test func arithmeticMatchesHandComputedValues() throws {
            let a = try Tensor([1, 2, 3, 4] as [Float], shape: [2, 2])
            let b = try Tensor([10, 20] as [Float], shape: [2])
            #expect(try (a + b).toArray(Float.self) == [11, 22, 13, 24])
            #expect(try (a - 1).toArray(Float.self) == [0, 1, 2, 3])
            #expect(try (1 - a).toArray(Float.self) == [0, -1, -2, -3])
            #expect(try (a * b).toArray(Float.self) == [10, 40, 30, 80])
            #expect(try (a / 2).toArray(Float.self) == [0.5, 1, 1.5, 2])
            #expect(try (4 / a).toArray(Float.self) == [4, 2, 4.0 / 3.0, 1])
            #expect(try (-a).toArray(Float.self) == [-1, -2, -3, -4])
            #expect(try a.matmul(a).toArray(Float.self) == [7, 10, 15, 22])
            #expect(try a.sum(dims: [0]).toArray(Float.self) == [4, 6])
            #expect(try a.mean(dims: [1], keepDim: true).shape == [2, 1])
            #expect(try a.mean().item() == 2.5)
            #expect(try a.prod().item() == 24)
            #expect(try a.max().item() == 4 && a.min().item() == 1)
            #expect(try a.clamp(min: 1.5, max: 3.5).toArray(Float.self) == [1.5, 2, 3, 3.5])
            #expect(try a.pow(2).toArray(Float.self) == [1, 4, 9, 16])
            #expect(try a.cumsum(dim: 1).toArray(Float.self) == [1, 3, 3, 7])
            #expect(try a.isGreater(than: 2).toArray(Bool.self) == [false, false, true, true])
            #expect(try a.isGreater(than: 2).any().item() == 1)
            #expect(try a.isGreater(than: 2).all().item() == 0)
            let (values, indices) = try a.max(dim: 1)
            #expect(try values.toArray(Float.self) == [2, 4] && indices.toArray(Int64.self) == [1, 1])
            #expect(try a.argmax().toArray(Int64.self) == [3])
        }

        @Test func inPlaceUpdates() throws {
            let x = try Tensor([1, 2] as [Double])
            try x.addInPlace(Tensor([10, 10] as [Double]), alpha: 0.5)
            #expect(try x.toArray(Double.self) == [6, 7])
            try x.multiplyInPlace(2)
            try x.addProductInPlace(Tensor([1, 2] as [Double]), Tensor([3, 4] as [Double]), value: 0.5)
            #expect(try x.toArray(Double.self) == [13.5, 18])
            try x.addQuotientInPlace(Tensor([3, 4] as [Double]), Tensor([3, 2] as [Double]), value: -1)
            #expect(try x.toArray(Double.self) == [12.5, 16])
            try x.maximumInPlace(Tensor([13, 1] as [Double]))
            #expect(try x.toArray(Double.self) == [13, 16])
            try x.fill(with: 3)
            #expect(try x.toArray(Double.self) == [3, 3])
        }

        @Test func memoryFormatAndDTypeChoices() throws {
            let x = try Tensor.randn([2, 3, 4, 5])
            let channelsLast = try x.contiguous(format: .channelsLast)
            #expect(channelsLast.isContiguous(format: .channelsLast))
            #expect(!channelsLast.isContiguous())
            #expect(channelsLast.strides == [60, 1, 15, 3])
            #expect(try channelsLast.toArray(Float.self) == x.toArray(Float.self))
            let w = try Tensor.randn([6, 3, 3, 3])
            let reference = try x.conv2d(weight: w, padding: (1, 1))
            let fast = try channelsLast.conv2d(weight: w.contiguous(format: .channelsLast), padding: (1, 1))
            #expect(fast.isContiguous(format: .channelsLast))
            #expect(try (fast - reference).abs().max().item() < 1e-4)
            let half = try x.to(dtype: .bfloat16)
            #expect(half.dtype == .bfloat16)
            #expect(try (half.to(dtype: .float32) - x).abs().max().item() < 0.05)
        }
    }
}
