import Foundation

/// One measured configuration. The parent process runs each job in a child process of the same binary
/// (`frcnn-bench --child '<job as JSON>'`), so that each job's peak resident memory is its own.
struct Job: Codable {
    enum Section: String, Codable, CaseIterable {
        /// Float32 matrix-multiply rate (the machine's peak for the efficiency figure).
        case matmul
        /// Training steps of the detector on synthetic data, with the phase split.
        case train
        /// `detect` latency per image.
        case inference
        /// The same detection through libtorch and through ONNX Runtime on its FP32 and INT8 exports.
        case onnxRuntime = "onnx_runtime"
        /// Evaluation throughput: loader without augmentation, detect, mAP.
        case evaluate
        /// Data-loader throughput with augmentation, alone and beside busy compute threads.
        case loader
        /// Training fed by the loader: time blocked in `next()` against compute.
        case dataWait = "data_wait"
        /// Backbone forward (eval, no grad) time per image.
        case backbone
        /// The CPU-side detection stages: RPN targets, proposal layer, RoI sampling, NMS.
        case stages
    }

    var section: Section
    var label: String
    var arch = "resnet:18"
    var height = 384
    var width = 1248
    var batch = 1
    var repetition = Repetition(warmup: 1, repeats: 3)
    /// Dataset images (loader, data_wait, evaluate).
    var images = 16
    /// Matrix side (matmul).
    var size = 2048
    /// Loader threads (loader, data_wait).
    var workers = 1
    /// Busy compute threads beside the loader (loader).
    var computeThreads = 0
    /// Channels-last memory format for the backbone (backbone).
    var channelsLast = false

    /// The job as one command-line argument.
    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }

    /// Runs the job in this process.
    func run() throws -> Record {
        switch section {
        case .matmul: try MatmulSection.run(self)
        case .train: try TrainSection.run(self)
        case .inference: try InferenceSection.run(self)
        case .onnxRuntime: try ONNXRuntimeSection.run(self)
        case .evaluate: try EvaluateSection.run(self)
        case .loader: try LoaderSection.run(self)
        case .dataWait: try DataWaitSection.run(self)
        case .backbone: try BackboneSection.run(self)
        case .stages: try StageSection.run(self)
        }
    }

    /// A record for this job with the shared settings filled in.
    func record() -> Record {
        Record(section: section.rawValue, label: label, settings: [
            "arch": arch, "input": "\(batch)x3x\(height)x\(width)", "warmup": "\(repetition.warmup)",
            "repeats": "\(repetition.repeats)",
        ])
    }
}
