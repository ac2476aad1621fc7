import Foundation

/// Reads a KITTI calibration file into the two matrices TAO stores: `T_lidar_to_camera = R0_rect · Tr_velo_to_cam`
/// (4×4) and `P_lidar_to_image = P2 · T_lidar_to_camera` (3×4), both row-major.
public enum KITTICalibration {
    /// Parses lines 3 (`P2`, 12 values), 5 (`R0_rect`, 9) and 6 (`Tr_velo_to_cam`, 12) of the file.
    public static func read(path: String) throws -> (lidarToCamera: [Float], lidarToImage: [Float]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(path: path, reason: "calibration file not found")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        func row(_ line: Int, count: Int) throws -> [Double] {
            guard line < lines.count else { throw DataError(path: path, location: .line(line + 1), reason: "missing line") }
            let values = lines[line].split(separator: " ").dropFirst().compactMap { Double($0) }
            guard values.count >= count else {
                throw DataError(path: path, location: .line(line + 1), reason: "expected \(count) numbers after the name")
            }
            return Array(values.prefix(count))
        }
        let p2 = try row(2, count: 12), r0 = try row(4, count: 9), tr = try row(5, count: 12)
        var rect = [Double](repeating: 0, count: 16), velo = [Double](repeating: 0, count: 16)
        for i in 0..<3 {
            for j in 0..<3 { rect[i * 4 + j] = r0[i * 3 + j] }
            for j in 0..<4 { velo[i * 4 + j] = tr[i * 4 + j] }
        }
        rect[15] = 1
        velo[15] = 1
        let lidarToCamera = multiply(rect, velo, rows: 4)
        let lidarToImage = multiply(p2, lidarToCamera, rows: 3)
        return (lidarToCamera.map { Float($0) }, lidarToImage.map { Float($0) })
    }

    /// `a` (rows×4) · `b` (4×4).
    private static func multiply(_ a: [Double], _ b: [Double], rows: Int) -> [Double] {
        var product = [Double](repeating: 0, count: rows * 4)
        for row in 0..<rows {
            for column in 0..<4 {
                var sum = 0.0
                for k in 0..<4 { sum += a[row * 4 + k] * b[k * 4 + column] }
                product[row * 4 + column] = sum
            }
        }
        return product
    }
}
