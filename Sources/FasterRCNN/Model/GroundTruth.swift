/// The objects of one training image: boxes (y1, x1, y2, x2) in input-image pixels (after resizing), and
/// class ids in 0..<C (C = ``DetectorConfiguration/classCount``). No padding: every box is a real object.
public struct GroundTruth: Sendable, Equatable {
    /// Flat (y1, x1, y2, x2) values, 4 per object.
    public var boxes: [Float]
    /// One class id per object.
    public var classIDs: [Int]

    public init(boxes: [Float], classIDs: [Int]) {
        precondition(boxes.count == 4 * classIDs.count, "GroundTruth: \(boxes.count / 4) boxes, \(classIDs.count) ids")
        self.boxes = boxes
        self.classIDs = classIDs
    }

    /// The number of objects.
    public var count: Int { classIDs.count }
}
