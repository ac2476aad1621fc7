import Foundation
import Testing
@testable import FasterRCNN

/// One train per results folder (P2.9 item 11), and the partial files of interrupted runs removed (item 10).
@Suite struct ResultsFolderLockTests {
    @Test func aSecondHolderIsRefusedUntilTheFirstEnds() throws {
        let folder = try DataTestSupport.scratchDirectory("results-lock")
        var first: ResultsFolderLock? = try ResultsFolderLock(folder)
        #expect(first != nil)
        #expect {
            try ResultsFolderLock(folder)
        } throws: { error in
            "\(error)".contains("\(folder): another frcnn train (process \(getpid())) is writing to this results folder")
        }
        first = nil
        #expect(throws: Never.self) { _ = try ResultsFolderLock(folder) }
    }

    /// Another process (util-linux's flock, as a second frcnn train would) holding the lock file.
    @Test func aLockHeldByAnotherProcessIsRespected() throws {
        let folder = try DataTestSupport.scratchDirectory("results-lock-process")
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [folder + "/" + ResultsFolderLock.fileName, "sleep", "5"]
        try holder.run()
        defer { holder.waitUntilExit() }
        var refused = false
        for _ in 0..<40 where !refused {  // until flock has taken the lock (at most 4 s)
            do { _ = try ResultsFolderLock(folder); usleep(100_000) } catch { refused = "\(error)".contains("another frcnn train") }
        }
        #expect(refused)
    }

    @Test func onlyOurPartialFilesAreRemoved() throws {
        let folder = try DataTestSupport.scratchDirectory("results-partials")
        try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
        let ours = [".frcnn_resnet_18.epoch_3.hdf5.1A2B3C4D.partial", "logs/events.out.tfevents.1765000000.host.partial"]
        let theirs = ["notes.partial", "frcnn_resnet_18.epoch_2.hdf5", "logs/mine.partial", ".hidden"]
        for name in ours + theirs { try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        let lock = try ResultsFolderLock(folder)
        #expect(try lock.removeStalePartialFiles() == ours.map { folder + "/" + $0 }.sorted())
        for name in ours { #expect(!FileManager.default.fileExists(atPath: folder + "/" + name)) }
        for name in theirs { #expect(FileManager.default.fileExists(atPath: folder + "/" + name)) }
    }
}
