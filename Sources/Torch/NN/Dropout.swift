/// Zeroes elements with probability `p` in training mode (scaling the rest by 1/(1-p)); identity in eval mode.
public final class Dropout: Module {
    /// The probability of zeroing an element.
    public let p: Double
    private let store: ParameterStore

    /// A dropout layer that follows `store`'s train/eval mode.
    public init(_ store: ParameterStore, p: Double) throws {
        guard (0...1).contains(p) else { throw TorchError("Dropout: probability \(p) is outside [0, 1]") }
        self.p = p
        self.store = store
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        try input.dropout(p: p, training: store.isTraining)
    }
}
