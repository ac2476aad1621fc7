import FasterRCNN
import Foundation
import ONNXRuntime
import Torch

/// One detector and batch run three ways in one process: libtorch's `detect`, and ONNX Runtime on the FP32 and
/// the INT8 (QDQ) export of the same model (`frcnn evaluate/inference -m model.onnx`'s path, docs/onnx-runtime.md),
/// each with the libtorch thread count. Images/s of each and the ONNX Runtime rates over libtorch's. The INT8 file
/// is calibrated on the benchmark batch (a random-weight network: this measures speed, not accuracy).
enum ONNXRuntimeSection {
    static func run(_ job: Job) throws -> Record {
        let fixture = try DetectorFixture(arch: job.arch, height: job.height, width: job.width, batch: job.batch)
        let batch = Double(job.batch)
        var record = job.record()
        let libtorch = Spread(try measure(job.repetition) { _ = try fixture.model.detect(fixture.images) }.map { batch / $0 })
        record.spreads["libtorch_images_per_s"] = libtorch
        let input = ONNXTensor(shape: fixture.images.shape, float32: try fixture.images.toArray(Float.self))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("frcnn-bench-onnx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let precisions: [(name: String, precision: DetectorGraph.Precision)] = [
            ("fp32", .float32), ("int8", .int8(calibration: [fixture.images])),
        ]
        for (name, precision) in precisions {
            let graph = try DetectorGraph.model(of: fixture.model, imageHeight: job.height, imageWidth: job.width,
                                                channels: 3, precision: precision)
            let path = folder.appendingPathComponent("\(name).onnx").path
            try graph.serializedData().write(to: URL(fileURLWithPath: path))
            let session = try ONNXSession(modelPath: path, threads: Runtime.threadCount)
            let rate = Spread(try measure(job.repetition) { _ = try session.run([DetectorGraph.inputName: input]) }.map { batch / $0 })
            record.spreads["onnxruntime_\(name)_images_per_s"] = rate
            record.values["onnxruntime_\(name)_vs_libtorch"] = rate.median / libtorch.median
        }
        return record
    }
}
