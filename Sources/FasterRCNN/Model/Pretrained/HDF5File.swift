import CHDF5
import Foundation

/// A read-only HDF5 file (libhdf5 through the CHDF5 shim): its groups, string attributes and numeric datasets, by
/// absolute path inside the file ("/" is the root group).
final class HDF5File {
    /// What a group's child is.
    enum ChildKind: Sendable { case group, dataset, other }

    let url: URL
    private let handle: Int64

    /// Whether `url` is an HDF5 file (its signature, at offset 0 or after a user block).
    static func isHDF5(_ url: URL) -> Bool { chdf5_is_hdf5(url.path) == 1 }

    init(_ url: URL) throws {
        self.url = url
        var handle: Int64 = 0
        var error: UnsafeMutablePointer<CChar>?
        guard chdf5_open(url.path, &handle, &error) == 0 else { throw Self.failure(error, url: url) }
        self.handle = handle
    }

    deinit { chdf5_close(handle) }

    /// The children of `group`, in name order.
    func children(of group: String) throws -> [(name: String, kind: ChildKind)] {
        var count: Int64 = 0
        var error: UnsafeMutablePointer<CChar>?
        guard chdf5_child_count(handle, group, &count, &error) == 0 else { throw failure(error) }
        return try (0..<count).map { index in
            var name: UnsafeMutablePointer<CChar>?
            var kind: Int32 = 0
            guard chdf5_child(handle, group, index, &name, &kind, &error) == 0, let name else { throw failure(error) }
            defer { chdf5_free(name) }
            return (String(cString: name), kind == 1 ? .group : kind == 2 ? .dataset : .other)
        }
    }

    /// The strings of attribute `name` of the object at `object` (a scalar gives one), or nil when it has none.
    func strings(_ name: String, of object: String) throws -> [String]? {
        var buffer: UnsafeMutablePointer<CChar>?
        var length = 0
        var count: Int64 = 0
        var error: UnsafeMutablePointer<CChar>?
        let result = chdf5_string_attribute(handle, object, name, &buffer, &length, &count, &error)
        if result == 1 { return nil }
        guard result == 0, let buffer else { throw failure(error) }
        defer { chdf5_free(buffer) }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: length)
        return bytes.split(separator: 0, omittingEmptySubsequences: false).prefix(Int(count)).map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    /// The dimensions of the dataset at `path`, and whether its elements are numbers.
    func shape(ofDataset path: String) throws -> (dims: [Int], numeric: Bool) {
        var rank: Int32 = 0
        var dims = [Int64](repeating: 0, count: Int(CHDF5_MAX_RANK))
        var numeric: Int32 = 0
        var error: UnsafeMutablePointer<CChar>?
        guard chdf5_dataset_shape(handle, path, &rank, &dims, &numeric, &error) == 0 else { throw failure(error) }
        return (dims.prefix(Int(rank)).map(Int.init), numeric == 1)
    }

    /// The numeric dataset at `path`, converted to float32, with its dimensions.
    func floats(_ path: String) throws -> (dims: [Int], values: [Float]) {
        let (dims, numeric) = try shape(ofDataset: path)
        guard numeric else { throw PretrainedWeightsError.unreadable(path: url.path, reason: "dataset \(path) does not hold numbers") }
        let count = dims.reduce(1, *)
        var values = [Float](repeating: 0, count: count)
        var error: UnsafeMutablePointer<CChar>?
        guard chdf5_read_floats(handle, path, &values, Int64(count), &error) == 0 else { throw failure(error) }
        return (dims, values)
    }

    private func failure(_ error: UnsafeMutablePointer<CChar>?) -> PretrainedWeightsError { Self.failure(error, url: url) }

    /// The error for a shim failure, with the shim's message (which it allocated and this frees).
    private static func failure(_ error: UnsafeMutablePointer<CChar>?, url: URL) -> PretrainedWeightsError {
        defer { chdf5_free(error) }
        return .unreadable(path: url.path, reason: error.map { String(cString: $0) } ?? "libhdf5 failed")
    }
}
