import Foundation

/// The check `ConsoleLogHandler.Sink` runs on an existing `--log_file` before it appends to it: log lines are
/// text, so a file that is not a text log (a checkpoint named by mistake, an image, a TFRecord) is refused and
/// left as it is, rather than broken by the lines added to its end.
enum LogFileCheck {
    /// How many bytes of the file's start are looked at.
    static let sampleSize = 8192

    /// Throws unless the existing file at `path` reads as a text log: it does not start with the frcnn
    /// checkpoint magic (`FRCNNCKP`), and its first `sampleSize` bytes hold no NUL byte and are valid UTF-8 (a
    /// character cut by the end of the sample counts as valid). A file that cannot be read is left to the
    /// open for writing that follows, which reports it.
    static func requireTextLog(at path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        guard let sample = try? handle.read(upToCount: sampleSize) else { return }
        let reason: String
        if sample.starts(with: SealedFile.magic) {
            reason = "it is an frcnn checkpoint"
        } else if sample.contains(0) {
            reason = "it is not a text file (it holds NUL bytes)"
        } else if !isUTF8(sample, mayBeCut: sample.count == sampleSize) {
            reason = "it is not a text file (it is not UTF-8)"
        } else {
            return
        }
        throw FileError(path: path, reason: "\(reason), not a log; refusing to append log lines to it (give another --log_file)")
    }

    /// Whether `bytes` are UTF-8, allowing up to 3 bytes of a character cut at the end when `mayBeCut`.
    private static func isUTF8(_ bytes: Data, mayBeCut: Bool) -> Bool {
        (0...(mayBeCut ? 3 : 0)).contains { String(validating: bytes.dropLast($0), as: UTF8.self) != nil }
    }
}
