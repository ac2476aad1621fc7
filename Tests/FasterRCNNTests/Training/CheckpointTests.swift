import Foundation
import Testing
import Torch
@testable import FasterRCNN

@Suite("Training checkpoints")
struct CheckpointTests {
    private func sample() throws -> TrainingCheckpoint {
        TrainingCheckpoint(
            epoch: 3, globalStep: 42, architecture: "resnet:10", optimizerKind: "sgd", spec: "random_seed: 42\n",
            model: ["backbone.conv1.weight": try Tensor([Float](arrayLiteral: 1, -2, 3.5, 4), shape: [2, 2]),
                    "backbone.bn1.running_mean": try Tensor([Float](arrayLiteral: 0.25, 0.5))],
            optimizer: ["iterations": try Tensor([Int64(42)], shape: []),
                        "momentum.backbone.conv1.weight": try Tensor([Float](arrayLiteral: 0.1, 0.2, 0.3, 0.4), shape: [2, 2])],
            generatorState: try Runtime.cpuGeneratorState(),
            earlyStopping: EarlyStopping.State(best: 0.125, wait: 2), learningRate: 0.0125)
    }

    private func expectSame(_ a: TrainingCheckpoint, _ b: TrainingCheckpoint) throws {
        #expect(a.epoch == b.epoch && a.globalStep == b.globalStep && a.architecture == b.architecture)
        #expect(a.optimizerKind == b.optimizerKind && a.spec == b.spec)
        #expect(a.earlyStopping == b.earlyStopping && a.learningRate == b.learningRate)
        #expect(Set(a.model.keys) == Set(b.model.keys) && Set(a.optimizer.keys) == Set(b.optimizer.keys))
        for (name, tensor) in a.model {
            #expect(try tensor.toArray(Float.self) == b.model[name]!.toArray(Float.self) && tensor.shape == b.model[name]!.shape)
        }
        #expect(try a.optimizer["iterations"]!.item() == b.optimizer["iterations"]!.item())
        #expect(try a.generatorState!.toArray(UInt8.self) == b.generatorState!.toArray(UInt8.self))
    }

    @Test func plainRoundTrip() throws {
        let folder = try DataTestSupport.scratchDirectory("checkpoint-plain")
        let path = folder + "/" + TrainingCheckpoint.fileName(stem: "frcnn_resnet_10", epoch: 3)
        #expect(path.hasSuffix("frcnn_resnet_10.epoch_3.hdf5"))
        let original = try sample()
        try original.write(to: path, key: nil)
        try expectSame(original, try TrainingCheckpoint.read(from: path, key: nil))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["frcnn_resnet_10.epoch_3.hdf5"])
    }

    /// Encrypted: the right key restores everything, the plaintext never appears in the file, a wrong key and a
    /// missing key give clear errors naming the file, and a flipped ciphertext byte is detected.
    @Test func encryptedRoundTripAndWrongKey() throws {
        let folder = try DataTestSupport.scratchDirectory("checkpoint-sealed")
        let path = folder + "/frcnn_resnet_10.epoch_3.hdf5"
        let original = try sample()
        try original.write(to: path, key: "tlt_encode")
        try expectSame(original, try TrainingCheckpoint.read(from: path, key: "tlt_encode"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.range(of: Data("frcnn-checkpoint".utf8)) == nil)
        #expect(bytes.range(of: Data("backbone.conv1.weight".utf8)) == nil)

        let wrong = #expect(throws: TrainingError.self) { try TrainingCheckpoint.read(from: path, key: "nvidia_tlt") }
        #expect(wrong?.message == "\(path): cannot decrypt the checkpoint: the key is wrong or the file is damaged")
        let missing = #expect(throws: TrainingError.self) { try TrainingCheckpoint.read(from: path, key: nil) }
        #expect(missing?.message.contains("encrypted; give its key with -k or enc_key") == true)

        var damaged = bytes
        damaged[damaged.count / 2] ^= 0x01
        let damagedPath = folder + "/damaged.epoch_3.hdf5"
        try damaged.write(to: URL(fileURLWithPath: damagedPath))
        #expect(throws: TrainingError.self) { try TrainingCheckpoint.read(from: damagedPath, key: "tlt_encode") }
    }

    /// P2.9 item 9: a flipped weight byte in a plain checkpoint was read silently (mAP 0, exit 0). Plain files now
    /// hold the SHA-256 of their payload, checked on reading: a changed weight, a changed metadata value (the spec's
    /// seed 42 → 43), a changed checksum byte and a cut tail are all errors naming the file.
    @Test("A damaged plain checkpoint is an error naming the file", arguments: ["weight", "metadata", "checksum", "tail"])
    func damagedPlainFile(damage: String) throws {
        let folder = try DataTestSupport.scratchDirectory("checkpoint-damaged")
        let path = folder + "/frcnn_resnet_10.epoch_3.hdf5"
        try sample().write(to: path, key: nil)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let weights = [Float](arrayLiteral: 1, -2, 3.5, 4).flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        let weight = try #require(bytes.range(of: Data(weights))).lowerBound
        let seed = try #require(bytes.range(of: Data("random_seed: 42".utf8))).upperBound - 1
        switch damage {
        case "weight": bytes[weight] ^= 0x01  // conv1.weight's 1.0 becomes 1.0000001
        case "metadata": bytes[seed] = UInt8(ascii: "3")
        case "checksum": bytes[10] ^= 0x80
        default: bytes.removeLast()
        }
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: TrainingError.self) { try TrainingCheckpoint.read(from: path, key: nil) }
        #expect(error?.message == "\(path): the checkpoint is damaged: its checksum does not match")
    }

    /// The plain layout as docs/train.md gives it, checked by Python's hashlib and safetensors: mode byte 2, the
    /// payload's SHA-256 in bytes 10–41, and a safetensors payload from byte 42.
    @Test func plainLayoutMatchesPython() throws {
        let folder = try DataTestSupport.scratchDirectory("checkpoint-layout")
        let path = folder + "/frcnn_resnet_10.epoch_3.hdf5"
        try sample().write(to: path, key: nil)
        let output = try DataTestSupport.python("""
            import hashlib, sys
            from safetensors.torch import load
            data = open(sys.argv[1], "rb").read()
            print(data[:10] == b"FRCNNCKP\\x01\\x02", hashlib.sha256(data[42:]).digest() == data[10:42],
                  load(data[42:])["model/backbone.conv1.weight"].flatten().tolist())
            """, arguments: [path])
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "True True [1.0, -2.0, 3.5, 4.0]", "\(output)")
    }

    /// Files written before checksums were added (mode 0: the payload right after the 10-byte header) still read.
    @Test func uncheckedFilesOfEarlierVersionsStillRead() throws {
        let folder = try DataTestSupport.scratchDirectory("checkpoint-unchecked")
        let path = folder + "/frcnn_resnet_10.epoch_3.hdf5"
        let original = try sample()
        try (SealedFile.magic + [1, 0] + original.payload()).write(to: URL(fileURLWithPath: path))
        try expectSame(original, try TrainingCheckpoint.read(from: path, key: nil))
    }

    /// Two writes with the same key differ (random salt and nonce), and neither is readable as the other's key.
    @Test func eachWriteUsesFreshSaltAndNonce() throws {
        let folder = try DataTestSupport.scratchDirectory("checkpoint-nonce")
        try sample().write(to: folder + "/a.epoch_1.hdf5", key: "k")
        try sample().write(to: folder + "/b.epoch_1.hdf5", key: "k")
        let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.epoch_1.hdf5"))
        let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/b.epoch_1.hdf5"))
        #expect(a.prefix(10) == b.prefix(10))
        #expect(a.subdata(in: 10..<38) != b.subdata(in: 10..<38))
    }

    @Test func neverReplacesAnExistingFileAndLeavesNoTemporaries() throws {
        let folder = try DataTestSupport.scratchDirectory("checkpoint-exists")
        let path = folder + "/frcnn_resnet_10.epoch_1.hdf5"
        try Data("user file".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: FileError.self) { try sample().write(to: path, key: nil) }
        #expect(error?.description == "\(path): cannot write: already exists; it is left untouched")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "user file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["frcnn_resnet_10.epoch_1.hdf5"])
    }

    @Test func foreignFilesAreRejectedByName() throws {
        let folder = try DataTestSupport.scratchDirectory("checkpoint-foreign")
        let path = folder + "/model.epoch_1.hdf5"
        try Data("\u{89}HDF\r\n\u{1A}\n rest".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: TrainingError.self) { try TrainingCheckpoint.read(from: path, key: nil) }
        #expect(error?.message == "\(path): not an frcnn checkpoint (no FRCNNCKP header)")
    }

    /// Restoring libtorch's CPU generator state repeats the same random draws.
    @Test func generatorStateRepeatsDraws() throws {
        Runtime.manualSeed(123)
        _ = try Tensor.rand([5])
        let state = try Runtime.cpuGeneratorState()
        let first = try Tensor.randn([8]).toArray(Float.self)
        _ = try Tensor.rand([100])
        try Runtime.setCPUGeneratorState(state)
        #expect(try Tensor.randn([8]).toArray(Float.self) == first)
    }
}
