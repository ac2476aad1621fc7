import Testing

/// Every Torch suite is nested in this one so that they run one at a time: libtorch already uses both cores,
/// and the memory test measures the process's resident size.
@Suite(.serialized) struct TorchSuite {}
