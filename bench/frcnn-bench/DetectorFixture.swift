import FasterRCNN
import Foundation
import Torch

/// A freshly initialized detector (3 object classes, TAO's default settings, L2 1e-4) with random
/// normal images and random ground truth: the same work per step as real data of that size.
struct DetectorFixture {
    let model: FasterRCNNModel
    let images: Tensor
    let truth: [GroundTruth]

    init(arch: String, height: Int, width: Int, batch: Int, objects: Int = 8) throws {
        model = try Self.makeModel(arch: arch, classCount: 3)
        images = try Tensor.randn([batch, 3, height, width])
        var generator = DetectionRandom(seed: 1)
        truth = (0..<batch).map { _ in
            Self.randomTruth(objects: objects, height: height, width: width, using: &generator)
        }
    }

    /// A detector with a freshly initialized `arch` backbone (seed 0), TAO's default settings and L2 1e-4.
    static func makeModel(arch: String, classCount: Int) throws -> FasterRCNNModel {
        Runtime.manualSeed(0)
        let store = ParameterStore()
        let backbone = try BackboneFactory.make(arch: arch, options: BackboneOptions(), path: store.root / "backbone")
        var configuration = DetectorConfiguration(classCount: classCount)
        configuration.regularizer = .l2(weight: 1e-4)
        return try FasterRCNNModel(backbone: backbone, store: store, configuration: configuration)
    }

    /// `objects` boxes (y1, x1, y2, x2, inclusive pixels) of 24 px up to half the height and a quarter of the width.
    static func randomTruth(objects: Int, height: Int, width: Int, using generator: inout DetectionRandom) -> GroundTruth {
        var boxes: [Float] = []
        for _ in 0..<objects {
            let h = Float.random(in: 24..<Float(height) / 2, using: &generator)
            let w = Float.random(in: 24..<Float(width) / 4, using: &generator)
            let y = Float.random(in: 0..<(Float(height) - h), using: &generator)
            let x = Float.random(in: 0..<(Float(width) - w), using: &generator)
            boxes += [y, x, y + h - 1, x + w - 1]
        }
        return GroundTruth(boxes: boxes, classIDs: (0..<objects).map { $0 % 3 })
    }
}
