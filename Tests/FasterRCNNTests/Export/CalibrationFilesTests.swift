import Testing
@testable import FasterRCNN

/// The INT8 side files against values computed by hand from TAO's `_calibration_cache_from_dict` (the float32 bits
/// of amax / 127) and its `json.dump(..., indent=4)`.
@Suite struct CalibrationFilesTests {
    static let ranges: [String: Float] = ["rpn/3": 6.0, "input_image": 127, "rcnn/1": 2.5]

    @Test func tensorRTCache() {
        #expect(CalibrationFiles.tensorRTCache(Self.ranges) == """
            TRT-8601-EntropyCalibration2
            input_image: 3f800000
            rcnn/1: 3ca14285
            rpn/3: 3d418306

            """)
    }

    @Test func scalesJSON() {
        #expect(CalibrationFiles.scalesJSON(Self.ranges) == """
            {
                "tensor_scales": {
                    "input_image": 127.0,
                    "rcnn/1": 2.5,
                    "rpn/3": 6.0
                }
            }
            """)
    }
}
