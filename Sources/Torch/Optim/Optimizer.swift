/// A gradient-descent optimizer with Keras 2 semantics (as used by TAO's optimizer block).
///
/// The training loop sets ``learningRate`` before each ``step()`` (TAO's schedulers overwrite it every batch);
/// `decay` > 0 additionally applies Keras' inverse-time decay lr / (1 + decay · iterations), where
/// `iterations` counts the steps taken before this one. Parameters without a gradient are skipped.
public protocol Optimizer: AnyObject {
    /// The base learning rate used by the next step.
    var learningRate: Double { get set }
    /// How many steps have been taken (Keras' `iterations`).
    var iterations: Int { get }
    /// Updates every parameter that has a gradient, under ``noGrad(_:)``, and counts one iteration.
    func step() throws
    /// Drops the parameters' gradients.
    func zeroGrad() throws
    /// A snapshot of the state (iteration count and per-parameter moment buffers) as named tensors:
    /// `iterations` and `<slot>.<parameter name>`.
    func stateTensors() throws -> [String: Tensor]
    /// Restores a snapshot taken by ``stateTensors()`` from an optimizer over the same parameters.
    func loadState(_ tensors: [String: Tensor]) throws
}

/// The parameters an optimizer updates and its per-parameter buffers ("slots", e.g. Adam's `m` and `v`).
struct ParameterSlots {
    let names: [String]
    let parameters: [Tensor]
    /// Slot name → one zero-initialized buffer per parameter.
    private(set) var buffers: [String: [Tensor]] = [:]
    let slotNames: [String]

    init(_ entries: [ParameterStore.Entry], slots: [String]) throws {
        names = entries.map(\.name)
        parameters = entries.map(\.tensor)
        slotNames = slots
        for slot in slots {
            buffers[slot] = try parameters.map { try Tensor.zeros(like: $0) }
        }
    }

    /// The buffer of `slot` for parameter `index`.
    func buffer(_ slot: String, _ index: Int) -> Tensor { buffers[slot]![index] }

    /// Calls `update` with (index, parameter, gradient) for each parameter that has a gradient, without autograd.
    func forEachGradient(_ update: (Int, Tensor, Tensor) throws -> Void) throws {
        try noGrad {
            for (index, parameter) in parameters.enumerated() {
                guard let gradient = parameter.grad else { continue }
                try update(index, parameter, gradient)
            }
        }
    }

    func zeroGrad() throws {
        for parameter in parameters { try parameter.zeroGrad() }
    }

    func stateTensors(iterations: Int) throws -> [String: Tensor] {
        var state = ["iterations": try Tensor([Int64(iterations)], shape: [])]
        for slot in slotNames {
            for (index, name) in names.enumerated() {
                state["\(slot).\(name)"] = try buffer(slot, index).clone()
            }
        }
        return state
    }

    /// Copies the saved buffers back and returns the saved iteration count.
    func load(_ state: [String: Tensor]) throws -> Int {
        guard let iterations = state["iterations"] else { throw TorchError("optimizer state: 'iterations' is missing") }
        try noGrad {
            for slot in slotNames {
                for (index, name) in names.enumerated() {
                    let key = "\(slot).\(name)"
                    guard let saved = state[key] else { throw TorchError("optimizer state: '\(key)' is missing") }
                    let target = buffer(slot, index)
                    guard saved.shape == target.shape else {
                        throw TorchError("optimizer state: '\(key)' has shape \(saved.shape), expected \(target.shape)")
                    }
                    try target.copy(from: saved)
                }
            }
        }
        return Int(try iterations.item())
    }
}

/// Keras' inverse-time decay of the learning rate.
func decayedLearningRate(_ learningRate: Double, decay: Double, iterations: Int) -> Double {
    decay > 0 ? learningRate / (1 + decay * Double(iterations)) : learningRate
}
