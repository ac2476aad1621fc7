import Testing
@testable import ONNXRuntime

/// ONNX Runtime's messages lose the C++ location and signature its checks put first, and their line breaks.
@Suite struct ShimMessageTests {
    @Test func dropsSourceLocationAndSignature() {
        let enforced = "Load failed:/src/onnxruntime/core/graph/model.cc:256 onnxruntime::Model::Model(onnx::ModelProto&&, "
            + "const std::function<void (int)>&) const Unsupported model IR version: 99"
        #expect(ShimMessage.readable(enforced) == "Load failed:Unsupported model IR version: 99")
        let header = "/b/x/model_load_utils.h:46 void ns::Validate(const std::map<std::string, int>&, bool) Opset 99 is new"
        #expect(ShimMessage.readable(header) == "Opset 99 is new")
    }

    @Test func foldsLinesAndKeepsPlainMessages() {
        #expect(ShimMessage.readable("Got invalid dimensions for input: x\n index: 1 Got: 2\n Please fix.\n")
            == "Got invalid dimensions for input: x index: 1 Got: 2 Please fix.")
        #expect(ShimMessage.readable("/tmp/a.so: invalid ELF header") == "/tmp/a.so: invalid ELF header")
        #expect(ShimMessage.readable("Unexpected input data type. Actual: (tensor(int32))")
            == "Unexpected input data type. Actual: (tensor(int32))")
    }
}
