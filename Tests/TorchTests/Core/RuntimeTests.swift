import Testing
@testable import Torch

extension TorchSuite {
    @Suite struct RuntimeTests {
        @Test func reportsTheLoadedLibtorch() {
            #expect(Runtime.libtorchVersion.hasPrefix("2.13"))
            #expect(Runtime.libraryPath.hasSuffix("libtorch_cpu.so"))
            #expect(Runtime.threadCount >= 1)
        }
    }
}
