/// Keras' `EarlyStopping` on the epoch's mean total loss (TAO accepts only `monitor: "loss"`).
///
/// An epoch improves when `loss + minDelta < best` (Keras' `monitor_op(current - min_delta, best)` with
/// `np.less` and the delta negated); then `best = loss` and the wait count resets. Otherwise the wait count grows,
/// and training stops once it reaches `patience`. The state travels in checkpoints so that a resumed run stops
/// where an uninterrupted one would (TAO restarts the count on resume).
public struct EarlyStopping: Sendable {
    /// The best loss so far and the epochs since it.
    public struct State: Sendable, Equatable {
        public var best: Double
        public var wait: Int

        public init(best: Double = .infinity, wait: Int = 0) {
            self.best = best
            self.wait = wait
        }
    }

    public let minDelta: Double
    public let patience: Int
    public private(set) var state: State

    public init(minDelta: Double, patience: Int, state: State = State()) {
        self.minDelta = minDelta
        self.patience = patience
        self.state = state
    }

    /// Records an epoch's loss; returns true when training should stop after this epoch.
    public mutating func shouldStop(afterLoss loss: Double) -> Bool {
        if loss + minDelta < state.best {
            state = State(best: loss, wait: 0)
            return false
        }
        state.wait += 1
        return state.wait >= patience
    }
}
