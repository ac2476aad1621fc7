/// How `pretrained_weights` is read, decided by its name: `.safetensors` holds this tool's own layer names; any
/// other file is read as a PyTorch `torch.save` state dict with torchvision's module names.
public enum PretrainedFileFormat: Sendable, Equatable {
    case safetensors
    case pytorch

    public init(path: String) {
        self = path.lowercased().hasSuffix(".safetensors") ? .safetensors : .pytorch
    }
}
