import CTorch
import Foundation

/// Files written by Python's `torch.save`.
public enum TorchFile {
    /// Reads a `torch.save`d dict (zip format, e.g. `torch.save(dict(model.state_dict()), path)`) through
    /// libtorch's unpickler. Nested dicts, lists and tuples are flattened to dotted names (`a.b`, `list.0`);
    /// Python numbers and bools become 0-d int64/float64/bool tensors; `None` values are skipped.
    public static func load(_ url: URL) throws -> [String: Tensor] {
        guard let list = ctorch_pickle_load(url.path) else {
            throw TorchError("\(url.path): \(TorchError.last().message)")
        }
        defer { ctorch_named_list_free(list) }
        var tensors: [String: Tensor] = [:]
        for index in 0..<ctorch_named_list_count(list) {
            guard let name = ctorch_named_list_name(list, index) else { throw TorchError.last() }
            tensors[String(cString: name)] = try Tensor.checked(ctorch_named_list_tensor(list, index))
        }
        return tensors
    }
}
