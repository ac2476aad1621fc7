import ArgumentParser
import Torch

@main
struct Frcnn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frcnn",
        abstract: "Faster R-CNN object detection, compatible with TAO's faster_rcnn spec files and data.",
        // The full report dlopens ONNX Runtime, which no other command needs before it opens an .onnx model, so
        // it is built only when `--version` is asked for (ArgumentParser reads this on every run).
        version: CommandLine.arguments.dropFirst().contains("--version") ? VersionReport.text : VersionReport.frcnnVersion,
        subcommands: [ValidateCommand.self, DatasetConvertCommand.self, TrainCommand.self, EvaluateCommand.self,
                      InferenceCommand.self, PruneCommand.self, ExportCommand.self, GenerateDatasetCommand.self]
    )
}
