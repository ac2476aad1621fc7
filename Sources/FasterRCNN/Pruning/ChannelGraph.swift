import Torch

/// How the channels of a ``FasterRCNNModel`` depend on each other, found by walking its modules the way data
/// flows through them (backbone trunk → RPN, and trunk → RoI crop → backbone head → RCNN outputs).
///
/// Every convolution or dense layer with its own filters is a ``Producer``; each output channel of a producer
/// is a *slot*. Batch norms and depthwise convolutions follow the channels they receive, residual sums
/// (``Residual``) and squeeze-excite products tie the channels they combine index by index, and concatenation
/// (``Branches``) places the branches' slots side by side. Each tensor dimension that is indexed by channels is
/// an ``Axis``: pruning keeps, along that dimension, the positions whose slots are kept.
struct ChannelGraph {
    /// A layer with filters of its own (one output channel per filter).
    struct Producer {
        /// The layer name: the parameter name without `.weight`, e.g. `backbone.block_1a_conv_1`.
        let name: String
        /// Its kernel: [out, in/groups, kh, kw] or [out, in].
        let weight: Tensor?
        /// Output channels (slots).
        let channels: Int
        /// Index of its first slot; slot `first + c` is output channel c.
        let first: Int
    }

    /// A dimension of a named tensor whose positions follow slots (`factor` consecutive positions per slot, as
    /// a dense layer sees a flattened [C, h, w] input: position c·factor + s belongs to channel c).
    struct Axis {
        let tensor: String
        let dimension: Int
        let slots: [Int]
        let factor: Int
    }

    private(set) var producers: [Producer] = []
    private(set) var axes: [Axis] = []
    /// Slot pairs that must be kept or pruned together.
    private(set) var ties: [(Int, Int)] = []
    private var slotCount = 0
    private let names: [ObjectIdentifier: String]

    /// Walks `model`; the input image's channels are the first producer (named `input`, never pruned).
    init(model: FasterRCNNModel) throws {
        guard let backbone = model.backbone as? TAOBackbone else {
            throw PruningError("pruning needs one of the TAO backbones")
        }
        names = Dictionary(uniqueKeysWithValues: model.store.all.map { (ObjectIdentifier($0.tensor), $0.name) })
        let image = addProducer(name: "input", weight: nil, channels: backbone.options.inputChannels)
        let features = try walk(backbone.trunk, image)
        let hidden = try walk(model.rpn.conv, features)
        _ = try walk(model.rpn.classifier, hidden)
        _ = try walk(model.rpn.regressor, hidden)
        let pooled = try walk(backbone.top, features)
        _ = try walk(model.rcnn.classifier, pooled)
        _ = try walk(model.rcnn.regressor, pooled)
        var seen = Set<String>()
        for axis in axes where !seen.insert("\(axis.tensor)#\(axis.dimension)").inserted {
            throw PruningError("\(axis.tensor): dimension \(axis.dimension) is reached twice (a layer used twice cannot be pruned)")
        }
    }

    private mutating func addProducer(name: String, weight: Tensor?, channels: Int) -> [Int] {
        producers.append(Producer(name: name, weight: weight, channels: channels, first: slotCount))
        defer { slotCount += channels }
        return Array(slotCount..<(slotCount + channels))
    }

    private func name(of tensor: Tensor) throws -> String {
        guard let name = names[ObjectIdentifier(tensor)] else { throw PruningError("a layer's tensor is not in the model's store") }
        return name
    }

    private mutating func follow(_ tensors: [Tensor?], slots: [Int]) throws {
        for case let tensor? in tensors {
            axes.append(Axis(tensor: try name(of: tensor), dimension: 0, slots: slots, factor: 1))
        }
    }

    private mutating func tie(_ first: [Int], _ second: [Int], at layer: String) throws {
        guard first.count == second.count else {
            throw PruningError("\(layer): combines \(first.count) and \(second.count) channels")
        }
        ties += zip(first, second).map { ($0, $1) }
    }

    /// The slots of `module`'s output given the slots of its input.
    private mutating func walk(_ module: any Module, _ input: [Int]) throws -> [Int] {
        switch module {
        case let sequence as Sequential:
            return try sequence.modules.reduce(input) { try walk($1, $0) }
        case let conv as Conv2d:
            return try walkConvolution(conv, input)
        case let linear as Linear:
            let layer = try name(of: linear.weight)
            let inFeatures = linear.weight.shape[1]
            guard !input.isEmpty, inFeatures % input.count == 0 else {
                throw PruningError("\(layer): \(inFeatures) inputs do not flatten \(input.count) channels")
            }
            let output = addProducer(name: String(layer.dropLast(7)), weight: linear.weight, channels: linear.weight.shape[0])
            axes.append(Axis(tensor: layer, dimension: 1, slots: input, factor: inFeatures / input.count))
            try follow([linear.weight, linear.bias], slots: output)
            return output
        case let norm as BatchNorm2d:
            try follow([norm.weight, norm.bias, norm.runningMean, norm.runningVar], slots: input)
            return input
        case let residual as Residual:
            let main = try walk(residual.main, input)
            let shortcut = try residual.shortcut.map { try walk($0, input) } ?? input
            try tie(main, shortcut, at: "residual sum")
            return main
        case let branches as Branches:
            return try branches.branches.flatMap { try walk($0, input) }
        case let excite as SqueezeExcite:
            let scale = try walk(excite.expand, walk(excite.reduce, input))
            try tie(scale, input, at: "squeeze-excite product")
            return input
        case is Lambda, is Dropout, is DropConnect:
            return input  // activations, pooling, flattening: channels unchanged
        default:
            throw PruningError("cannot trace channels through \(type(of: module))")
        }
    }

    private mutating func walkConvolution(_ conv: Conv2d, _ input: [Int]) throws -> [Int] {
        let layer = try name(of: conv.weight)
        let (outChannels, perGroup) = (conv.weight.shape[0], conv.weight.shape[1])
        guard perGroup * conv.groups == input.count else {
            throw PruningError("\(layer): takes \(perGroup * conv.groups) channels, receives \(input.count)")
        }
        let output = addProducer(name: String(layer.dropLast(7)), weight: conv.weight, channels: outChannels)
        try follow([conv.weight, conv.bias], slots: output)
        if conv.groups == 1 {
            axes.append(Axis(tensor: layer, dimension: 1, slots: input, factor: 1))
        } else if conv.groups == input.count && outChannels == input.count {
            try tie(output, input, at: layer)  // depthwise: output channel c filters input channel c only
        } else {
            throw PruningError("\(layer): grouped convolutions other than depthwise cannot be pruned")
        }
        return output
    }
}
