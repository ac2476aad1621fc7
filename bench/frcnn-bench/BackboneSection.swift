import FasterRCNN
import Foundation
import Torch

/// The backbone's `features` alone (eval mode, no autograd) on a random batch, NCHW-contiguous or channels-last:
/// time per image.
enum BackboneSection {
    static func run(_ job: Job) throws -> Record {
        let store = ParameterStore()
        store.isTraining = false
        let options = BackboneOptions(memoryFormat: job.channelsLast ? .channelsLast : .contiguous)
        let backbone = try BackboneFactory.make(arch: job.arch, options: options, path: store.root)
        let images = try Tensor.randn([job.batch, 3, job.height, job.width])
        var shape: [Int] = []
        let times = try noGrad { try measure(job.repetition) { shape = try backbone.features(images).shape } }
        var record = job.record()
        record.settings["output"] = "\(shape)"
        record.settings["memory_format"] = job.channelsLast ? "channels-last" : "contiguous"
        record.spreads["ms_per_image"] = Spread(times.map { $0 * 1000 / Double(job.batch) })
        return record
    }
}
