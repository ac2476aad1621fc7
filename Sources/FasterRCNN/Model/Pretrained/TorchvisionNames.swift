/// Name maps from backbone layer names to torchvision's module names, for loading PyTorch state dicts.
/// A layer's tensors `<layer>.{weight,bias,running_mean,running_var}` are read from `<module>.<same suffix>`.
public enum TorchvisionNames {
    /// The torchvision module of every mappable layer of `backbone` (layers without a counterpart, such as
    /// NVIDIA's extra projection shortcuts, are absent). Throws for families torchvision has no model for.
    public static func map(for backbone: TAOBackbone) throws -> [String: String] {
        let names = backbone.layers.map(\.name)
        switch backbone.arch {
        case let arch where arch.hasPrefix("resnet:"): return resnet(names)
        case "resnet101": return kerasResNet(names)
        case "vgg:16", "vgg:19": return vgg(names, modulesPerConv: 3)
        case "vgg16": return vgg(names, modulesPerConv: 2)
        case "googlenet": return googlenet(names)
        case "mobilenet_v2": return mobilenetV2(names)
        default:
            throw BackboneError.invalidOption(
                arch: backbone.arch, field: "pretrained_weights",
                message: "torchvision has no model for this architecture; use a safetensors checkpoint of this tool")
        }
    }

    /// `block_<s><x>_conv_<i>` → `layer<s>.<x>.conv<i>`, `_bn_<i>` → `.bn<i>`, shortcut → `.downsample.0/1`;
    /// conv1 → conv1, bn_conv1 → bn1.
    static func resnet(_ names: [String]) -> [String: String] {
        var map = ["conv1": "conv1", "bn_conv1": "bn1"]
        for name in names where name.hasPrefix("block_") {
            let parts = name.split(separator: "_")  // block, 1a, conv|bn, i|shortcut
            guard parts.count == 4, let stage = parts[1].first, let letter = parts[1].last?.asciiValue else { continue }
            let unit = "layer\(stage).\(Int(letter) - 97)"
            map[name] = switch (parts[2], parts[3]) {
            case ("conv", "shortcut"): "\(unit).downsample.0"
            case ("bn", "shortcut"): "\(unit).downsample.1"
            case (let kind, let index): "\(unit).\(kind)\(index)"
            }
        }
        return map
    }

    /// Keras ResNet `conv<k>_block<j>_<i>_conv|bn` → `layer<k−1>.<j−1>.conv<i>|bn<i>` (i = 0: downsample.0/1).
    static func kerasResNet(_ names: [String]) -> [String: String] {
        var map = ["conv1_conv": "conv1", "conv1_bn": "bn1"]
        for name in names where name.contains("_block") {
            let parts = name.split(separator: "_")  // conv2, block1, 1, conv
            guard parts.count == 4, let stack = Int(parts[0].dropFirst(4)), let block = Int(parts[1].dropFirst(5)),
                let index = Int(parts[2]) else { continue }
            let unit = "layer\(stack - 1).\(block - 1)"
            map[name] = index == 0
                ? "\(unit).downsample.\(parts[3] == "conv" ? 0 : 1)" : "\(unit).\(parts[3])\(index)"
        }
        return map
    }

    /// VGG `features.<n>` indices in layer order (conv [+ BN] + ReLU per conv, a max pool after each block),
    /// fc1 → classifier.0, fc2 → classifier.3.
    static func vgg(_ names: [String], modulesPerConv: Int) -> [String: String] {
        var map = ["fc1": "classifier.0", "fc2": "classifier.3"]
        var index = 0
        var currentBlock: Character?
        for name in names where name.hasPrefix("block") {
            let block = Array(name)[name.hasPrefix("block_") ? 6 : 5]
            if let current = currentBlock, current != block { index += 1 }  // the max pool between blocks
            currentBlock = block
            if name.contains("_bn_") {
                map[name] = "features.\(index + 1)"
                index += modulesPerConv
            } else {
                map[name] = "features.\(index)"
                if modulesPerConv == 2 { index += 2 }
            }
        }
        return map
    }

    /// GoogLeNet: conv1 → conv1.conv, conv2_reduce → conv2.conv, conv2 → conv3.conv; `inception_<id>_1x1` →
    /// `inception<id>.branch1.conv`, `_3x3_reduce`/`_3x3` → `branch2.0/1`, `_5x5_reduce`/`_5x5` → `branch3.0/1`,
    /// `_pool_proj` → `branch4.1`; each `<name>_bn` → the same module's `.bn`.
    static func googlenet(_ names: [String]) -> [String: String] {
        let stem = ["conv1": "conv1", "conv2_reduce": "conv2", "conv2": "conv3"]
        let branches = ["1x1": "branch1", "3x3_reduce": "branch2.0", "3x3": "branch2.1", "5x5_reduce": "branch3.0",
                        "5x5": "branch3.1", "pool_proj": "branch4.1"]
        var map: [String: String] = [:]
        for name in names {
            let isBN = name.hasSuffix("_bn")
            let conv = isBN ? String(name.dropLast(3)) : name
            let module: String?
            if let base = stem[conv] {
                module = base
            } else if conv.hasPrefix("inception_") {
                let rest = conv.dropFirst(10)
                module = branches[String(rest.dropFirst(3))].map { "inception\(rest.prefix(2)).\($0)" }
            } else {
                module = nil
            }
            if let module { map[name] = module + (isBN ? ".bn" : ".conv") }
        }
        return map
    }

    /// MobileNetV2: conv1/bn_conv1 → features.0.0/0.1; block k → features.<k+1> (`_expand` → conv.0.0,
    /// `_depthwise` → conv.0.0 in block 0 else conv.1.0, `_project` → conv.1 in block 0 else conv.2, each `_bn`
    /// the next index); conv_1/conv_1_bn → features.18.0/18.1.
    static func mobilenetV2(_ names: [String]) -> [String: String] {
        var map = ["conv1": "features.0.0", "bn_conv1": "features.0.1", "conv_1": "features.18.0", "conv_1_bn": "features.18.1"]
        for name in names where name.hasPrefix("expanded_conv_") || name.hasPrefix("block_") {
            let first = name.hasPrefix("expanded_conv_")
            let rest = first ? Substring(name.dropFirst(14)) : name.dropFirst(6).drop(while: { $0 != "_" }).dropFirst()
            let block = first ? 0 : Int(name.dropFirst(6).prefix(while: { $0 != "_" }))!
            let kind = rest.hasSuffix("_bn") ? rest.dropLast(3) : rest
            let bn = rest.hasSuffix("_bn")
            let module: String? = switch (kind, first) {
            case ("expand", false): bn ? "conv.0.1" : "conv.0.0"
            case ("depthwise", true): bn ? "conv.0.1" : "conv.0.0"
            case ("depthwise", false): bn ? "conv.1.1" : "conv.1.0"
            case ("project", true): bn ? "conv.2" : "conv.1"
            case ("project", false): bn ? "conv.3" : "conv.2"
            default: nil
            }
            if let module { map[name] = "features.\(block + 1).\(module)" }
        }
        return map
    }
}
