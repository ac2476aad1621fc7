import Foundation

/// The images `frcnn inference` reads: the files of one folder, as TAO's `inference` lists them.
public enum InferenceImages {
    /// The extensions read (lowercase only, as TAO: `.JPG` is not an image to it).
    public static let extensions: Set<String> = ["jpg", "jpeg", "png"]

    /// The paths of the images in `directory`, sorted by file name. Subfolders and hidden files (names starting
    /// with `.`) are ignored.
    /// - Throws: ``InferenceError`` when the folder cannot be listed, holds a file that is not `.jpg`, `.jpeg` or
    ///   `.png` (TAO aborts on such a file too; the error names it), holds two images with the same name stem
    ///   (their label files would collide), or holds no image.
    public static func list(_ directory: String) throws -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw InferenceError("\(directory): cannot list the images folder: \(error.localizedDescription)")
        }
        var images: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            guard extensions.contains((name as NSString).pathExtension) else {
                throw InferenceError("\(path): not an image (inference reads only .jpg, .jpeg and .png files; move the file out of the images folder)")
            }
            images.append(path)
        }
        var stems: [String: String] = [:]
        for path in images {
            let name = (path as NSString).lastPathComponent, stem = (name as NSString).deletingPathExtension
            if let other = stems.updateValue(name, forKey: stem) {
                throw InferenceError("\(path): shares the name stem '\(stem)' with \(other); both would write \(stem).txt")
            }
        }
        guard !images.isEmpty else { throw InferenceError("\(directory): no .jpg, .jpeg or .png image in the images folder") }
        return images
    }
}

/// A problem that stops `frcnn inference`, naming the file or folder concerned.
public struct InferenceError: Error, CustomStringConvertible, Equatable {
    public let description: String

    public init(_ description: String) { self.description = description }
}
