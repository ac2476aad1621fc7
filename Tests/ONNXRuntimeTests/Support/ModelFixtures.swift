import Foundation
import TestSupport

/// Tiny ONNX models written into a fresh temporary folder by the venv's `onnx.helper` (IR 8, opset 16), and Python
/// onnxruntime's outputs for one input, the oracle the Swift runs are checked against. Each test makes its own and
/// removes it.
struct ModelFixtures: Sendable {
    /// The folder holding the models.
    let folder: URL
    /// The input that `reference` was computed for: 2×3 float32, row-major.
    let input: [Float]
    /// Python onnxruntime's outputs of `affine.onnx` for `input`, by output name, as flat lists.
    let reference: [String: [Double]]
    /// Python onnxruntime's version.
    let pythonVersion: String

    /// `affine.onnx`: input `x` float32 [batch, 3] (batch dynamic); outputs `y` = x * 2 + 1, `shape64` = Shape(x)
    /// (int64) and `shape32` = Cast(Shape(x), int32).
    var affine: String { folder.appendingPathComponent("affine.onnx").path }
    /// `positive.onnx`: `x` float32 [batch, 3] → `positive` = x > 0, a bool output.
    var boolOutput: String { folder.appendingPathComponent("positive.onnx").path }
    /// `affine.onnx` stamped with IR version 99.
    var futureIR: String { folder.appendingPathComponent("future-ir.onnx").path }
    /// `affine.onnx` importing opset 99 of the default domain.
    var futureOpset: String { folder.appendingPathComponent("future-opset.onnx").path }
    /// A text file named `.onnx`.
    var textFile: String { folder.appendingPathComponent("notes.onnx").path }
    /// The first half of `affine.onnx`'s bytes.
    var truncated: String { folder.appendingPathComponent("truncated.onnx").path }

    /// Writes the models and runs the oracle.
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("onnxruntime-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        input = [0.1, -2.5, 3.75, 1e-3, 7, -0.3]
        let inputText = input.map { "\($0)" }.joined(separator: ",")
        let answer: [String: Any]?
        do {
            answer = try PythonOracle.json(Self.script, arguments: [folder.path, inputText]) as? [String: Any]
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        guard let outputs = answer?["outputs"] as? [String: [Double]], let version = answer?["version"] as? String
        else { throw ChildProcess.Failure("the model-building script printed no outputs: \(String(describing: answer))") }
        reference = outputs
        pythonVersion = version
    }

    /// Deletes the folder.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    private static let script = """
    import json, os, sys
    import numpy as np, onnx, onnxruntime
    from onnx import TensorProto, helper
    folder, values = sys.argv[1], [float(v) for v in sys.argv[2].split(",")]
    def save(name, nodes, outputs, ir=8, opset=16):
        x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3])
        graph = helper.make_graph(nodes, name, [x], outputs, initializer=[
            helper.make_tensor("two", TensorProto.FLOAT, [], [2.0]),
            helper.make_tensor("one", TensorProto.FLOAT, [], [1.0]),
            helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0])])
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
        model.ir_version = ir
        path = os.path.join(folder, name + ".onnx")
        with open(path, "wb") as f:
            f.write(model.SerializeToString())
        return path
    affine_nodes = [helper.make_node("Mul", ["x", "two"], ["doubled"]), helper.make_node("Add", ["doubled", "one"], ["y"]),
                    helper.make_node("Shape", ["x"], ["shape64"]),
                    helper.make_node("Cast", ["shape64"], ["shape32"], to=TensorProto.INT32)]
    affine_outputs = [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3]),
                      helper.make_tensor_value_info("shape64", TensorProto.INT64, [2]),
                      helper.make_tensor_value_info("shape32", TensorProto.INT32, [2])]
    affine = save("affine", affine_nodes, affine_outputs)
    onnx.checker.check_model(onnx.load(affine))
    save("positive", [helper.make_node("Greater", ["x", "zero"], ["positive"])],
         [helper.make_tensor_value_info("positive", TensorProto.BOOL, ["batch", 3])])
    save("future-ir", affine_nodes, affine_outputs, ir=99)
    save("future-opset", affine_nodes, affine_outputs, opset=99)
    with open(os.path.join(folder, "notes.onnx"), "w") as f:
        f.write("These are notes, not a model.\\n")
    data = open(affine, "rb").read()
    with open(os.path.join(folder, "truncated.onnx"), "wb") as f:
        f.write(data[: len(data) // 2])
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    session = onnxruntime.InferenceSession(affine, options, providers=["CPUExecutionProvider"])
    x = np.array(values, dtype=np.float32).reshape(2, 3)
    names = [o.name for o in session.get_outputs()]
    outputs = dict(zip(names, session.run(names, {"x": x})))
    print(json.dumps({"version": onnxruntime.__version__,
                      "outputs": {k: [float(v) for v in a.reshape(-1)] for k, a in outputs.items()}}))
    """
}
