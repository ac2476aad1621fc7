import Foundation

/// TAO's learning-rate schedules for FasterRCNN, evaluated per iteration from the global step.
///
/// TAO sets the learning rate before the first batch from the initial step and after every batch from the new
/// step, so the batch run at global step `s` (0-based, counted over all epochs) uses `rate(atStep: s)`.
/// Progress is `s / totalSteps` with `totalSteps = epochs × iterationsPerEpoch`. The base and start rates are
/// multiplied by the number of data-parallel workers before use (Horovod-style scaling), as TAO does.
/// The spec's float32 values are widened to Double before any arithmetic, as Python does.
public struct LearningRateSchedule: Sendable, Hashable {
    /// The shape of the schedule.
    public enum Kind: Sendable, Hashable {
        /// TAO's `MultiGPULearningRateScheduler`: for progress < `softStart` the rate goes linearly from `startLR`
        /// to `baseLR` (`t·base + (1−t)·start`, `t = progress/softStart`); afterwards it is `baseLR` divided by
        /// `divider` once for every annealing point strictly below the progress.
        case softStart(baseLR: Double, startLR: Double, softStart: Double, annealingPoints: [Double], divider: Double)
        /// TAO's `StepLRScheduler`: `baseLR · gamma^(step / floor(totalSteps · stepSizePercent / 100))`, with a
        /// continuous (not floored) exponent.
        case step(baseLR: Double, gamma: Double, stepSizePercent: Double)
    }

    /// The schedule with its rates already scaled by the worker count.
    public let kind: Kind
    /// `epochs × iterationsPerEpoch`.
    public let totalSteps: Int

    /// A schedule over `totalSteps` iterations whose rates are multiplied by `workers`.
    ///
    /// Throws `TrainingError` for the cases TAO's schedulers reject: a soft start outside [0, 1], annealing points
    /// outside [0, 1], decreasing, or not above the soft start; a step size outside [0, 100] percent, a gamma
    /// outside [0, 1], or a step size that rounds to zero iterations.
    public init(_ kind: Kind, totalSteps: Int, workers: Int = 1) throws {
        guard totalSteps > 0 else { throw TrainingError("learning rate: the run has no iterations (\(totalSteps))") }
        let scale = Double(max(workers, 1))
        switch kind {
        case let .softStart(base, start, softStart, points, divider):
            guard (0...1).contains(softStart) else {
                throw TrainingError("learning_rate.soft_start.soft_start: \(softStart) is not in [0, 1]")
            }
            var previous = 0.0
            for point in points {
                guard (0...1).contains(point) else {
                    throw TrainingError("learning_rate.soft_start.annealing_points: \(point) is not in [0, 1]")
                }
                guard point >= previous else {
                    throw TrainingError("learning_rate.soft_start.annealing_points: must be increasing")
                }
                guard softStart < point else {
                    throw TrainingError("learning_rate.soft_start.annealing_points: \(point) is not above soft_start \(softStart)")
                }
                previous = point
            }
            self.kind = .softStart(baseLR: base * scale, startLR: start * scale, softStart: softStart,
                                   annealingPoints: points, divider: divider)
        case let .step(base, gamma, percent):
            guard (0...100).contains(percent) else {
                throw TrainingError("learning_rate.step.step_size: \(percent) is not in [0, 100] percent")
            }
            guard (0...1).contains(gamma) else { throw TrainingError("learning_rate.step.gamma: \(gamma) is not in [0, 1]") }
            guard (Double(totalSteps) * percent / 100).rounded(.down) > 0 else {
                throw TrainingError(
                    "learning_rate.step.step_size: \(percent)% of \(totalSteps) iterations is less than one iteration")
            }
            self.kind = .step(baseLR: base * scale, gamma: gamma, stepSizePercent: percent)
        }
        self.totalSteps = totalSteps
    }

    /// The learning rate for the batch at global step `step` (0 ≤ step ≤ totalSteps).
    public func rate(atStep step: Int) -> Double {
        let progress = Double(step) / Double(totalSteps)
        switch kind {
        case let .softStart(base, start, softStart, points, divider):
            if base == 0 { return base }
            if progress < softStart {
                let t = progress / softStart
                return t * base + (1 - t) * start
            }
            return points.reduce(base) { rate, point in progress > point ? rate / divider : rate }
        case let .step(base, gamma, percent):
            let stepsPerDecay = (Double(totalSteps) * percent / 100).rounded(.down)
            return base * pow(gamma, Double(step) / stepsPerDecay)
        }
    }
}

/// Iterations per epoch as TAO computes them: `ceil(ceil(samples / batchSize) / workers)`.
public func iterationsPerEpoch(samples: Int, batchSize: Int, workers: Int = 1) -> Int {
    let batches = (samples + batchSize - 1) / batchSize
    return (batches + workers - 1) / workers
}

extension LearningRateSchedule {
    /// The spec's schedule over `totalSteps` iterations, scaled by `workers`.
    public init(_ config: ResolvedTraining.LearningRate, totalSteps: Int, workers: Int = 1) throws {
        switch config {
        case let .softStart(base, start, softStart, points, divider):
            try self.init(.softStart(baseLR: Double(base), startLR: Double(start), softStart: Double(softStart),
                                     annealingPoints: points.map(Double.init), divider: Double(divider)),
                          totalSteps: totalSteps, workers: workers)
        case let .step(base, gamma, percent):
            try self.init(.step(baseLR: Double(base), gamma: Double(gamma), stepSizePercent: Double(percent)),
                          totalSteps: totalSteps, workers: workers)
        }
    }
}
