import Foundation

extension TorchFile {
    /// The LONG1 magic number that starts a legacy (pre-1.6, non-zip) `torch.save` file: 0x1950a86a20f9469cfc6c.
    static let legacyMagic: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]

    /// Reads a `torch.save`d dict of tensors in either format: the zip format (through ``load(_:)``) or the
    /// legacy format that torchvision's published weight files use (through ``loadLegacy(_:)``).
    public static func loadStateDict(_ url: URL) throws -> [String: Tensor] {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch {
            throw TorchError("\(url.path): cannot open: \(error.localizedDescription)")
        }
        let head = (try? handle.read(upToCount: 4)) ?? nil
        try? handle.close()
        return head.map(Array.init) == [0x50, 0x4B, 0x03, 0x04] ? try load(url) : try loadLegacy(url)
    }

    /// Reads a legacy-format `torch.save` file: five pickles (magic number, protocol version 1001, system info,
    /// the object with persistent ids `('storage', torch.<Type>Storage, key, location, numel, view)` for its
    /// storages, the list of storage keys) followed, for each key in that order, by an 8-byte little-endian
    /// element count and the storage's raw little-endian bytes. Tensors are `torch._utils._rebuild_tensor_v2`
    /// calls (storage, offset, size, stride, …). Dicts are flattened to dotted names like ``load(_:)``;
    /// numbers become 0-d tensors; other values are skipped.
    public static func loadLegacy(_ url: URL) throws -> [String: Tensor] {
        let path = url.path
        func fail(_ message: String) -> TorchError { TorchError("\(path): legacy torch.save file: \(message)") }
        let data: [UInt8]
        do { data = [UInt8](try Data(contentsOf: url, options: .mappedIfSafe)) } catch {
            throw TorchError("\(path): cannot read: \(error.localizedDescription)")
        }
        var machine = PickleMachine(data: data, source: path)
        guard case .bigInt(let magic) = try machine.load(), magic == legacyMagic else {
            throw fail("not a torch.save file (magic number missing)")
        }
        guard case .int(1001) = try machine.load() else { throw fail("unsupported protocol version") }
        if case .dict(let info) = try machine.load(), let entry = info.items.first(where: { $0.key.string == "little_endian" }),
            case .bool(false) = entry.value {
            throw fail("big-endian files are not supported")
        }
        let object = try machine.load()
        guard let keys = try machine.load().elements?.compactMap(\.string) else { throw fail("storage key list missing") }
        var storages: [String: (offset: Int, count: Int)] = [:]
        var position = machine.offset
        var types: [String: DType] = [:]
        try collectStorageTypes(object, into: &types, fail: fail)
        for key in keys {
            guard position + 8 <= data.count else { throw fail("storage '\(key)' is cut off") }
            let count = (0..<8).reduce(0) { $0 | Int(data[position + $1]) << (8 * $1) }
            guard let type = types[key] else { throw fail("storage '\(key)' is not referenced by any tensor") }
            let bytes = count * type.byteCount
            guard count >= 0, position + 8 + bytes <= data.count else { throw fail("storage '\(key)' is cut off") }
            storages[key] = (position + 8, count)
            position += 8 + bytes
        }
        var tensors: [String: Tensor] = [:]
        try flatten(object, prefix: "", into: &tensors) { arguments in
            try rebuild(arguments, data: data, storages: storages, types: types, fail: fail)
        }
        return tensors
    }

    /// The storage key → dtype of every persistent storage reference in `value`.
    private static func collectStorageTypes(
        _ value: PickleValue, into types: inout [String: DType], fail: (String) -> TorchError
    ) throws {
        switch value {
        case .persistent(let id):
            guard let parts = id.elements, parts.count >= 5, parts[0].string == "storage", let key = parts[2].string,
                case .global(_, let name) = parts[1]
            else { throw fail("unsupported persistent id") }
            guard let type = storageTypes[name] else { throw fail("unsupported storage type \(name)") }
            types[key] = type
        case .tuple(let items): for item in items { try collectStorageTypes(item, into: &types, fail: fail) }
        case .list(let list): for item in list.items { try collectStorageTypes(item, into: &types, fail: fail) }
        case .dict(let dict): for (_, item) in dict.items { try collectStorageTypes(item, into: &types, fail: fail) }
        case .call(_, let arguments): for item in arguments { try collectStorageTypes(item, into: &types, fail: fail) }
        default: break
        }
    }

    static let storageTypes: [String: DType] = [
        "FloatStorage": .float32, "DoubleStorage": .float64, "HalfStorage": .float16, "BFloat16Storage": .bfloat16,
        "LongStorage": .int64, "IntStorage": .int32, "ByteStorage": .uint8, "BoolStorage": .bool,
    ]

    /// Walks dicts and lists (OrderedDict calls are dicts) and turns tensor-rebuild calls and numbers into tensors.
    private static func flatten(
        _ value: PickleValue, prefix: String, into tensors: inout [String: Tensor],
        rebuild: ([PickleValue]) throws -> Tensor
    ) throws {
        func child(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }
        switch value {
        case .dict(let dict):
            for (key, item) in dict.items {
                let name = key.string ?? key.int.map(String.init) ?? "\(key)"
                try flatten(item, prefix: child(name), into: &tensors, rebuild: rebuild)
            }
        case .list, .tuple:
            for (index, item) in (value.elements ?? []).enumerated() {
                try flatten(item, prefix: child(String(index)), into: &tensors, rebuild: rebuild)
            }
        case .call(.global("torch._utils", let name), let arguments) where name.hasPrefix("_rebuild_tensor"):
            tensors[prefix] = try rebuild(arguments)
        case .call(.global("torch._utils", "_rebuild_parameter"), let arguments) where !arguments.isEmpty:
            try flatten(arguments[0], prefix: prefix, into: &tensors, rebuild: rebuild)  // nn.Parameter(data, …)
        case .int(let number): tensors[prefix] = try Tensor([Int64(number)], shape: [])
        case .float(let number): tensors[prefix] = try Tensor([number], shape: [])
        case .bool(let flag): tensors[prefix] = try Tensor(scalar: flag ? 1 : 0, dtype: .bool)
        default: break
        }
    }

    /// `_rebuild_tensor_v2(storage, storage_offset, size, stride, …)` → a tensor copied out of the file's bytes.
    private static func rebuild(
        _ arguments: [PickleValue], data: [UInt8], storages: [String: (offset: Int, count: Int)], types: [String: DType],
        fail: (String) -> TorchError
    ) throws -> Tensor {
        guard arguments.count >= 4, case .persistent(let id) = arguments[0], let key = id.elements?[2].string,
            let storage = storages[key], let type = types[key], let offset = arguments[1].int,
            let size = arguments[2].elements?.compactMap(\.int), let stride = arguments[3].elements?.compactMap(\.int),
            size.count == stride.count
        else { throw fail("malformed tensor record") }
        let count = size.reduce(1, *)
        let width = type.byteCount
        let contiguous = size.indices.map { size[($0 + 1)...].reduce(1, *) }
        guard offset >= 0 else { throw fail("tensor in storage '\(key)' has a negative offset") }
        if zip(size, zip(stride, contiguous)).allSatisfy({ $0.0 == 1 || $0.1.0 == $0.1.1 }) {
            guard offset + count <= storage.count else { throw fail("tensor in storage '\(key)' reads past its end") }
            let from = storage.offset + offset * width
            return try data[from..<from + count * width].withUnsafeBytes { try Tensor(bytes: $0, shape: size, dtype: type) }
        }
        var bytes = [UInt8](repeating: 0, count: count * width)
        var index = [Int](repeating: 0, count: size.count)
        for element in 0..<count {
            let source = offset + zip(index, stride).reduce(0) { $0 + $1.0 * $1.1 }
            guard source >= 0, source < storage.count else { throw fail("tensor in storage '\(key)' reads past its end") }
            let from = storage.offset + source * width
            bytes.replaceSubrange(element * width..<(element + 1) * width, with: data[from..<from + width])
            for dim in stride.indices.reversed() {
                index[dim] += 1
                if index[dim] < size[dim] { break }
                index[dim] = 0
            }
        }
        return try bytes.withUnsafeBytes { try Tensor(bytes: $0, shape: size, dtype: type) }
    }
}
