import CCairo
import Foundation

/// A Cairo image surface with its drawing context, converted from and to ``RGBPixelBuffer`` and encoded
/// as PNG in memory (so that files can be written atomically).
final class CairoCanvas {
    let surface: OpaquePointer
    let context: OpaquePointer
    let width: Int
    let height: Int

    /// A surface of the given size filled with `background`.
    init(width: Int, height: Int, background: RGBColor) throws {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)),
            cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS
        else { throw ImageOutputError.cairo("cannot create a \(width)x\(height) surface") }
        guard let context = cairo_create(surface), cairo_status(context) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw ImageOutputError.cairo("cannot create a drawing context")
        }
        (self.surface, self.context, self.width, self.height) = (surface, context, width, height)
        setColor(background)
        cairo_paint(context)
    }

    /// A surface holding a copy of `image`.
    convenience init(_ image: RGBPixelBuffer) throws {
        try self.init(width: image.width, height: image.height, background: .black)
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw ImageOutputError.cairo("no pixel data") }
        for y in 0..<height {
            let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let color = image.pixel(x: x, y: y)
                row[x] = 0xFF00_0000 | UInt32(color.red) << 16 | UInt32(color.green) << 8 | UInt32(color.blue)
            }
        }
        cairo_surface_mark_dirty(surface)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    func setColor(_ color: RGBColor) {
        cairo_set_source_rgb(context, Double(color.red) / 255, Double(color.green) / 255, Double(color.blue) / 255)
    }

    /// Draws `text` with its top-left corner at (x, y) and returns its width and height.
    @discardableResult
    func text(_ text: String, x: Double, y: Double, size: Double, bold: Bool = false, draw: Bool = true) -> (width: Double, height: Double) {
        cairo_select_font_face(context, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
        var font = cairo_font_extents_t()
        cairo_font_extents(context, &font)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        if draw {
            cairo_move_to(context, x, y + font.ascent)
            cairo_show_text(context, text)
        }
        return (extents.x_advance, font.ascent + font.descent)
    }

    /// The pixels as an ``RGBPixelBuffer``.
    func pixels() throws -> RGBPixelBuffer {
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw ImageOutputError.cairo("no pixel data") }
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let value = row[x]
                let offset = 3 * (y * width + x)
                bytes[offset] = UInt8(truncatingIfNeeded: value >> 16)
                bytes[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
                bytes[offset + 2] = UInt8(truncatingIfNeeded: value)
            }
        }
        return try RGBPixelBuffer(width: width, height: height, bytes: bytes)
    }

    /// The surface encoded as PNG.
    func pngData() throws -> Data {
        final class Sink { var data = Data() }
        let sink = Sink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, { closure, bytes, length in
                guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ImageOutputError.cairo("PNG encoding failed: \(String(cString: cairo_status_to_string(status)))")
        }
        return sink.data
    }
}

extension RGBPixelBuffer {
    /// The image encoded as PNG (8-bit RGB) by Cairo.
    public func pngData() throws -> Data {
        try CairoCanvas(self).pngData()
    }
}
