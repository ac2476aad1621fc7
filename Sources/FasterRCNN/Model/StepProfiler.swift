/// Splits the wall time of a training step into phases with synchronous timers: each ``mark(_:)`` charges the
/// time since the previous mark (or ``start()``) to a phase. Pass one to
/// ``FasterRCNNModel/trainingLosses(images:groundTruth:profiler:)``; the caller marks the phases after the
/// forward (backward, optimizer). On the CPU, libtorch runs operations synchronously, so the split is exact;
/// on CUDA it would need a device synchronization at each mark and is not meaningful without one.
public final class StepProfiler {
    /// The phases of a training step, in the order they run.
    public enum Phase: String, CaseIterable, Sendable {
        /// Backbone features.
        case backbone
        /// RPN convolutions, RPN anchor targets and the proposal layer (decode, top-k, NMS).
        case rpnAndProposals = "rpn_and_proposals"
        /// RoI sampling against the ground truth and crop-and-resize of the sampled RoIs.
        case roiSamplingAndCrop = "roi_sampling_and_crop"
        /// The backbone's per-RoI head and the RCNN class and box layers.
        case rcnnHead = "rcnn_head"
        /// The four detection losses and the regularization.
        case losses
        /// Autograd's backward pass.
        case backward
        /// The optimizer update.
        case optimizer
    }

    private let clock = ContinuousClock()
    private var last: ContinuousClock.Instant
    /// The time charged to each phase since the last ``start()``.
    public private(set) var durations: [Phase: Duration] = [:]

    public init() {
        last = clock.now
    }

    /// Clears the durations and starts timing.
    public func start() {
        durations = [:]
        last = clock.now
    }

    /// Charges the time since the previous mark to `phase` (phases may be marked more than once).
    public func mark(_ phase: Phase) {
        let now = clock.now
        durations[phase, default: .zero] += now - last
        last = now
    }
}
