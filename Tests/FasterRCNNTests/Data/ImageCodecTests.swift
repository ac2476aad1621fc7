import Foundation
import Testing
@testable import FasterRCNN

@Suite("Image decoding against Pillow")
struct ImageCodecTests {
    /// Pillow writes each kind of file and dumps the pixels it decodes (`np.asarray`, palettes expanded).
    private static let writer = """
        import sys, numpy as np
        from PIL import Image
        d = sys.argv[1]
        rng = np.random.default_rng(7)
        rgb = rng.integers(0, 256, (37, 53, 3), dtype=np.uint8)
        rgb[5:20, 10:30] = [200, 30, 40]
        rgba = np.dstack([rgb, rng.integers(0, 256, (37, 53), dtype=np.uint8)])
        cases = {
            'gray.png': Image.fromarray(rgb[:, :, 0], 'L'),
            'rgb.png': Image.fromarray(rgb, 'RGB'),
            'rgba.png': Image.fromarray(rgba, 'RGBA'),
            'palette.png': Image.fromarray(rgb, 'RGB').quantize(colors=16),
            'palette4.png': Image.fromarray(rgb, 'RGB').quantize(colors=5),
            'rgb420.jpg': Image.fromarray(rgb, 'RGB'),
            'gray.jpg': Image.fromarray(rgb[:, :, 1], 'L'),
        }
        for name, image in cases.items():
            if name == 'palette4.png':
                image.save(f'{d}/{name}', bits=4)
            elif name.endswith('.jpg'):
                image.save(f'{d}/{name}', quality=90)
            else:
                image.save(f'{d}/{name}')
            back = Image.open(f'{d}/{name}')
            if back.mode == 'P':
                back = back.convert('RGB')
            np.asarray(back).tofile(f'{d}/{name}.raw')
            print(name, back.mode, back.size[0], back.size[1])
        Image.fromarray(rgb[:, :, 0].astype(np.uint16) * 257).save(f'{d}/deep.png')
        """

    @Test("JPEG and PNG (gray, RGB, RGBA, palette) decode to Pillow's exact pixels")
    func decodeMatchesPillow() throws {
        let directory = try DataTestSupport.scratchDirectory("codecs")
        let listing = try DataTestSupport.python(Self.writer, arguments: [directory])
        let lines = listing.split(separator: "\n")
        #expect(lines.count == 7)
        for line in lines {
            let parts = line.split(separator: " ").map(String.init)
            let (name, width, height) = (parts[0], Int(parts[2])!, Int(parts[3])!)
            let image = try ImageFile.read(path: "\(directory)/\(name)")
            let expected = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name).raw"))
            #expect(image.width == width && image.height == height, "\(name) size")
            #expect(image.pixels == [UInt8](expected), "\(name) pixels differ from Pillow's")
            let size = try ImageFile.size(path: "\(directory)/\(name)")
            #expect(size.width == width && size.height == height, "\(name) header size")
        }
    }

    @Test("RGB to gray uses Pillow's luma; gray and RGBA convert to RGB")
    func channelConversion() throws {
        let directory = try DataTestSupport.scratchDirectory("codecs")
        _ = try DataTestSupport.python(Self.writer, arguments: [directory])
        let gray = try DataTestSupport.python(
            "import sys, numpy as np; from PIL import Image; "
                + "print(' '.join(map(str, np.asarray(Image.open(sys.argv[1]).convert('L')).ravel())))",
            arguments: ["\(directory)/rgb.png"])
        let ours = try ImageFile.read(path: "\(directory)/rgb.png").converted(toChannels: 1)
        #expect(ours.pixels.map(String.init).joined(separator: " ") == gray.trimmingCharacters(in: .whitespacesAndNewlines))
        let rgba = try ImageFile.read(path: "\(directory)/rgba.png")
        let rgb = try ImageFile.read(path: "\(directory)/rgb.png")
        #expect(rgba.converted(toChannels: 3) == rgb)
        let grayImage = try ImageFile.read(path: "\(directory)/gray.png")
        #expect(grayImage.converted(toChannels: 3).pixels == grayImage.pixels.flatMap { [$0, $0, $0] })
    }

    @Test("Our PNG and JPEG encoders produce files Pillow reads back")
    func encodersReadByPillow() throws {
        let directory = try DataTestSupport.scratchDirectory("codecs")
        let image = SyntheticKITTI.background(width: 40, height: 24, phase: 3)
        try PNGCodec.encode(image).write(to: URL(fileURLWithPath: directory + "/ours.png"))
        try JPEGCodec.encode(image, quality: 95).write(to: URL(fileURLWithPath: directory + "/ours.jpg"))
        let script = "import sys, numpy as np; from PIL import Image; "
            + "print(' '.join(map(str, np.asarray(Image.open(sys.argv[1])).ravel())))"
        let png = try DataTestSupport.python(script, arguments: [directory + "/ours.png"])
        #expect(png.trimmingCharacters(in: .whitespacesAndNewlines) == image.pixels.map(String.init).joined(separator: " "))
        let jpeg = try DataTestSupport.python(script, arguments: [directory + "/ours.jpg"])
        let ours = try ImageFile.read(path: directory + "/ours.jpg")
        #expect(jpeg.trimmingCharacters(in: .whitespacesAndNewlines) == ours.pixels.map(String.init).joined(separator: " "))
    }

    @Test("16-bit PNGs, truncated files and non-images are errors naming the file")
    func badImages() throws {
        let directory = try DataTestSupport.scratchDirectory("codecs")
        _ = try DataTestSupport.python(Self.writer, arguments: [directory])
        let deep = try #require(throws: DataError.self) { try ImageFile.read(path: "\(directory)/deep.png") }
        #expect(deep.reason.contains("16-bit"))
        for name in ["rgb.png", "rgb420.jpg"] {
            let full = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)"))
            let cut = "\(directory)/cut-\(name)"
            try full.prefix(full.count * 2 / 3).write(to: URL(fileURLWithPath: cut))
            let decodeError = try #require(throws: DataError.self) { try ImageFile.read(path: cut) }
            #expect(decodeError.path == cut)
            let sizeError = try #require(throws: DataError.self) { try ImageFile.size(path: cut) }
            #expect(sizeError.reason.contains("truncated"))
        }
        let text = "\(directory)/notes.png"
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: text))
        let error = try #require(throws: DataError.self) { try ImageFile.read(path: text) }
        #expect(error.path == text && error.reason.contains("signature"))
    }

    /// P2.9 item 3: a 664-byte PNG claiming 100000×100000 aborted inference allocating 30 GB, and a small JPEG
    /// claiming 65000×65000 grew to 10 GB. Both are refused from their headers, naming the file.
    @Test("Images whose header claims more than the pixel limit are errors naming the file, before decoding")
    func oversized() throws {
        let directory = try DataTestSupport.scratchDirectory("codecs")
        _ = try DataTestSupport.python("""
            import io, struct, sys, zlib
            from PIL import Image
            folder = sys.argv[1]
            def chunk(kind, body):
                return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
            header = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
            idat = zlib.compress(b"\\0" * 301)
            open(folder + "/huge.png", "wb").write(b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
            buffer = io.BytesIO(); Image.new("RGB", (8, 8)).save(buffer, "JPEG", quality=90)
            data = bytearray(buffer.getvalue()); at = data.index(b"\\xff\\xc0")
            data[at + 5:at + 9] = struct.pack(">HH", 65000, 65000)
            open(folder + "/huge.jpg", "wb").write(bytes(data))
            """, arguments: [directory])
        for name in ["huge.png", "huge.jpg"] {
            let path = "\(directory)/\(name)"
            let error = try #require(throws: DataError.self) { try ImageFile.read(path: path) }
            #expect(error.path == path && error.reason.contains("more than the limit of 250000000 pixels"), "\(error)")
        }
    }
}
