import CCairo
import Foundation

/// Draws detections onto an image as TAO's `inference` does: a 1-pixel rectangle outline per detection in
/// its class color, and optionally (`bbox_caption_on`) a white box at the rectangle's top-left corner
/// holding the black text `"<class>: <score, 4 decimals>"`.
///
/// Box convention: ``PixelBox`` in original-image pixels, inclusive on all sides (PIL's `rectangle`): the
/// outline covers exactly columns `x1` and `x2` of rows `y1...y2`, and rows `y1` and `y2` of columns
/// `x1...x2`. Use ``OriginalImageMapping/drawingBox(_:)`` to get TAO's rounding and clipping. The caption
/// is sized to its text (TAO uses a fixed 100×10 box that PIL's default font overflows).
public struct DetectionImageRenderer: Sendable {
    /// The class colors.
    public var palette: ClassColorPalette
    /// Whether to draw the `class: score` caption.
    public var drawsCaptions: Bool

    /// Creates a renderer.
    public init(palette: ClassColorPalette, drawsCaptions: Bool) {
        self.palette = palette
        self.drawsCaptions = drawsCaptions
    }

    /// One detection to draw.
    public struct Item: Sendable {
        /// Where, in original-image pixels.
        public var box: PixelBox
        /// The class name (selects the color and starts the caption).
        public var className: String
        /// The score shown in the caption.
        public var score: Double

        /// Creates an item.
        public init(box: PixelBox, className: String, score: Double) {
            self.box = box
            self.className = className
            self.score = score
        }
    }

    /// The caption TAO writes: `"<class>: <score .4f>"`.
    public static func caption(className: String, score: Double) -> String {
        "\(className): \(String(format: "%.4f", score))"
    }

    /// A copy of `image` with the items drawn in order (later ones on top).
    public func render(_ items: [Item], on image: RGBPixelBuffer) throws -> RGBPixelBuffer {
        let canvas = try CairoCanvas(image)
        let cr = canvas.context
        // Shapes on whole pixels; text (set by font options) stays antialiased.
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE)
        cairo_set_line_width(cr, 1)
        for item in items {
            let box = item.box
            canvas.setColor(palette.color(for: item.className))
            cairo_rectangle(cr, Double(box.x1) + 0.5, Double(box.y1) + 0.5, Double(box.x2 - box.x1), Double(box.y2 - box.y1))
            cairo_stroke(cr)
            guard drawsCaptions else { continue }
            let text = Self.caption(className: item.className, score: item.score)
            let size = canvas.text(text, x: 0, y: 0, size: 11, draw: false)
            canvas.setColor(.white)
            cairo_rectangle(cr, Double(box.x1), Double(box.y1), (size.width + 4).rounded(.up), (size.height + 2).rounded(.up))
            cairo_fill(cr)
            canvas.setColor(.black)
            canvas.text(text, x: Double(box.x1) + 2, y: Double(box.y1) + 1, size: 11)
        }
        return try canvas.pixels()
    }
}
