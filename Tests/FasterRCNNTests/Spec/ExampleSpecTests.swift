import Foundation
import Testing
@testable import FasterRCNN

/// Every spec shipped in specs/ is valid, and together they cover every backbone family.
@Suite("Example specs in specs/")
struct ExampleSpecTests {
    private static let folder = SpecFixtures.repositoryRoot.appendingPathComponent("specs")

    private static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }

    private static func isConvertSpec(_ name: String) -> Bool { name.contains("convert") }

    @Test func everyExampleSpecIsValid() throws {
        #expect(Self.files.count >= 10)
        for name in Self.files {
            let path = Self.folder.appendingPathComponent(name).path
            do {
                if Self.isConvertSpec(name) {
                    _ = try DatasetExportSpec.load(path: path)
                } else {
                    let spec = try ExperimentSpec.load(path: path)
                    #expect(spec.warnings.isEmpty, "\(name): \(spec.warnings)")
                }
            } catch {
                Issue.record("\(name) is not valid:\n\(error)")
            }
        }
    }

    @Test func everyBackboneFamilyHasAnExample() throws {
        var families = Set<BackboneArch.Family>()
        for name in Self.files where !Self.isConvertSpec(name) {
            families.insert(try ExperimentSpec.load(path: Self.folder.appendingPathComponent(name).path).resolved.model.backbone.family)
        }
        #expect(families == Set(BackboneArch.Family.allCases))
    }

    @Test func resnet18KITTIHasTheTutorialValues() throws {
        let spec = try ExperimentSpec.load(path: Self.folder.appendingPathComponent("resnet18_kitti.txt").path).resolved
        #expect(spec.input.size == .fixed(height: 384, width: 1248))
        #expect(spec.classes.names == ["car", "cyclist", "person", "background"])
        #expect(spec.training.batchSizePerGPU == 8 && spec.training.epochs == 12)
        #expect(spec.training.learningRate == .softStart(baseLR: 0.02, startLR: 0.002, softStart: 0.1, annealingPoints: [0.8, 0.9], divider: 10))
        #expect(spec.dataset.validation == .fold(0))
    }

    @Test func demoSpecUsesTheDemoClassesAndOutputFolder() throws {
        let spec = try ExperimentSpec.load(path: Self.folder.appendingPathComponent("demo.txt").path).resolved
        #expect(spec.classes.names == ["car", "cyclist", "pedestrian", "background"])
        guard case .fixed(let height, let width) = spec.input.size else {
            Issue.record("demo input is not fixed")
            return
        }
        #expect(min(height, width) >= 160)
        #expect(spec.dataset.sources.allSatisfy { $0.imageDirectory.hasPrefix("demo-output/") && $0.tfrecordsPattern.hasPrefix("demo-output/") })
        let convert = try DatasetExportSpec.load(path: Self.folder.appendingPathComponent("demo_convert.txt").path).resolved
        guard case .kitti(let kitti) = convert.source else {
            Issue.record("demo_convert is not KITTI")
            return
        }
        #expect(kitti.rootDirectory == spec.dataset.sources.first?.imageDirectory)
        #expect(kitti.partitionMode == .random && kitti.partitions == 2)
    }
}
