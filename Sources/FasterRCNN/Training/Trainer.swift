import Foundation
import Logging
import Torch

/// TAO's training loop (Keras `fit` with TAO's callbacks), for any ``TrainableModel`` fed by a
/// ``TrainingBatchSource``.
///
/// Each epoch starts the model's and the source's epoch (their random draws depend on the seed and the epoch).
/// Each iteration at global step `s`: the learning rate is set to `schedule.rate(atStep: s)`; the loss terms are
/// summed; a NaN or infinite total stops the run with a ``TrainingError`` naming the step and the
/// terms, before any weight changes (the last checkpoint stays the last good one); otherwise backward, the group's
/// gradient reduction, and the optimizer step. After each epoch, in order: early-stopping bookkeeping, precise
/// batch norm when the epoch checkpoints or validates, the
/// checkpoint (every `checkpointInterval` epochs), validation (every `validationPeriod` epochs), TensorBoard,
/// `status.json`, the summary line; then the run stops if early stopping says so.
public final class Trainer<Model: TrainableModel, Source: TrainingBatchSource> where Source.Batch == Model.Batch {
    /// Why ``run(resumingFrom:)`` returned.
    public enum Outcome: Equatable, Sendable {
        /// All epochs ran.
        case completed
        /// Early stopping ended the run after this epoch.
        case stoppedEarly(epoch: Int)
    }

    public let model: Model
    public let source: Source
    public let settings: TrainingSettings
    public let group: ProcessGroup
    /// Validation: epoch (1-based) → scalars to report, at least `mAP`; nil when the run does not validate.
    public let validate: ((Int) throws -> [String: Double])?
    private let log: Logger
    /// Iterations per epoch, as TAO computes them.
    public let iterationsPerEpoch: Int
    private let schedule: LearningRateSchedule
    private let optimizer: any Optimizer
    private var stopping: EarlyStopping?
    private var tensorBoard: TensorBoardWriter?
    private let status: StatusLog?
    private var epoch = 0
    private var globalStep = 0

    /// A trainer over a freshly built (or freshly loaded) model; call ``run(resumingFrom:)`` once.
    public init(model: Model, source: Source, settings: TrainingSettings, group: ProcessGroup = .single, log: Logger,
                validate: ((Int) throws -> [String: Double])? = nil) throws {
        self.model = model
        self.source = source
        self.settings = settings
        self.group = group
        self.log = group.isPrimary ? log : Logger(label: log.label) { _ in SwiftLogNoOpLogHandler() }
        self.validate = settings.validationPeriod == nil ? nil : validate
        guard source.sampleCount > 0 else { throw TrainingError("the training split has no images") }
        iterationsPerEpoch = FasterRCNN.iterationsPerEpoch(samples: source.sampleCount, batchSize: settings.batchSize,
                                                           workers: group.size)
        schedule = try LearningRateSchedule(settings.learningRate, totalSteps: settings.epochs * iterationsPerEpoch,
                                            workers: group.size)
        optimizer = try settings.optimizer.make(model.store.trainableParameters)
        stopping = settings.earlyStopping.map { EarlyStopping(minDelta: Double($0.minDelta), patience: $0.patience) }
        status = group.isPrimary ? StatusLog(path: (settings.resultsDirectory as NSString).appendingPathComponent("status.json")) : nil
    }

    /// Trains from epoch 0, or from after the checkpoint's epoch with everything it holds restored.
    @discardableResult
    public func run(resumingFrom checkpoint: TrainingCheckpoint? = nil) throws -> Outcome {
        if let checkpoint { try restore(checkpoint) }
        try ResultsFolder.checkNothingWouldBeOverwritten(settings, after: epoch)
        if group.isPrimary && settings.visualizer.enabled {
            tensorBoard = try TensorBoardWriter(directory: (settings.resultsDirectory as NSString).appendingPathComponent("logs"))
        }
        try status?.write(status: "STARTED", message: "Starting Training Loop.")
        log.info("Training \(settings.architecture) for \(settings.epochs) epochs of \(iterationsPerEpoch) iterations (batch \(settings.batchSize)), starting after epoch \(epoch)")
        defer { try? tensorBoard?.flush() }
        while epoch < settings.epochs {
            let started = Date()
            let means = try runEpoch()
            epoch += 1
            var stop = false
            if stopping != nil { stop = stopping!.shouldStop(afterLoss: means["loss"]!) }
            let saves = settings.savesCheckpoints && epoch % settings.checkpointInterval == 0
            let validates = validate != nil && settings.validationPeriod.map { epoch % $0 == 0 } == true
            if saves || validates { try reestimateBatchNormStatistics() }
            if saves { try saveCheckpoint() }
            var scalars: [String: Double] = [:]
            if let validate, validates {
                log.info("Doing validation at epoch \(epoch)(1-based index)...")
                scalars = try validate(epoch)
            }
            try report(means: means, validation: scalars, seconds: Date().timeIntervalSince(started))
            if stop {
                log.info("Epoch \(epoch): early stopping (loss has not improved by min_delta \(stopping!.minDelta) for \(stopping!.patience) epochs)")
                try status?.write(status: "SUCCESS", message: "Training stopped early after epoch \(epoch).")
                return .stoppedEarly(epoch: epoch)
            }
        }
        try status?.write(status: "SUCCESS", message: "Training finished successfully.")
        log.info("Training finished successfully.")
        return .completed
    }

    /// One epoch; returns the mean of each loss term and of their total (`loss`), and the last rate (`lr`).
    private func runEpoch() throws -> [String: Double] {
        model.store.isTraining = true
        try model.startEpoch(epoch)
        try source.startEpoch(epoch)
        let bar = EpochProgress(epoch: epoch + 1, epochs: settings.epochs, iterations: iterationsPerEpoch,
                                batchSize: settings.batchSize, visible: group.isPrimary)
        var sums: [String: Double] = [:]
        var order: [String] = []
        for iteration in 0..<iterationsPerEpoch {
            let rate = schedule.rate(atStep: globalStep)
            optimizer.learningRate = rate
            let batch = try source.nextBatch()
            if iteration == 0 { try logImages(of: batch) }
            try optimizer.zeroGrad()
            let terms = try model.lossTerms(batch)
            guard !terms.isEmpty else { throw TrainingError("the model returned no loss terms") }
            var total = terms[0].value
            for term in terms.dropFirst() { total = try total + term.value }
            let values = try terms.map { ($0.name, try $0.value.item()) } + [("loss", try total.item())]
            guard values.allSatisfy({ $0.1.isFinite }) else {
                let text = values.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
                throw TrainingError("epoch \(epoch + 1), iteration \(iteration + 1) (global step \(globalStep)): the loss is not finite (\(text)); training stopped, the last checkpoint written is the last good one")
            }
            try total.backward()
            try group.reduceGradients(model.store)
            try optimizer.step()
            if order.isEmpty { order = values.map(\.0) }
            for (name, value) in values {
                sums[name, default: 0] += value
                try tensorBoard?.addScalar(name, value, step: globalStep)
            }
            try tensorBoard?.addScalar("lr", rate, step: globalStep)
            globalStep += 1
            bar.advance(loss: values.last!.1, learningRate: rate)
        }
        var means = sums.mapValues { $0 / Double(iterationsPerEpoch) }
        means["lr"] = schedule.rate(atStep: max(globalStep - 1, 0))
        return means
    }

    /// Precise batch norm (detectron2's PreciseBN): replaces the running statistics of every batch norm that trains
    /// by the plain average of its batch statistics over `settings.preciseBatchNormImages` training images
    /// (training-mode forwards without gradients, each batch weighted equally). Training mode normalises with
    /// batch statistics, so this changes what validation and the checkpoint see, never the training trajectory;
    /// libtorch's generator is restored afterwards.
    private func reestimateBatchNormStatistics() throws {
        guard let images = settings.preciseBatchNormImages else { return }
        let generator = try Runtime.cpuGeneratorState()
        let store = model.store
        defer { store.batchNormUpdateRateOverride = nil }
        var batches = 0
        try noGrad {
            try source.forEachStatisticsBatch(images: images, afterEpoch: epoch - 1) { batch in
                store.batchNormUpdateRateOverride = 1 / Double(batches + 1)
                _ = try model.lossTerms(batch)
                batches += 1
            }
        }
        try Runtime.setCPUGeneratorState(generator)
        log.info("Batch-norm statistics re-estimated over \(batches) training batches (precise_batch_norm)")
    }

    private func logImages(of batch: Model.Batch) throws {
        guard let tensorBoard, settings.visualizer.images > 0 else { return }
        for (index, image) in try source.previewImages(of: batch, limit: settings.visualizer.images).enumerated() {
            try tensorBoard.addImage("augmented_images/\(index)", image, step: globalStep)
        }
    }

    /// TensorBoard epoch scalars and histograms, the status line and the summary line of the finished epoch.
    private func report(means: [String: Double], validation: [String: Double], seconds: Double) throws {
        let map = validation["mAP"]
        if let tensorBoard {
            for (tag, value) in validation { try tensorBoard.addScalar(tag, value, step: epoch) }
            if settings.visualizer.weightHistograms {
                for entry in model.store.parameters {
                    try tensorBoard.addHistogram(entry.name.replacingOccurrences(of: ".", with: "/"),
                                                 values: entry.tensor.toArray(Float.self), step: epoch)
                }
            }
            try tensorBoard.flush()
        }
        let losses = means.filter { $0.key != "lr" }
        try status?.writeEpoch(epoch, of: settings.epochs, seconds: seconds, losses: losses, learningRate: means["lr"]!,
                               meanAveragePrecision: map)
        let terms = losses.keys.filter { $0 != "loss" }.sorted().map { "\($0) \(String(format: "%.4f", losses[$0]!))" }
        var line = "Epoch \(epoch)/\(settings.epochs): loss \(String(format: "%.4f", means["loss"]!)) ("
            + terms.joined(separator: ", ") + "), lr \(String(format: "%.6g", means["lr"]!))"
        if let map { line += ", mAP \(String(format: "%.4f", map))" }
        let rate = Double(iterationsPerEpoch * settings.batchSize) / max(seconds, 1e-9)
        line += ", \(String(format: "%.1f", rate)) images/s, \(StatusLog.timedelta(seconds.rounded()))"
        log.info("\(line)")
    }

    private func saveCheckpoint() throws {
        guard group.isPrimary else { return }
        let name = TrainingCheckpoint.fileName(stem: settings.checkpointStem, epoch: epoch)
        let path = (settings.resultsDirectory as NSString).appendingPathComponent(name)
        let checkpoint = TrainingCheckpoint(
            epoch: epoch, globalStep: globalStep, architecture: settings.architecture, optimizerKind: settings.optimizerKind,
            spec: settings.specText, model: model.store.namedTensors(), optimizer: try optimizer.stateTensors(),
            generatorState: try Runtime.cpuGeneratorState(),
            earlyStopping: stopping?.state, learningRate: schedule.rate(atStep: max(globalStep - 1, 0)),
            batchNorm: settings.batchNorm)
        try checkpoint.write(to: path, key: settings.key)
        log.info("Saved checkpoint \(path)\(settings.key == nil ? "" : " (encrypted)")")
    }

    private func restore(_ checkpoint: TrainingCheckpoint) throws {
        guard checkpoint.architecture == settings.architecture else {
            throw TrainingError("resume_from_model: the checkpoint is a \(checkpoint.architecture) model, the spec's arch is \(settings.architecture)")
        }
        guard checkpoint.optimizerKind == settings.optimizerKind else {
            throw TrainingError("resume_from_model: the checkpoint was trained with \(checkpoint.optimizerKind), the spec's optimizer is \(settings.optimizerKind)")
        }
        guard checkpoint.globalStep == checkpoint.epoch * iterationsPerEpoch else {
            throw TrainingError("resume_from_model: the checkpoint has \(checkpoint.globalStep) iterations for \(checkpoint.epoch) epochs, but this run has \(iterationsPerEpoch) per epoch (did the dataset or batch size change?)")
        }
        guard checkpoint.epoch <= settings.epochs else {
            throw TrainingError("resume_from_model: the checkpoint is from epoch \(checkpoint.epoch), past num_epochs \(settings.epochs)")
        }
        _ = try model.store.load(checkpoint.model, strict: true)
        try optimizer.loadState(checkpoint.optimizer)
        if let state = checkpoint.generatorState { try Runtime.setCPUGeneratorState(state) }
        if let state = checkpoint.earlyStopping, let current = stopping {
            stopping = EarlyStopping(minDelta: current.minDelta, patience: current.patience, state: state)
        }
        epoch = checkpoint.epoch
        globalStep = checkpoint.globalStep
    }
}
