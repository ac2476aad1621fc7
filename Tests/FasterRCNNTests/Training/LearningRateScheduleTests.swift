import Foundation
import Testing
@testable import FasterRCNN

@Suite("Learning-rate schedules")
struct LearningRateScheduleTests {
    /// The tutorial schedule (base 0.02, start 0.002, soft start 0.1, annealing at 0.8 and 0.9, divider 10),
    /// hand-computed: linear ramp, 0.02 on [0.1, 0.8], 0.002 on (0.8, 0.9], then 0.0002.
    @Test func softStartTutorialValuesByHand() throws {
        let schedule = try LearningRateSchedule(
            .softStart(baseLR: 0.02, startLR: 0.002, softStart: 0.1, annealingPoints: [0.8, 0.9], divider: 10),
            totalSteps: 1000)
        #expect(abs(schedule.rate(atStep: 0) - 0.002) < 1e-15)
        #expect(abs(schedule.rate(atStep: 50) - 0.011) < 1e-15)  // halfway up the ramp
        #expect(abs(schedule.rate(atStep: 100) - 0.02) < 1e-15)
        #expect(abs(schedule.rate(atStep: 800) - 0.02) < 1e-15)  // a point is passed only when progress > it
        #expect(abs(schedule.rate(atStep: 801) - 0.002) < 1e-15)
        #expect(abs(schedule.rate(atStep: 900) - 0.002) < 1e-15)
        #expect(abs(schedule.rate(atStep: 901) - 0.0002) < 1e-15)
        #expect(abs(schedule.rate(atStep: 1000) - 0.0002) < 1e-15)
    }

    /// Step schedule by hand: base 0.1, gamma 0.5, step 25% of 200 iterations = 50 iterations per halving,
    /// with a continuous exponent (step 25 is 0.1 · 0.5^0.5, not 0.1).
    @Test func stepScheduleIsContinuousByHand() throws {
        let schedule = try LearningRateSchedule(.step(baseLR: 0.1, gamma: 0.5, stepSizePercent: 25), totalSteps: 200)
        #expect(schedule.rate(atStep: 0) == 0.1)
        #expect(abs(schedule.rate(atStep: 25) - 0.1 * 0.5.squareRoot()) < 1e-15)
        #expect(abs(schedule.rate(atStep: 50) - 0.05) < 1e-15)
        #expect(abs(schedule.rate(atStep: 200) - 0.00625) < 1e-15)
    }

    @Test func ratesScaleWithWorkers() throws {
        let one = try LearningRateSchedule(.step(baseLR: 0.01, gamma: 0.1, stepSizePercent: 10), totalSteps: 100)
        let four = try LearningRateSchedule(.step(baseLR: 0.01, gamma: 0.1, stepSizePercent: 10), totalSteps: 100, workers: 4)
        for step in [0, 7, 55, 100] { #expect(abs(four.rate(atStep: step) - 4 * one.rate(atStep: step)) < 1e-15) }
    }

    /// Both schedules against TAO's formulas transcribed into Python (MultiGPULearningRateScheduler and
    /// StepLRScheduler.get_learning_rate), fed the same float32 spec values, at steps chosen around every
    /// boundary; the step case uses a percent whose iteration count is fractional (floored by `//`).
    @Test func bothSchedulesMatchTheReferenceFormulasInPython() throws {
        let total = 1234
        let steps = [0, 1, 61, 123, 124, 125, 600, 740, 987, 988, 989, 1110, 1111, 1112, 1233, 1234]
        let soft = try LearningRateSchedule(
            .softStart(baseLR: Double(Float(0.02)), startLR: Double(Float(0.0002)), softStart: Double(Float(0.1)),
                       annealingPoints: [Double(Float(0.8)), Double(Float(0.9))], divider: 10),
            totalSteps: total, workers: 2)
        let step = try LearningRateSchedule(
            .step(baseLR: Double(Float(0.01)), gamma: Double(Float(0.3)), stepSizePercent: Double(Float(33.3))),
            totalSteps: total, workers: 2)
        let script = """
        import sys, numpy as np
        f = lambda x: float(np.float32(x))
        total, hvd = 1234, 2
        steps = [int(s) for s in sys.argv[1].split(',')]
        def soft(step, start_lr, base_lr, soft_start, points, divider):
            progress = step / float(total)
            if not base_lr: return base_lr
            lr = base_lr
            if progress < soft_start:
                t = progress / soft_start
                lr = t * base_lr + (1. - t) * start_lr
            else:
                for p in points:
                    if progress > p: lr /= divider
            return lr
        def stepped(step, base_lr, gamma, step_size):
            numsteps = total * step_size // 100
            return base_lr * pow(gamma, step / numsteps)
        for s in steps:
            a = soft(s, f(0.0002) * hvd, f(0.02) * hvd, f(0.1), [f(0.8), f(0.9)], f(10))
            b = stepped(s, f(0.01) * hvd, f(0.3), f(33.3))
            print(repr(a), repr(b))
        """
        let lines = try DataTestSupport.python(script, arguments: [steps.map(String.init).joined(separator: ",")])
            .split(separator: "\n")
        #expect(lines.count == steps.count)
        for (index, line) in lines.enumerated() {
            let values = line.split(separator: " ").compactMap { Double($0) }
            let s = steps[index]
            #expect(abs(soft.rate(atStep: s) - values[0]) <= 1e-15 * values[0], "soft_start at step \(s)")
            #expect(abs(step.rate(atStep: s) - values[1]) <= 1e-15 * values[1], "step at step \(s)")
        }
    }

    @Test func rejectsWhatTAORejects() {
        #expect(throws: TrainingError.self) {
            try LearningRateSchedule(.softStart(baseLR: 1, startLR: 0.1, softStart: 0.5, annealingPoints: [0.4], divider: 10),
                                     totalSteps: 10)
        }
        #expect(throws: TrainingError.self) {
            try LearningRateSchedule(.step(baseLR: 1, gamma: 1.5, stepSizePercent: 10), totalSteps: 10)
        }
        #expect(throws: TrainingError.self) {
            try LearningRateSchedule(.step(baseLR: 1, gamma: 0.5, stepSizePercent: 5), totalSteps: 10)  // 0.5 iteration
        }
    }

    /// TAO: iters = ceil(ceil(samples / batch) / workers).
    @Test func iterationsPerEpochAsTAO() {
        #expect(iterationsPerEpoch(samples: 6434, batchSize: 8) == 805)
        #expect(iterationsPerEpoch(samples: 6434, batchSize: 8, workers: 4) == 202)
        #expect(iterationsPerEpoch(samples: 16, batchSize: 8) == 2)
        #expect(iterationsPerEpoch(samples: 1, batchSize: 8, workers: 2) == 1)
    }
}
