import Foundation
import SwiftProtobuf

/// One image's labels as TAO's KITTI converter stores them in a `tf.train.Example`: the image is referenced
/// by `frame/id` (no pixels stored), and each object keeps all 15 KITTI fields with the class lowercased.
///
/// Boxes are `target/coordinates_x1/_y1/_x2/_y2`: absolute pixels of the original image, x1y1x2y2, as written
/// in the label file.
public struct FrameRecord: Equatable, Sendable {
    /// `frame/id`: `<image_dir_name>/<file stem>`; the reader appends `.<image_extension>`.
    public var frameID: String
    /// `frame/width`, `frame/height`, read from the image file.
    public var width: Int, height: Int
    /// The objects, class names already lowercased.
    public var objects: [KITTIObject]
    /// `point_cloud/id` (with `point_cloud/num_input_channels` = 4) when the converter had point clouds.
    public var pointCloudID: String?
    /// `calibration/T_lidar_to_camera` (16 floats) and `calibration/P_lidar_to_image` (12 floats).
    public var calibration: (lidarToCamera: [Float], lidarToImage: [Float])?

    public init(frameID: String, width: Int, height: Int, objects: [KITTIObject], pointCloudID: String? = nil,
                calibration: (lidarToCamera: [Float], lidarToImage: [Float])? = nil) {
        (self.frameID, self.width, self.height, self.objects) = (frameID, width, height, objects)
        self.pointCloudID = pointCloudID
        self.calibration = calibration
    }

    public static func == (lhs: FrameRecord, rhs: FrameRecord) -> Bool {
        lhs.frameID == rhs.frameID && lhs.width == rhs.width && lhs.height == rhs.height && lhs.objects == rhs.objects
            && lhs.pointCloudID == rhs.pointCloudID && lhs.calibration?.lidarToCamera == rhs.calibration?.lidarToCamera
            && lhs.calibration?.lidarToImage == rhs.calibration?.lidarToImage
    }

    /// The float-list keys, in KITTI field order, with how to read each from an object.
    static let floatKeys: [(key: String, value: @Sendable (KITTIObject) -> Float)] = [
        ("target/truncation", { $0.truncation }), ("target/observation_angle", { $0.alpha }),
        ("target/coordinates_x1", { $0.left }), ("target/coordinates_y1", { $0.top }),
        ("target/coordinates_x2", { $0.right }), ("target/coordinates_y2", { $0.bottom }),
        ("target/world_bbox_h", { $0.height }), ("target/world_bbox_w", { $0.width }),
        ("target/world_bbox_l", { $0.length }), ("target/world_bbox_x", { $0.x }),
        ("target/world_bbox_y", { $0.y }), ("target/world_bbox_z", { $0.z }),
        ("target/world_bbox_rot_y", { $0.rotationY }),
    ]

    /// The `tf.train.Example` TAO writes: every key present (empty lists for a frame without objects).
    public var example: Tensorflow_Example {
        var features: [String: Tensorflow_Feature] = [
            "frame/id": .bytes([Data(frameID.utf8)]),
            "frame/height": .int64([Int64(height)]),
            "frame/width": .int64([Int64(width)]),
            "target/object_class": .bytes(objects.map { Data($0.className.utf8) }),
            "target/occlusion": .int64(objects.map { Int64($0.occlusion) }),
        ]
        for (key, value) in Self.floatKeys { features[key] = .floats(objects.map(value)) }
        if let pointCloudID {
            features["point_cloud/id"] = .bytes([Data(pointCloudID.utf8)])
            features["point_cloud/num_input_channels"] = .int64([4])
        }
        if let calibration {
            features["calibration/T_lidar_to_camera"] = .floats(calibration.lidarToCamera)
            features["calibration/P_lidar_to_image"] = .floats(calibration.lidarToImage)
        }
        var example = Tensorflow_Example()
        example.features.feature = features
        return example
    }

    /// The serialized example, with map entries in sorted key order so files are byte-for-byte reproducible.
    public func serialized() throws -> Data {
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        return try example.serializedData(options: options)
    }

    /// Parses a serialized example; `path` and `record` locate it in errors, which name the key at fault.
    ///
    /// Beyond the keys and their types, the values are checked, so that a damaged or hand-made record cannot shift
    /// training or the metrics silently: text (`frame/id`, every class name, `point_cloud/id`) must be valid UTF-8,
    /// every per-object float (box coordinates, truncation, angles, 3-D fields) finite, and every occlusion one of
    /// ``KITTIObject/occlusionLevels``; errors name the object's 0-based index.
    public init(serialized data: Data, path: String, record: Int) throws {
        let example: Tensorflow_Example
        do { example = try Tensorflow_Example(serializedBytes: data) } catch {
            throw DataError(path: path, location: .record(record), reason: "not a tf.train.Example: \(error)")
        }
        let features = example.features.feature
        func fail(_ key: String, _ reason: String) -> DataError {
            DataError(path: path, location: .record(record), field: key, reason: reason)
        }
        func list<T>(_ key: String, _ extract: (Tensorflow_Feature.OneOf_Kind) -> [T]?) throws -> [T] {
            guard let feature = features[key] else { throw fail(key, "missing") }
            guard let kind = feature.kind, let values = extract(kind) else { throw fail(key, "has the wrong type") }
            return values
        }
        let bytes: (Tensorflow_Feature.OneOf_Kind) -> [Data]? = { if case .bytesList(let l) = $0 { l.value } else { nil } }
        let ints: (Tensorflow_Feature.OneOf_Kind) -> [Int64]? = { if case .int64List(let l) = $0 { l.value } else { nil } }
        let floats: (Tensorflow_Feature.OneOf_Kind) -> [Float]? = { if case .floatList(let l) = $0 { l.value } else { nil } }
        func single<T>(_ key: String, _ values: [T]) throws -> T {
            guard values.count == 1 else { throw fail(key, "expected 1 value, found \(values.count)") }
            return values[0]
        }
        func text(_ key: String, _ value: Data, object: Int? = nil) throws -> String {
            guard let text = String(validating: value, as: UTF8.self) else {
                throw fail(key, (object.map { "object \($0): " } ?? "") + "not valid UTF-8 text (\(value.count) bytes)")
            }
            return text
        }
        frameID = try text("frame/id", single("frame/id", list("frame/id", bytes)))
        width = Int(try single("frame/width", list("frame/width", ints)))
        height = Int(try single("frame/height", list("frame/height", ints)))
        let classes = try list("target/object_class", bytes)
        let occlusion = try list("target/occlusion", ints)
        var columns: [[Float]] = []
        for (key, _) in Self.floatKeys { columns.append(try list(key, floats)) }
        let counts = [("target/occlusion", occlusion.count)] + Array(zip(Self.floatKeys.map { $0.key }, columns.map { $0.count }))
        for (key, count) in counts where count != classes.count {
            throw fail(key, "has \(count) values for \(classes.count) objects")
        }
        for (key, column) in zip(Self.floatKeys.map(\.key), columns) {
            if let index = column.firstIndex(where: { !$0.isFinite }) {
                throw fail(key, "object \(index): \(column[index]) is not a finite number")
            }
        }
        if let index = occlusion.firstIndex(where: { !KITTIObject.occlusionLevels.contains(Int($0)) }) {
            throw fail("target/occlusion", "object \(index): \(occlusion[index]) is not \(KITTIObject.occlusionLevelsText)")
        }
        let names = try classes.enumerated().map { try text("target/object_class", $1, object: $0) }
        objects = classes.indices.map { index in
            let c = columns.map { $0[index] }
            return KITTIObject(className: names[index], truncation: c[0],
                               occlusion: Int(occlusion[index]), alpha: c[1], left: c[2], top: c[3], right: c[4],
                               bottom: c[5], height: c[6], width: c[7], length: c[8], x: c[9], y: c[10], z: c[11],
                               rotationY: c[12])
        }
        if features["point_cloud/id"] != nil {
            pointCloudID = try text("point_cloud/id", single("point_cloud/id", list("point_cloud/id", bytes)))
        } else {
            pointCloudID = nil
        }
        if features["calibration/T_lidar_to_camera"] != nil {
            calibration = (try list("calibration/T_lidar_to_camera", floats), try list("calibration/P_lidar_to_image", floats))
        } else {
            calibration = nil
        }
    }
}

extension Tensorflow_Feature {
    static func bytes(_ values: [Data]) -> Tensorflow_Feature {
        var feature = Tensorflow_Feature()
        feature.bytesList.value = values
        return feature
    }

    static func int64(_ values: [Int64]) -> Tensorflow_Feature {
        var feature = Tensorflow_Feature()
        feature.int64List.value = values
        return feature
    }

    static func floats(_ values: [Float]) -> Tensorflow_Feature {
        var feature = Tensorflow_Feature()
        feature.floatList.value = values
        return feature
    }
}
