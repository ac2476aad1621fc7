import Foundation

/// A histogram of values in TensorFlow's default buckets, encoded as TensorFlow's `HistogramProto`.
///
/// TensorFlow's default bucket limits are ±1e-12·1.1^k up to 1e20, ±DBL_MAX and 0, in increasing order; a value
/// `v` falls into the first bucket whose limit is greater than `v`. Runs of empty buckets are collapsed into one
/// empty bucket carrying the run's last limit (TensorFlow's `EncodeToProto` without preserving zero buckets).
struct Histogram {
    /// The default limits, shared by every histogram.
    static let defaultLimits: [Double] = {
        var positive: [Double] = []
        var value = 1e-12
        while value < 1e20 {
            positive.append(value)
            value *= 1.1
        }
        positive.append(.greatestFiniteMagnitude)
        return positive.reversed().map { -$0 } + [0] + positive
    }()

    private(set) var minimum = Double.greatestFiniteMagnitude
    private(set) var maximum = -Double.greatestFiniteMagnitude
    private(set) var count = 0.0
    private(set) var sum = 0.0
    private(set) var sumOfSquares = 0.0
    private(set) var buckets = [Double](repeating: 0, count: Histogram.defaultLimits.count)

    /// A histogram of `values`; NaN values are skipped.
    init<Values: Sequence>(_ values: Values) where Values.Element == Float {
        for value in values where !value.isNaN { add(Double(value)) }
    }

    private mutating func add(_ value: Double) {
        var low = 0, high = Self.defaultLimits.count - 1  // first limit > value; the last limit is DBL_MAX
        while low < high {
            let middle = (low + high) / 2
            if Self.defaultLimits[middle] > value { high = middle } else { low = middle + 1 }
        }
        buckets[low] += 1
        minimum = Swift.min(minimum, value)
        maximum = Swift.max(maximum, value)
        count += 1
        sum += value
        sumOfSquares += value * value
    }

    /// The `HistogramProto`.
    var proto: Tensorflow_HistogramProto {
        var proto = Tensorflow_HistogramProto()
        proto.min = minimum
        proto.max = maximum
        proto.num = count
        proto.sum = sum
        proto.sumSquares = sumOfSquares
        var index = 0
        while index < buckets.count {
            var limit = Self.defaultLimits[index], bucket = buckets[index]
            index += 1
            if bucket <= 0 {
                while index < buckets.count && buckets[index] <= 0 {
                    limit = Self.defaultLimits[index]
                    bucket = buckets[index]
                    index += 1
                }
            }
            proto.bucketLimit.append(limit)
            proto.bucket.append(bucket)
        }
        return proto
    }
}
