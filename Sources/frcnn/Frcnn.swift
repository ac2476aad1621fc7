import ArgumentParser
import Torch

@main
struct Frcnn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frcnn",
        abstract: "Faster R-CNN object detection, compatible with TAO's faster_rcnn spec files and data.",
        version: VersionReport.text,
        subcommands: [ValidateCommand.self, DatasetConvertCommand.self, TrainCommand.self, EvaluateCommand.self,
                      InferenceCommand.self, PruneCommand.self, ExportCommand.self, GenerateDatasetCommand.self]
    )
}
