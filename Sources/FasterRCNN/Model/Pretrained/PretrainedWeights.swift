import Foundation
import Torch

/// Loading `model_config.pretrained_weights` into a backbone by layer name, reporting per layer like TAO.
public enum PretrainedWeights {
    /// How the file names its tensors.
    public enum Naming: Sendable {
        /// This tool's names: `<backbone path>.<layer>.<tensor>` (a checkpoint of the whole model) or
        /// `<layer>.<tensor>` (a backbone saved on its own).
        case native
        /// torchvision's module names (``TorchvisionNames``), for PyTorch state dicts.
        case torchvision
    }

    /// What happened to one layer.
    public enum Status: Sendable, Equatable {
        /// Every tensor of the layer was found with the right shape and copied.
        case loaded
        /// The file has the layer's tensors but with other shapes; nothing was copied.
        case shapeMismatch
        /// The file has some but not all of the layer's tensors; nothing was copied.
        case incomplete
        /// The file has no tensors for the layer.
        case absent

        /// The text TAO prints in its "Loaded" column.
        public var text: String {
            switch self {
            case .loaded: "Yes"
            case .shapeMismatch: "No: shape mismatch"
            case .incomplete: "No: incomplete"
            case .absent: "None: no weights"
            }
        }
    }

    /// The outcome of a load: one status per backbone layer, in layer order.
    public struct Report: Sendable {
        public let rows: [(layer: String, status: Status)]

        /// The status of `layer`, if it is a backbone layer.
        public func status(of layer: String) -> Status? { rows.first { $0.layer == layer }?.status }

        /// The table TAO prints while loading pretrained weights.
        public var table: String {
            let width = max(40, (rows.map(\.layer.count).max() ?? 0) + 2)
            let rule = String(repeating: "-", count: width + 24)
            var lines = ["Loading pretrained weights:", rule, "Layer".padding(toLength: width, withPad: " ", startingAt: 0) + "| Loaded", rule]
            lines += rows.map { $0.layer.padding(toLength: width, withPad: " ", startingAt: 0) + "| " + $0.status.text }
            lines.append(rule)
            return lines.joined(separator: "\n")
        }
    }

    /// Reads `url` (`.safetensors`, or a PyTorch `torch.save` file in the zip or legacy format: see
    /// ``PretrainedFileFormat``) and copies every layer whose tensors are all present with matching shapes.
    /// `naming` defaults to ``Naming/native`` for safetensors and ``Naming/torchvision`` otherwise.
    @discardableResult
    public static func load(_ url: URL, into backbone: TAOBackbone, naming: Naming? = nil) throws -> Report {
        let isSafeTensors = PretrainedFileFormat(path: url.path) == .safetensors
        let tensors = isSafeTensors ? try SafeTensors.read(from: url).tensors : try TorchFile.loadStateDict(url)
        return try load(tensors, into: backbone, naming: naming ?? (isSafeTensors ? .native : .torchvision))
    }

    /// Copies the layers found in `tensors` (see ``load(_:into:naming:)``).
    @discardableResult
    public static func load(_ tensors: [String: Tensor], into backbone: TAOBackbone, naming: Naming) throws -> Report {
        let store = backbone.path.store
        let torchvision = naming == .torchvision ? try TorchvisionNames.map(for: backbone) : [:]
        var rows: [(String, Status)] = []
        try noGrad {
            for layer in backbone.layers {
                let full = backbone.path.name(of: layer.name)
                let targets = store.all.filter { $0.name.hasPrefix(full + ".") }
                var sources: [Tensor?] = []
                for target in targets {
                    let suffix = String(target.name.dropFirst(full.count + 1))
                    switch naming {
                    case .native: sources.append(tensors[target.name] ?? tensors[layer.name + "." + suffix])
                    case .torchvision: sources.append(torchvision[layer.name].flatMap { tensors[$0 + "." + suffix] })
                    }
                }
                let found = sources.compactMap { $0 }
                let status: Status
                if found.isEmpty {
                    status = .absent
                } else if zip(targets, sources).contains(where: { $1 != nil && $1!.shape != $0.tensor.shape }) {
                    status = .shapeMismatch
                } else if found.count < targets.count {
                    status = .incomplete
                } else {
                    for (target, source) in zip(targets, found) { try target.tensor.copy(from: source) }
                    status = .loaded
                }
                rows.append((layer.name, status))
            }
        }
        return Report(rows: rows)
    }
}
