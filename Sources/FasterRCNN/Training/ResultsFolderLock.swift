import Foundation

/// One `frcnn train` at a time per results folder: an exclusive `flock` on `<results>/.frcnn-train.lock`, held
/// while this object lives and released by the kernel when the process ends, however it ends (kill -9 included).
/// The file stays in the folder (it holds the owner's process id, for the message a second run gets).
public final class ResultsFolderLock {
    /// The lock file's name inside the results folder.
    public static let fileName = ".frcnn-train.lock"
    /// The results folder held.
    public let folder: String
    private let descriptor: Int32

    /// Takes the lock, or throws naming the folder and the process that holds it; never waits.
    public init(_ folder: String) throws {
        let path = (folder as NSString).appendingPathComponent(Self.fileName)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw TrainingError("\(path): cannot open the results folder's lock file: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            let owner = holder.flatMap { $0.isEmpty ? nil : " (process \($0))" } ?? ""
            throw TrainingError("\(folder): another frcnn train\(owner) is writing to this results folder; wait for it to end or choose another folder")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        self.folder = folder
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Removes the partial files an interrupted run of frcnn left in the folder, which no run can be writing while
    /// this lock is held: hidden `.<name>.<id>.partial` files (checkpoints, plots) and TensorBoard's
    /// `logs/events.out.tfevents.*.partial`. Returns their paths; nothing else is touched.
    public func removeStalePartialFiles() throws -> [String] {
        let manager = FileManager.default
        var stale: [String] = []
        for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(".") && name.hasSuffix(".partial") {
            stale.append((folder as NSString).appendingPathComponent(name))
        }
        let logs = (folder as NSString).appendingPathComponent("logs")
        for name in (try? manager.contentsOfDirectory(atPath: logs)) ?? []
        where name.hasPrefix("events.out.tfevents.") && name.hasSuffix(".partial") {
            stale.append((logs as NSString).appendingPathComponent(name))
        }
        for path in stale {
            do { try manager.removeItem(atPath: path) } catch {
                throw TrainingError("\(path): cannot remove this partial file left by an interrupted run: \(error.localizedDescription)")
            }
        }
        return stale.sorted()
    }
}
