import Foundation
import Torch

/// A network computation as an ONNX model, made by running it once under an ``OperationTrace``: the way the
/// export writes the parts of a detector that are plain tensor algebra (backbone, RPN head, RCNN head).
public enum TracedGraph {
    /// ONNX opset of the exported graphs (RoiAlign-16 and ReduceMean with an `axes` attribute).
    public static let opset: Int64 = 17
    /// IR version written: 8 (opset 17's), which every current onnxruntime loads.
    public static let irVersion: Int64 = 8

    /// Runs `body` on `inputs` (their example tensors) in inference mode with gradients off, and returns a model
    /// whose graph reads the inputs under their names, with a dynamic first dimension, and writes `body`'s
    /// results under `outputNames`. Weights become initializers named after their parameters in `parameters`.
    /// - Throws: ``ExportError`` when `body` runs an operation that cannot be exported (it names the step).
    public static func model(name: String, inputs: [(name: String, example: Tensor)], outputNames: [String],
                             parameters: ParameterStore, body: ([Tensor]) throws -> [Tensor]) throws -> Onnx_ModelProto {
        var builder = ONNXGraphBuilder(name: name)
        for input in inputs {
            builder.addInput(input.name, type: .float, dimensions: [nil] + input.example.shape.dropFirst().map { $0 },
                             symbols: ["\(input.name)_count"])
        }
        let outputs = try append(into: &builder, name: name, inputs: inputs.map { ($0.name, $0.example) },
                                 parameters: parameters, body: body).results
        guard outputs.count == outputNames.count else {
            throw ExportError("\(name): \(outputs.count) results for \(outputNames.count) output names")
        }
        for (output, outputName) in zip(outputs, outputNames) {
            builder.node("Identity", [output.value], name: outputName)
            builder.addOutput(outputName, type: .float, dimensions: [nil] + output.shape.dropFirst().map { $0 },
                              symbols: ["\(inputs.first?.name ?? outputName)_count"])
        }
        return wrap(builder.graph, opset: opset)
    }

    /// Runs `body` on the example tensors (inference mode, gradients off) and writes what it computed into
    /// `builder`, reading each input from its value name there. Returns the value name and the traced shape of
    /// each result, and the value name of each step's output (``TraceConverter/stepValueNames``); names made start
    /// with `name`.
    /// - Throws: ``ExportError`` when `body` runs an operation that cannot be exported (it names the step).
    static func append(into builder: inout ONNXGraphBuilder, name: String, inputs: [(value: String, example: Tensor)],
                       parameters: ParameterStore, body: ([Tensor]) throws -> [Tensor])
        throws -> (results: [(value: String, shape: [Int])], stepValues: [String?]) {
        let examples = inputs.map(\.example)
        let wasTraining = parameters.isTraining
        parameters.isTraining = false
        defer { parameters.isTraining = wasTraining }
        let (outputs, trace) = try noGrad { try OperationTrace.recording { try body(examples) } }
        var converter = TraceConverter(trace: trace, parameters: parameters)
        for input in inputs { converter.bind(input.example, to: input.value) }
        try converter.convert(into: &builder, prefix: name, results: outputs)
        return (try outputs.map { (try converter.name(of: $0), $0.shape) }, converter.stepValueNames)
    }

    /// A model (IR ``irVersion``, the default domain at `opset`) holding `graph`.
    static func wrap(_ graph: Onnx_GraphProto, opset: Int64) -> Onnx_ModelProto {
        var model = Onnx_ModelProto()
        model.irVersion = irVersion
        model.producerName = "frcnn"
        var opsetImport = Onnx_OperatorSetIdProto()
        opsetImport.domain = ""
        opsetImport.version = opset
        model.opsetImport = [opsetImport]
        model.graph = graph
        return model
    }
}
