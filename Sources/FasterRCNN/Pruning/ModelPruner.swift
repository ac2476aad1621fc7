import Torch

/// `frcnn prune`'s work on a model: TAO's MagNet min-weight pruning over the channel dependencies of
/// ``ChannelGraph``, giving every tensor of the model in its pruned shape.
///
/// Layers whose channels are tied (a residual sum, a squeeze-excite product, a depthwise convolution and the
/// layer before it) form one group and keep the same channels: their per-layer scaled norms are merged with the
/// equalization criterion, and the kept filters are chosen once for the group. A group that holds an excluded
/// layer (``PruningSettings/excludedLayers``, the output layers, the input image) keeps every channel.
public enum ModelPruner {
    /// The pruned tensors and what was pruned.
    public struct Result {
        /// Every tensor of the model (parameters and buffers) by name, in its pruned shape.
        public let tensors: [String: Tensor]
        /// Each layer with filters of its own, in model order: (TAO layer name, filters before, filters kept).
        public let layers: [(name: String, before: Int, after: Int)]
        /// Elements of every tensor (weights and running statistics, as Keras counts a model's parameters).
        public let originalCount: Int
        public let prunedCount: Int
        /// prunedCount / originalCount, the ratio TAO logs.
        public var ratio: Double { Double(prunedCount) / Double(originalCount) }
    }

    /// Prunes `model` (its weights are read, not changed).
    public static func prune(_ model: FasterRCNNModel, settings: PruningSettings) throws -> Result {
        guard settings.granularity > 0, settings.minimumFilters > 0, settings.threshold.isFinite else {
            throw PruningError("pruning_granularity and min_num_filters must be > 0 and the threshold a number")
        }
        let graph = try ChannelGraph(model: model)
        let names = Set(graph.producers.map { layerName($0.name) })
        if let unknown = settings.excludedLayers.sorted().first(where: { !names.contains($0) }) {
            throw PruningError("excluded_layers: '\(unknown)' is not a layer with filters in this model (e.g. \(names.sorted().prefix(3).joined(separator: ", ")))")
        }
        let kept = try keptSlots(graph, settings: settings)
        let original = model.store.namedTensors()
        var tensors = original
        try noGrad {
            for axis in graph.axes {
                guard let tensor = tensors[axis.tensor] else { continue }
                let positions = axis.slots.indices.filter { kept[axis.slots[$0]] }
                    .flatMap { position in (position * axis.factor)..<((position + 1) * axis.factor) }
                guard positions.count < tensor.shape[axis.dimension] else { continue }
                let index = try Tensor(positions.map(Int64.init), shape: [positions.count]).to(device: tensor.device)
                tensors[axis.tensor] = try tensor.detach().indexSelect(dim: axis.dimension, index: index)
            }
        }
        let layers = graph.producers.dropFirst().map { producer in
            (name: layerName(producer.name), before: producer.channels,
             after: (producer.first..<(producer.first + producer.channels)).filter { kept[$0] }.count)
        }
        let count = { (set: [String: Tensor]) in set.values.reduce(0) { $0 + $1.count } }
        return Result(tensors: tensors, layers: layers, originalCount: count(original),
                      prunedCount: count(tensors))
    }

    /// The TAO layer name of a store name: without the `backbone.` prefix.
    static func layerName(_ name: String) -> String {
        name.hasPrefix("backbone.") ? String(name.dropFirst(9)) : name
    }

    /// Whether each slot is kept.
    static func keptSlots(_ graph: ChannelGraph, settings: PruningSettings) throws -> [Bool] {
        let producers = graph.producers
        let slotCount = producers.last.map { $0.first + $0.channels } ?? 0
        let owner = producers.indices.flatMap { index in Array(repeating: index, count: producers[index].channels) }
        // Groups of producers whose channels are tied (union-find over producers).
        var parent = Array(producers.indices)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node { parent[node] = parent[parent[node]]; node = parent[node] }
            return node
        }
        var misaligned = Set<Int>()
        for (first, second) in graph.ties {
            let (a, b) = (owner[first], owner[second])
            if first - producers[a].first != second - producers[b].first || producers[a].channels != producers[b].channels {
                misaligned.insert(a)
                misaligned.insert(b)
            }
            parent[root(a)] = root(b)
        }
        let excluded = settings.excludedLayers.union(PruningSettings.outputLayers)
        var members: [Int: [Int]] = [:]
        for index in producers.indices { members[root(index), default: []].append(index) }
        var kept = Array(repeating: true, count: slotCount)
        for group in members.values {
            let fixed = group.contains { index in
                index == 0 || misaligned.contains(index) || producers[index].weight == nil
                    || excluded.contains(layerName(producers[index].name))
            }
            guard !fixed else { continue }
            let statistics = try group.map { try FilterStatistics.normalize(FilterStatistics.norms(producers[$0].weight!), settings.normalizer) }
            let retained = Set(FilterStatistics.retained(FilterStatistics.merge(statistics, settings.equalization), settings: settings))
            for index in group {
                for channel in 0..<producers[index].channels where !retained.contains(channel) {
                    kept[producers[index].first + channel] = false
                }
            }
        }
        return kept
    }
}
