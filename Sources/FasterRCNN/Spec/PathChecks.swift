import Foundation

/// The subtasks that read an experiment spec.
public enum SpecSubtask: String, Sendable, CaseIterable {
    case train, evaluate, inference, export
}

extension ExperimentSpec {
    /// Inputs named in the spec that `subtask` reads but that do not exist, as diagnostics of `severity`
    /// (`validate` reports them as warnings; subtasks use `requirePaths`). `modelOverride` is the CLI `-m`,
    /// which replaces the spec's model path.
    public func missingPaths(for subtask: SpecSubtask, modelOverride: String? = nil,
                             severity: SpecDiagnostic.Severity = .error) -> [SpecDiagnostic] {
        var checker = PathChecker(file: file, locations: locations, severity: severity)
        let resolved = resolved
        switch subtask {
        case .train:
            checker.checkSources(resolved.dataset)
            let training = resolved.training
            checker.file(training.pretrainedWeights, "training_config.pretrained_weights", "pretrained weights")
            checker.file(training.retrainPrunedModel, "training_config.retrain_pruned_model", "pruned model to retrain")
            checker.file(training.resumeFromModel?.path, "training_config.resume_from_model", "checkpoint to resume from")
        case .evaluate:
            checker.checkSources(resolved.dataset)
            if resolved.dataset.validation == .none {
                checker.add("dataset_config", "evaluation needs validation data: set validation_fold or validation_data_source")
            }
            checker.model(modelOverride ?? resolved.evaluation.model, "evaluation_config.\(resolved.evaluation.modelField)")
        case .inference:
            checker.model(modelOverride ?? resolved.inference.model, "inference_config.\(resolved.inference.modelField)")
            checker.images(resolved.inference.imagesDirectory, extension: resolved.dataset.imageExtension)
        case .export:
            break
        }
        return checker.diagnostics
    }

    /// Throws a `SpecError` naming every input of `subtask` that does not exist.
    public func requirePaths(for subtask: SpecSubtask, modelOverride: String? = nil) throws(SpecError) {
        let missing = missingPaths(for: subtask, modelOverride: modelOverride)
        if !missing.isEmpty { throw SpecError(missing) }
    }
}

/// Checks that named files, folders and globs exist.
private struct PathChecker {
    let file: String
    let locations: SpecLocations
    let severity: SpecDiagnostic.Severity
    var diagnostics: [SpecDiagnostic] = []

    init(file: String, locations: SpecLocations, severity: SpecDiagnostic.Severity) {
        self.file = file
        self.locations = locations
        self.severity = severity
    }

    mutating func add(_ path: String, _ message: String) {
        diagnostics.append(SpecDiagnostic(severity, file: file, location: locations.location(of: path), path: path, message: message))
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    mutating func checkSources(_ dataset: ResolvedDataset) {
        if dataset.sources.isEmpty {
            add("dataset_config.data_sources", "no data source (training and evaluation read at least one)")
        }
        for (index, source) in dataset.sources.enumerated() {
            checkSource(source, path: "dataset_config.data_sources[\(index)]")
        }
        if case .source(let validation) = dataset.validation {
            checkSource(validation, path: "dataset_config.validation_data_source")
        }
    }

    private mutating func checkSource(_ source: TFRecordSource, path: String) {
        if source.imageDirectory.isEmpty {
            add("\(path).image_directory_path", "image directory not set")
        } else if !Self.isDirectory(source.imageDirectory) {
            add("\(path).image_directory_path", "image directory not found: \(source.imageDirectory)")
        }
        if source.tfrecordsPattern.isEmpty {
            add("\(path).tfrecords_path", "TFRecord path not set")
        } else if FileGlob.paths(matching: source.tfrecordsPattern).isEmpty {
            add("\(path).tfrecords_path", "no TFRecord file matches \(source.tfrecordsPattern)")
        }
    }

    mutating func file(_ filePath: String?, _ path: String, _ what: String) {
        guard let filePath else { return }
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: filePath, isDirectory: &isDirectory) || isDirectory.boolValue {
            add(path, "\(what) not found: \(filePath)")
        }
    }

    mutating func model(_ modelPath: String?, _ path: String) {
        guard let modelPath else {
            add(path, "no model given: set it here or pass -m")
            return
        }
        file(modelPath, path, "model")
    }

    mutating func images(_ directory: String?, extension ext: String) {
        let path = "inference_config.images_dir"
        guard let directory, Self.isDirectory(directory) else {
            add(path, "images directory not found: \(directory ?? "(not set)")")
            return
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if !names.contains(where: { $0.hasSuffix(".\(ext)") }) {
            add(path, "no *.\(ext) image in \(directory)")
        }
    }
}
