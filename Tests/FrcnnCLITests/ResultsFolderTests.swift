import Foundation
import Testing

/// P2.9 item 7: `-r` naming a file (or a path under one) failed only after the work, with a raw Foundation error,
/// and prune and dataset_convert had written their outputs by then. Every subtask now refuses it first: the
/// inputs below do not even exist, and the results-folder message is what each run reports.
@Suite("-r/--results_dir that is a file")
struct ResultsFolderTests {
    @Test(arguments: [
        ["dataset_convert", "-d", "missing.txt", "-o", "tfrecords/x"],
        ["train", "-e", "missing.txt"],
        ["evaluate", "-e", "missing.txt"],
        ["inference", "-e", "missing.txt"],
        ["prune", "-m", "missing.hdf5", "-o", "pruned"],
    ])
    func refusedBeforeAnyWork(arguments: [String]) throws {
        let folder = NSTemporaryDirectory() + "frcnn-results-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: folder + "/taken"))
        for (results, what) in [("taken", "is a file"), ("taken/run", "lies under the file")] {
            let run = try FrcnnProcess.run(arguments + ["-r", results], in: folder)
            #expect(run.status != 0 && run.stderr.contains("-r/--results_dir \(results) \(what)"), "\(arguments[0]): \(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["taken"], "\(arguments[0]) wrote something")
        #expect(try String(contentsOfFile: folder + "/taken", encoding: .utf8) == "not a folder")
    }
}
