import Foundation

/// The per-epoch progress bar: the data layer's ``ProgressBar`` counting images (so its rate is images/s and its
/// ETA covers the epoch), followed by the running mean loss and the current learning rate.
final class EpochProgress {
    private final class Detail: @unchecked Sendable {
        var text = ""
    }

    private let bar: ProgressBar?
    private let detail = Detail()
    private let batchSize: Int
    private var lossSum = 0.0
    private var steps = 0

    /// A bar for `iterations` batches of `batchSize` images; nothing is drawn when `visible` is false (non-primary
    /// processes).
    init(epoch: Int, epochs: Int, iterations: Int, batchSize: Int, visible: Bool) {
        self.batchSize = batchSize
        guard visible else {
            bar = nil
            return
        }
        let detail = self.detail
        bar = ProgressBar(total: iterations * batchSize, label: "Epoch \(epoch)/\(epochs)") { text in
            let newline = text.hasSuffix("\n")
            let body = newline ? String(text.dropLast()) : text
            FileHandle.standardError.write(Data((body + detail.text + (newline ? "\n" : "")).utf8))
        }
    }

    /// Marks one batch done with its total loss and learning rate.
    func advance(loss: Double, learningRate: Double) {
        lossSum += loss
        steps += 1
        detail.text = String(format: "  loss %.4f  lr %.3g", lossSum / Double(steps), learningRate)
        bar?.advance(by: batchSize)
    }
}
