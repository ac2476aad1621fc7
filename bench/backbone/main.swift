// Backbone forward benchmark: median time per image of `features` (eval mode, no grad) at a TAO input size.
// Run: swift build -c release --product backbone-bench && .build/release/backbone-bench
//      [--arch resnet:18,mobilenet_v2,vgg:16] [--height 384] [--width 1248] [--batch 1] [--repeats 10]
//      [--warmup 2] [--threads N] [--channels-last] [--bfloat16]
import FasterRCNN
import Foundation
import Torch

struct Settings {
    var archs = ["resnet:18", "mobilenet_v2", "vgg:16"]
    var height = 384
    var width = 1248
    var batch = 1
    var repeats = 10
    var warmup = 2
    var threads: Int?
    var channelsLast = false
    var bfloat16 = false

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw TorchError("\(flag) needs a value") }
            return next
        }
        func number(_ flag: String) throws -> Int {
            let text = try value(flag)
            guard let parsed = Int(text), parsed > 0 else { throw TorchError("\(flag): '\(text)' is not a positive integer") }
            return parsed
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--arch": archs = try value(flag).split(separator: ",").map(String.init)
            case "--height": height = try number(flag)
            case "--width": width = try number(flag)
            case "--batch": batch = try number(flag)
            case "--repeats": repeats = try number(flag)
            case "--warmup": warmup = try number(flag)
            case "--threads": threads = try number(flag)
            case "--channels-last": channelsLast = true
            case "--bfloat16": bfloat16 = true
            default: throw TorchError("unknown argument '\(flag)' (see the header of bench/backbone/main.swift)")
            }
        }
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

do {
    let settings = try Settings(Array(CommandLine.arguments.dropFirst()))
    if let threads = settings.threads { Runtime.threadCount = threads }
    let dtype: DType = settings.bfloat16 ? .bfloat16 : .float32
    print("libtorch \(Runtime.libtorchVersion), \(Runtime.threadCount) threads, input \(settings.batch)x3x\(settings.height)x\(settings.width), "
        + "\(dtype), \(settings.channelsLast ? "channels-last" : "contiguous"), \(settings.repeats) repeats after \(settings.warmup) warm-up")
    print("arch".padding(toLength: 18, withPad: " ", startingAt: 0) + "median ms/image   min ms/image   output")
    for arch in settings.archs {
        let store = ParameterStore(dtype: dtype)
        store.isTraining = false
        let options = BackboneOptions(memoryFormat: settings.channelsLast ? .channelsLast : .contiguous)
        let backbone = try BackboneFactory.make(arch: arch, options: options, path: store.root)
        let images = try Tensor.randn([settings.batch, 3, settings.height, settings.width]).to(dtype: dtype)
        var times: [Double] = []
        var shape: [Int] = []
        try noGrad {
            for index in 0..<(settings.warmup + settings.repeats) {
                let clock = ContinuousClock()
                let start = clock.now
                shape = try backbone.features(images).shape
                if index >= settings.warmup { times.append(seconds(clock.now - start) * 1000 / Double(settings.batch)) }
            }
        }
        print(arch.padding(toLength: 18, withPad: " ", startingAt: 0)
            + String(format: "%15.1f   %12.1f   ", median(times), times.min()!) + "\(shape)")
    }
} catch {
    FileHandle.standardError.write(Data("backbone-bench: \(error)\n".utf8))
    exit(1)
}
