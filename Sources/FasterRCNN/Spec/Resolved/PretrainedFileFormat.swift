/// How `pretrained_weights` is read, decided by its name: `.safetensors` holds this tool's own layer names; `.h5`,
/// `.hdf5` and `.tlt` are Keras HDF5 files with TAO's layer names (a `.tlt` only when it is not encrypted); any other
/// file is read as a PyTorch `torch.save` state dict with torchvision's module names.
public enum PretrainedFileFormat: Sendable, Equatable {
    case safetensors
    case keras
    case pytorch

    public init(path: String) {
        let name = path.lowercased()
        if name.hasSuffix(".safetensors") {
            self = .safetensors
        } else if [".h5", ".hdf5", ".tlt"].contains(where: name.hasSuffix) {
            self = .keras
        } else {
            self = .pytorch
        }
    }
}
