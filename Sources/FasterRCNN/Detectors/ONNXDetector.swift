import Foundation
import ONNXRuntime

/// An ONNX file written by `frcnn export` (docs/export.md) run through ONNX Runtime's C API as a ``BatchDetector``,
/// so that `evaluate` and `inference` check exactly the file a user deploys (FP32, FP16 or INT8 QDQ).
///
/// The file is checked when it is opened: one float32 input `input_image` `[N, C, H, W]` whose C, H and W are the
/// spec's input (a `size_min` spec has no fixed size and is refused, as export refuses it), and TAO's NMS outputs
/// `nms_out` float32 `[N, 1, K, 7]` and `nms_out_1` int32 `[N, 1]`. The proposal and NMS settings are part of the
/// graph (the `inference_config` of the spec it was exported with), so the spec's settings for them do not apply.
///
/// Box convention: each `nms_out` row is image index, class id (the model's: the spec's classes sorted), score and
/// `x1/W, y1/H, x2/W, y2/H` of an `x1y1x2y2` box in network-input pixels; the detections multiply them back by W
/// and H. A file with a fixed batch size (`--static_batch_size B`) gets batches of exactly B, zero-padded.
public final class ONNXDetector: BatchDetector {
    /// The ONNX file.
    public let path: String
    /// The ONNX Runtime library that runs it.
    public let runtime: ONNXRuntimeLibrary
    /// Intra-op threads of the session.
    public let threads: Int
    /// The file's fixed batch size; nil for a dynamic batch.
    public let staticBatchSize: Int?
    /// Class names by class id (the spec's classes sorted, background last).
    public let classNames: [String]
    private let session: ONNXSession
    private let inputShape: (channels: Int, height: Int, width: Int)

    /// Opens the file at `path` for the input and classes of `experiment`, with `threads` intra-op threads (the
    /// CPU's count by default).
    /// - Throws: ``InferenceError`` naming `path` when ONNX Runtime is missing, the file cannot be read as ONNX, is
    ///   not a detector exported by frcnn or TAO, or takes another input size than the spec's.
    public init(path: String, experiment: ResolvedExperiment,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        self.path = path
        self.threads = threads
        classNames = experiment.classes.names
        do {
            runtime = try ONNXRuntimeLibrary.load()
            session = try ONNXSession(modelPath: path, threads: threads)
        } catch {
            throw Self.naming(path, error)
        }
        guard session.inputs.count == 1, let input = session.inputs.first, input.name == DetectorGraph.inputName,
              input.elementType == .float32, input.shape.count == 4 else {
            throw InferenceError("\(path): not a detector exported by frcnn or TAO: it must have one float32 input "
                                 + "input_image [N, C, H, W]; it has \(Self.describe(session.inputs))")
        }
        let outputs = Dictionary(session.outputs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        guard let rows = outputs[DetectionOutputGraph.detectionsName], rows.elementType == .float32, rows.shape.count == 4, rows.shape[3] == 7,
              let counts = outputs[DetectionOutputGraph.keepCountName], counts.elementType == .int32, counts.shape.count == 2 else {
            throw InferenceError("\(path): not a detector exported by frcnn or TAO: it must have the outputs nms_out "
                                 + "float32 [N, 1, K, 7] and nms_out_1 int32 [N, 1]; it has \(Self.describe(session.outputs))")
        }
        guard case .fixed(let height, let width) = experiment.input.size else {
            throw InferenceError("\(path): the spec's input size is dynamic (size_min), which an exported file cannot take; "
                                 + "use size_height_width as in the spec the file was exported with")
        }
        let fileShape = input.shape.dropFirst().map { $0 ?? -1 }
        guard fileShape == [experiment.input.channels, height, width] else {
            throw InferenceError("\(path): the file takes input \(fileShape.map(String.init).joined(separator: "×")) "
                                 + "(C×H×W), the spec's input is \(experiment.input.channels)×\(height)×\(width): "
                                 + "use the spec the file was exported with")
        }
        inputShape = (experiment.input.channels, height, width)
        staticBatchSize = input.shape[0]
    }

    /// nil: the graph has its proposal and NMS settings built in (from the spec it was exported with).
    public var stage: DetectionStage? { nil }

    public var summary: String {
        "ONNX Runtime \(runtime.version) on cpu, \(threads) threads, "
            + (staticBatchSize.map { "static batch size \($0)" } ?? "dynamic batch size")
    }

    public func detect(_ pixels: [Float], count: Int, channels: Int, height: Int, width: Int) throws -> BatchDetections {
        guard (channels, height, width) == inputShape else {
            throw InferenceError("\(path): the file takes \(inputShape.channels)×\(inputShape.height)×\(inputShape.width) "
                                 + "input, got \(channels)×\(height)×\(width)")
        }
        let plane = channels * height * width
        let step = staticBatchSize ?? max(count, 1)
        var detections: [[Detection]] = []
        for start in stride(from: 0, to: count, by: step) {
            let images = min(step, count - start)
            var values = Array(pixels[(start * plane)..<((start + images) * plane)])
            values += [Float](repeating: 0, count: (step - images) * plane)
            let outputs = try run(ONNXTensor(shape: [step, channels, height, width], values: .float32(values)))
            detections += try Self.parse(outputs, images: images, width: width, height: height, classNames: classNames, path: path)
        }
        return BatchDetections(detections: detections, proposals: nil)
    }

    private func run(_ input: ONNXTensor) throws -> [String: ONNXTensor] {
        do {
            return try session.run([DetectorGraph.inputName: input])
        } catch {
            throw Self.naming(path, error)
        }
    }

    /// `error` as an ``InferenceError`` that names `path` once (ONNX Runtime's session errors already name it).
    private static func naming(_ path: String, _ error: Error) -> InferenceError {
        if let runtimeError = error as? ONNXRuntimeError, runtimeError.modelPath != nil { return InferenceError("\(runtimeError)") }
        return InferenceError("\(path): \(error)")
    }

    /// The first `images` images' detections from TAO's NMS outputs (rows past each keep count are padding).
    static func parse(_ outputs: [String: ONNXTensor], images: Int, width: Int, height: Int, classNames: [String],
                      path: String) throws -> [[Detection]] {
        guard let rows = outputs[DetectionOutputGraph.detectionsName], case .float32(let values) = rows.values, rows.shape.count == 4,
              let counts = outputs[DetectionOutputGraph.keepCountName], case .int32(let kept) = counts.values,
              rows.shape[0] >= images, kept.count >= images else {
            throw InferenceError("\(path): ONNX Runtime returned no nms_out / nms_out_1 of the exported shapes")
        }
        let slots = rows.shape[2]
        return try (0..<images).map { image in
            try (0..<min(Int(kept[image]), slots)).map { slot in
                let row = (image * slots + slot) * 7
                let classID = Int(values[row + 1])
                guard classNames.indices.contains(classID) else {
                    throw InferenceError("\(path): class id \(classID) outside the spec's \(classNames.count) classes "
                                         + "(\(classNames.joined(separator: ", "))): use the spec the file was exported with")
                }
                let box = BoundingBox(x1: Double(values[row + 3]) * Double(width), y1: Double(values[row + 4]) * Double(height),
                                      x2: Double(values[row + 5]) * Double(width), y2: Double(values[row + 6]) * Double(height))
                return Detection(box: box, className: classNames[classID], score: Double(values[row + 2]))
            }
        }
    }

    private static func describe(_ values: [ONNXValueInfo]) -> String {
        values.isEmpty ? "none" : values.map { value in
            "\(value.name) \(value.elementType) [\(value.shape.map { $0.map(String.init) ?? "?" }.joined(separator: ", "))]"
        }.joined(separator: ", ")
    }
}
