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
        let examples = inputs.map(\.example)
        let wasTraining = parameters.isTraining
        parameters.isTraining = false
        defer { parameters.isTraining = wasTraining }
        let (outputs, trace) = try noGrad { try OperationTrace.recording { try body(examples) } }
        guard outputs.count == outputNames.count else {
            throw ExportError("\(name): \(outputs.count) results for \(outputNames.count) output names")
        }
        var builder = ONNXGraphBuilder(name: name)
        var converter = TraceConverter(trace: trace, parameters: parameters)
        for (input, example) in zip(inputs, examples) {
            builder.addInput(input.name, type: .float, dimensions: [nil] + example.shape.dropFirst().map { $0 },
                             symbols: ["\(input.name)_count"])
            converter.bind(example, to: input.name)
        }
        try converter.convert(into: &builder, prefix: name)
        for (output, outputName) in zip(outputs, outputNames) {
            let value = try converter.name(of: output)
            builder.node("Identity", [value], name: outputName)
            builder.addOutput(outputName, type: .float, dimensions: [nil] + output.shape.dropFirst().map { $0 },
                              symbols: ["\(inputs.first?.name ?? outputName)_count"])
        }
        var model = Onnx_ModelProto()
        model.irVersion = irVersion
        model.producerName = "frcnn"
        var opsetImport = Onnx_OperatorSetIdProto()
        opsetImport.domain = ""
        opsetImport.version = opset
        model.opsetImport = [opsetImport]
        model.graph = builder.graph
        return model
    }
}
