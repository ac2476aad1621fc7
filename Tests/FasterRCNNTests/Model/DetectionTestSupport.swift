import Testing
import Torch
@testable import FasterRCNN

/// Every detection suite is nested in this one so that they run one at a time (libtorch already uses both cores).
@Suite(.serialized) struct DetectionSuite {}

/// |a − b| ≤ tolerance elementwise, with a message naming the first mismatch.
func expectClose(
    _ actual: [Float], _ expected: [Float], tolerance: Float = 1e-4, _ what: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)",
            sourceLocation: sourceLocation)
    for (index, (a, e)) in zip(actual, expected).enumerated() where !(abs(a - e) <= tolerance) {
        Issue.record("\(what): value \(index) is \(a), expected \(e)", sourceLocation: sourceLocation)
        return
    }
}
