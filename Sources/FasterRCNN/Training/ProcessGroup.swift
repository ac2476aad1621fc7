import Torch

/// The data-parallel process group a run belongs to. Logging, TensorBoard, status.json and checkpoints happen on
/// the primary process only, and ``reduceGradients(_:)`` is the one place where gradients are averaged across
/// processes. This build runs a single process (rank 0 of 1); multi-process training over c10d is a separate
/// issue and will add its groups here.
public struct ProcessGroup: Sendable, Equatable {
    /// This process's index.
    public let rank: Int
    /// How many processes train together; learning rates are scaled by it, as TAO scales by Horovod's size.
    public let size: Int

    /// The group of a single-process run.
    public static let single = ProcessGroup(rank: 0, size: 1)

    /// Whether this process writes logs, TensorBoard files, status.json and checkpoints.
    public var isPrimary: Bool { rank == 0 }

    /// Averages the gradients of `store` over the group, after the backward pass and before the optimizer step.
    /// With a single process, its gradients already are the average.
    func reduceGradients(_ store: ParameterStore) throws {}
}
