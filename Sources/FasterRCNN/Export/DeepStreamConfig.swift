/// What `frcnn export --gen_ds_config` writes next to the ONNX file, as TAO's exporter writes it: the `nvinfer`
/// keys DeepStream needs to feed the network, and the labels file.
public struct DeepStreamConfig: Equatable {
    /// `nvinfer_config.txt`: `key=value` lines in TAO's order.
    public let nvinferConfig: String
    /// `labels.txt`: the object classes sorted, then `background`, one per line.
    public let labels: String

    /// The files for a model of `experiment`'s input and classes; `key` is the `-k` value (written as
    /// `tlt-model-key`, empty when none was given).
    ///
    /// `net-scale-factor` is 1 / `image_scaling_factor`; `offsets` are the channel means in the network's channel
    /// order (for "bgr": b;g;r), each written as the shortest decimal that reads back as the spec's float;
    /// `model-color-format` is 0 for rgb, 1 for bgr and 2 for grayscale.
    public init(experiment: ResolvedExperiment, imageHeight: Int, imageWidth: Int, key: String?) {
        let input = experiment.input
        let colorFormat = input.channels == 1 ? 2 : input.channelOrder == "bgr" ? 1 : 0
        let lines = [
            "net-scale-factor=\(1.0 / Double(input.scalingFactor))",
            "offsets=\(input.channelMeans.map { "\($0)" }.joined(separator: ";"))",
            "infer-dims=\(input.channels);\(imageHeight);\(imageWidth)",
            "tlt-model-key=\(key ?? "")",
            "network-type=0",
            "num-detected-classes=\(experiment.classes.names.count)",
            "model-color-format=\(colorFormat)",
            "maintain-aspect-ratio=0",
            "output-tensor-meta=0",
        ]
        nvinferConfig = lines.joined(separator: "\n") + "\n"
        labels = experiment.classes.names.joined(separator: "\n") + "\n"
    }
}
