import Foundation
import Testing

/// P2.9 item 8: `--log_file` naming an existing checkpoint (or any file that is not a log) had log lines appended
/// to it, which broke it. Every subtask with `--log_file` now refuses it before any work and leaves it unchanged
/// (the inputs below do not even exist: the log-file message is what each run reports); a text log is still
/// appended to.
@Suite("--log_file that is not a text log")
struct LogFileTests {
    private static func scratchFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "frcnn-logfile-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test(arguments: [
        ["dataset_convert", "-d", "missing.txt", "-o", "tfrecords/x"],
        ["train", "-e", "missing.txt", "-r", "results"],
        ["evaluate", "-e", "missing.txt"],
        ["inference", "-e", "missing.txt"],
        ["prune", "-m", "missing.hdf5", "-o", "pruned"],
        ["export", "-m", "missing.hdf5", "-e", "missing.txt"],
    ])
    func refusedBeforeAnyWork(arguments: [String]) throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let checkpoint = Data("FRCNNCKP".utf8) + Data([1, 0]) + Data((0..<64).map { UInt8($0) })
        let binary = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        try checkpoint.write(to: URL(fileURLWithPath: folder + "/model.epoch_1.hdf5"))
        try binary.write(to: URL(fileURLWithPath: folder + "/image.png"))
        for (file, reason) in [("model.epoch_1.hdf5", "it is an frcnn checkpoint"), ("image.png", "it is not a text file")] {
            let run = try FrcnnProcess.run(arguments + ["--log_file", file], in: folder)
            #expect(run.status == 1 && run.stderr.contains("\(file): \(reason)") && run.stderr.contains("refusing to append"),
                    "\(arguments[0]): \(run.status) \(run.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["image.png", "model.epoch_1.hdf5"],
                "\(arguments[0]) wrote something")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/model.epoch_1.hdf5")) == checkpoint)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/image.png")) == binary)
    }

    @Test func anExistingTextLogIsAppendedTo() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let earlier = "2026-01-01 00:00:00,000 [frcnn] [INFO] earlier run\n"
        try earlier.write(toFile: folder + "/prune.log", atomically: true, encoding: .utf8)
        let run = try FrcnnProcess.run(["prune", "-m", "missing.hdf5", "-o", "pruned", "--log_file", "prune.log"], in: folder)
        #expect(run.status == 1, "\(run.stderr)")
        let log = try String(contentsOfFile: folder + "/prune.log", encoding: .utf8)
        #expect(log.hasPrefix(earlier) && log.count > earlier.count && log.contains("[ERROR]") && log.contains("missing.hdf5"), "\(log)")
    }
}
