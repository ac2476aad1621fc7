import Torch

/// `activation(main(x) + shortcut(x))`: a residual unit (identity shortcut when `shortcut` is nil,
/// no activation when `activation` is nil).
final class Residual: Module {
    let main: any Module
    let shortcut: (any Module)?
    let activation: Lambda?

    init(main: any Module, shortcut: (any Module)?, activation: Lambda?) {
        self.main = main
        self.shortcut = shortcut
        self.activation = activation
    }

    func callAsFunction(_ input: Tensor) throws -> Tensor {
        let sum = try main(input) + (shortcut?(input) ?? input)
        return try activation?(sum) ?? sum
    }
}

/// Runs every branch on the same input and concatenates the outputs along channels (Inception modules).
final class Branches: Module {
    let branches: [any Module]

    init(_ branches: [any Module]) {
        self.branches = branches
    }

    func callAsFunction(_ input: Tensor) throws -> Tensor {
        try Tensor.cat(branches.map { try $0(input) }, dim: 1)
    }
}

/// Pooling modules with TAO's conventions.
enum Pool {
    /// k×k max pooling with stride s, padded by (k-1)/2 ("same"-like for odd k; none for k = 2).
    static func max(_ kernel: Int, stride: Int) -> Lambda {
        Lambda { try $0.maxPool2d(kernel: (kernel, kernel), stride: (stride, stride), padding: ((kernel - 1) / 2, (kernel - 1) / 2)) }
    }

    /// The head's `avg_pool` over pool_size × pool_size, then flatten to [R, C·h·w] (C when the crop is pool_size).
    static func averageFlatten(_ size: Int) -> Lambda {
        Lambda { try $0.avgPool2d(kernel: (size, size)).flatten(from: 1) }
    }
}
