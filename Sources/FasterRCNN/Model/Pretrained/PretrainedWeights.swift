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

    /// Reads `url` (see ``PretrainedFileFormat``: `.safetensors`; a Keras HDF5 file `.h5`/`.hdf5`/unencrypted `.tlt`,
    /// converted by ``KerasWeights``; else a PyTorch `torch.save` file in the zip or legacy format) and copies every
    /// layer whose tensors are all present with matching shapes. `naming` defaults to ``Naming/torchvision`` for
    /// PyTorch files and ``Naming/native`` otherwise. A file from which not one layer loads is an error.
    @discardableResult
    public static func load(_ url: URL, into backbone: TAOBackbone, naming: Naming? = nil) throws -> Report {
        let format = PretrainedFileFormat(path: url.path)
        let tensors: [String: Tensor]
        switch format {
        case .safetensors: tensors = try SafeTensors.read(from: url).tensors
        case .pytorch: tensors = try TorchFile.loadStateDict(url)
        case .keras: tensors = try KerasWeights.tensors(from: kerasFile(url), for: backbone)
        }
        let report = try load(tensors, into: backbone, naming: naming ?? (format == .pytorch ? .torchvision : .native))
        if !report.rows.contains(where: { $0.status == .loaded }) {
            let counts = Dictionary(grouping: report.rows, by: \.status.text).map { "\($1.count) \($0)" }.sorted()
            throw PretrainedWeightsError.nothingLoaded(path: url.path, arch: backbone.arch, detail: counts.joined(separator: ", "))
        }
        return report
    }

    /// The Keras file at `url`, with a clear error for an encrypted `.tlt` and for files that are not HDF5.
    static func kerasFile(_ url: URL) throws -> KerasWeightFile {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw PretrainedWeightsError.unreadable(path: url.path, reason: "no such readable file")
        }
        guard HDF5File.isHDF5(url) else {
            if url.pathExtension.lowercased() == "tlt" { throw PretrainedWeightsError.encryptedTAOModel(path: url.path) }
            let isCheckpoint = (try? FileHandle(forReadingFrom: url).read(upToCount: 8)) == SealedFile.magic
            throw PretrainedWeightsError.unreadable(
                path: url.path, reason: isCheckpoint
                    ? "this is a frcnn checkpoint, not a Keras file: continue from it with resume_from_model, or " +
                      "name a Keras .hdf5/.h5, a PyTorch or a .safetensors file"
                    : "not an HDF5 file (Keras .hdf5/.h5 files start with the HDF5 signature)")
        }
        return try KerasWeightFile(url)
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
