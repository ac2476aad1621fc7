import Testing
@testable import FasterRCNN

@Suite("Python-compatible shuffling")
struct PythonRandomTests {
    @Test("seed(42) then two shuffles give CPython's orders")
    func shuffleMatchesCPython() throws {
        let script = "import random; random.seed(42); a = list(range(37)); b = list(range(1000)); "
            + "random.shuffle(a); random.shuffle(b); print(' '.join(map(str, a + b)))"
        let expected = try DataTestSupport.python(script).split(separator: " ").map {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))!
        }
        var random = PythonRandom(seed: 42)
        var a = Array(0..<37), b = Array(0..<1000)
        random.shuffle(&a)
        random.shuffle(&b)
        #expect(a + b == expected)
    }
}
