import Foundation

/// The layers of a Keras HDF5 weight file and where their weights are, in the layer's own weight order.
///
/// Layouts read:
/// - Keras 2 `model.save`: group `/model_weights` with attribute `layer_names`; each layer's group has attribute
///   `weight_names`, the dataset paths below the group (`conv1/kernel:0`). Attributes too long for one HDF5 header
///   are split into `layer_names0`, `layer_names1`, … as Keras writes them.
/// - Keras 2 `save_weights`: the same with the layer groups at the root. A nested model is one group whose
///   `weight_names` carry the inner layers' scopes (`block1_conv1/kernel:0`); layers are keyed by those scopes.
/// - Keras 3 `.weights.h5`: groups named `vars` holding datasets `0`, `1`, … in the layer's weight order, anywhere
///   below the root (`layers/<attribute>/vars`, nested models deeper); the layer is the `vars` group's `name`
///   attribute, else its parent group's name. The optimizer's variables (`/optimizer`) are skipped.
struct KerasWeightFile {
    /// Whether weights are named (Keras 2) or numbered in the layer's order (Keras 3).
    enum Layout: Sendable { case keras2, keras3 }

    /// One weight of a layer: its Keras name (`kernel`, `gamma`, … for Keras 2; the index for Keras 3) and dataset.
    struct Weight: Sendable {
        let name: String
        let dataset: String
    }

    let file: HDF5File
    let layout: Layout
    /// The weights of every layer, by layer name.
    let layers: [String: [Weight]]

    init(_ url: URL) throws {
        file = try HDF5File(url)
        let root = try file.children(of: "/")
        if root.contains(where: { $0.name == "model_weights" && $0.kind == .group }),
            let names = try Self.splitAttribute("layer_names", of: "/model_weights", in: file) {
            layout = .keras2
            layers = try Self.keras2Layers(names, base: "/model_weights/", in: file)
        } else if let names = try Self.splitAttribute("layer_names", of: "/", in: file) {
            layout = .keras2
            layers = try Self.keras2Layers(names, base: "/", in: file)
        } else {
            var found: [String: [Weight]] = [:]
            try Self.collectVars(below: "/", name: "", in: file, into: &found)
            guard !found.isEmpty else {
                throw PretrainedWeightsError.unreadable(
                    path: url.path, reason: "not a Keras weight file: no layer_names attribute (Keras 2) and no " +
                        "layers with vars groups (Keras 3)")
            }
            layout = .keras3
            layers = found
        }
    }

    /// The weight's values with their Keras dimensions.
    func values(of weight: Weight) throws -> (dims: [Int], values: [Float]) { try file.floats(weight.dataset) }

    /// The weight's name without Keras 2's scope and `:0` suffix (`conv1/kernel:0` → `kernel`).
    static func baseName(_ name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        return last.split(separator: ":").first.map(String.init) ?? last
    }

    /// Keras 2 layers by the scope of their weight names (`conv1/kernel:0` belongs to `conv1`), which is the layer
    /// group's own name for a plain layer and the inner layer's for a nested model's weights, all stored under the
    /// nested model's group; a name without a scope belongs to its group.
    private static func keras2Layers(_ names: [String], base: String, in file: HDF5File) throws -> [String: [Weight]] {
        var layers: [String: [Weight]] = [:]
        for name in names {
            let group = base + name
            for weightName in try splitAttribute("weight_names", of: group, in: file) ?? [] {
                let scope = weightName.split(separator: "/").dropLast().last.map(String.init) ?? name
                layers[scope, default: []].append(Weight(name: baseName(weightName), dataset: group + "/" + weightName))
            }
        }
        return layers
    }

    /// Attribute `name` of `object`, or its pieces `name0`, `name1`, … joined (Keras 2's split of long attributes).
    private static func splitAttribute(_ name: String, of object: String, in file: HDF5File) throws -> [String]? {
        if let whole = try file.strings(name, of: object) { return whole }
        var pieces: [String] = []
        var index = 0
        while let piece = try file.strings("\(name)\(index)", of: object) {
            pieces += piece
            index += 1
        }
        return index == 0 ? nil : pieces
    }

    private static func collectVars(below group: String, name: String, in file: HDF5File, into layers: inout [String: [Weight]]) throws {
        for child in try file.children(of: group) where child.kind == .group {
            let path = (group == "/" ? "/" : group + "/") + child.name
            if group == "/" && child.name == "optimizer" { continue }
            if child.name == "vars" {
                let datasets = try file.children(of: path).filter { $0.kind == .dataset }.compactMap { entry in
                    Int(entry.name).map { (index: $0, name: entry.name) }
                }.sorted { $0.index < $1.index }
                if !datasets.isEmpty {
                    let layer = try file.strings("name", of: path)?.first ?? name
                    layers[layer] = datasets.map { Weight(name: $0.name, dataset: path + "/" + $0.name) }
                }
            }
            try collectVars(below: path, name: child.name, in: file, into: &layers)
        }
    }
}
