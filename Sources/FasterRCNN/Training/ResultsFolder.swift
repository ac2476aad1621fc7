import Foundation

/// The RESULTS folder rules: it is created when missing, and a run never writes over checkpoints already in it.
public enum ResultsFolder {
    /// Creates `path` (and parents) when missing; fails when it exists as a file.
    public static func prepare(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw TrainingError("\(path): the results folder exists as a file") }
            return
        }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw TrainingError("\(path): cannot create the results folder: \(error.localizedDescription)")
        }
    }

    /// The epochs of the checkpoints `<stem>.epoch_<N>.hdf5` in `path`, sorted.
    public static func checkpointEpochs(in path: String, stem: String) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let prefix = stem + ".epoch_"
        return names.compactMap { name -> Int? in
            guard name.hasPrefix(prefix), name.hasSuffix(".hdf5") else { return nil }
            return Int(name.dropFirst(prefix.count).dropLast(5))
        }.sorted()
    }

    /// Refuses a run that starts after `epoch` when RESULTS already holds a checkpoint of a later epoch, which the
    /// run would otherwise overwrite.
    static func checkNothingWouldBeOverwritten(_ settings: TrainingSettings, after epoch: Int) throws {
        let later = checkpointEpochs(in: settings.resultsDirectory, stem: settings.checkpointStem).filter { $0 > epoch }
        guard later.isEmpty else {
            let names = later.map { TrainingCheckpoint.fileName(stem: settings.checkpointStem, epoch: $0) }
            let advice = epoch == 0
                ? "resume with training_config.resume_from_model pointing at the last one, or choose another results folder"
                : "they come from a later point of an earlier run; move them away or choose another results folder"
            throw TrainingError("\(settings.resultsDirectory) already holds \(names.joined(separator: ", ")); refusing to overwrite: \(advice)")
        }
    }
}
