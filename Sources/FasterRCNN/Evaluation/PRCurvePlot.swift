import CCairo
import Foundation

/// `PR_curve.png`: TAO's precision-recall plot (one line per class, titled "Precision-Recall curve",
/// axes "Recall" and "Precision", a grid and a legend), drawn with Cairo instead of matplotlib.
///
/// Geometry (fixed, so the picture is comparable between runs): 640×480 pixels, like matplotlib's default
/// figure; the axes box spans x 70…620 and y 40…425; both axes show −0.05…1.05 (matplotlib's 5% margin
/// around 0…1) with ticks and grid lines every 0.2. A data point (r, p) lands at
/// `x = 70 + (r + 0.05) / 1.1 × 550`, `y = 425 − (p + 0.05) / 1.1 × 385`. Lines are 2 px wide in
/// matplotlib's `tab10` colors, in class order; the legend sits in the lower-left corner of the axes.
public enum PRCurvePlot {
    /// Image size.
    public static let size = (width: 640, height: 480)
    /// The axes box in pixels: left, top, right, bottom.
    public static let axes = (left: 70.0, top: 40.0, right: 620.0, bottom: 425.0)
    /// The data range shown on both axes.
    public static let range = (lower: -0.05, upper: 1.05)
    /// matplotlib's default color cycle (`tab10`).
    public static let colors: [RGBColor] = [
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    ].map { RGBColor(red: UInt8($0 >> 16), green: UInt8(($0 >> 8) & 0xFF), blue: UInt8($0 & 0xFF)) }

    /// The plot of one TAO result: one line per class, from the given IoU threshold's curves.
    public static func render(_ threshold: TAOThresholdResult) throws -> RGBPixelBuffer {
        try render(curves: threshold.classes.map { ($0.className, $0.curve) })
    }

    /// The plot of named curves, in the given order.
    public static func render(curves: [(name: String, curve: PRCurve)]) throws -> RGBPixelBuffer {
        try draw(curves).pixels()
    }

    /// Encodes the plot as PNG and writes it atomically to `url` (TAO: `PR_curve.png` beside the model).
    public static func write(_ threshold: TAOThresholdResult, to url: URL) throws {
        let canvas = try draw(threshold.classes.map { ($0.className, $0.curve) })
        try AtomicFile.write(canvas.pngData(), to: url.path, mode: .replace)
    }

    static func point(recall: Double, precision: Double) -> (x: Double, y: Double) {
        let span = range.upper - range.lower
        return (
            axes.left + (recall - range.lower) / span * (axes.right - axes.left),
            axes.bottom - (precision - range.lower) / span * (axes.bottom - axes.top)
        )
    }

    private static func draw(_ curves: [(name: String, curve: PRCurve)]) throws -> CairoCanvas {
        let canvas = try CairoCanvas(width: size.width, height: size.height, background: .white)
        let cr = canvas.context
        cairo_set_line_width(cr, 1)
        let ticks = stride(from: 0.0, through: 1.0001, by: 0.2).map { $0 }
        // Grid.
        canvas.setColor(RGBColor(red: 0xB0, green: 0xB0, blue: 0xB0))
        for tick in ticks {
            let p = point(recall: tick, precision: tick)
            cairo_move_to(cr, p.x.rounded() + 0.5, axes.top)
            cairo_line_to(cr, p.x.rounded() + 0.5, axes.bottom)
            cairo_move_to(cr, axes.left, p.y.rounded() + 0.5)
            cairo_line_to(cr, axes.right, p.y.rounded() + 0.5)
        }
        cairo_stroke(cr)
        // Curves, clipped to the axes.
        cairo_save(cr)
        cairo_rectangle(cr, axes.left, axes.top, axes.right - axes.left, axes.bottom - axes.top)
        cairo_clip(cr)
        cairo_set_line_width(cr, 2)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        for (index, entry) in curves.enumerated() {
            canvas.setColor(colors[index % colors.count])
            for (pointIndex, (r, p)) in zip(entry.curve.recall, entry.curve.precision).enumerated() {
                let xy = point(recall: r, precision: p)
                if pointIndex == 0 { cairo_move_to(cr, xy.x, xy.y) } else { cairo_line_to(cr, xy.x, xy.y) }
            }
            cairo_stroke(cr)
        }
        cairo_restore(cr)
        drawFrame(canvas, ticks: ticks)
        drawLegend(canvas, names: curves.map(\.name))
        return canvas
    }

    private static func drawFrame(_ canvas: CairoCanvas, ticks: [Double]) {
        let cr = canvas.context
        canvas.setColor(.black)
        cairo_set_line_width(cr, 1)
        cairo_rectangle(cr, axes.left + 0.5, axes.top + 0.5, axes.right - axes.left, axes.bottom - axes.top)
        for tick in ticks {
            let p = point(recall: tick, precision: tick)
            cairo_move_to(cr, p.x.rounded() + 0.5, axes.bottom)
            cairo_line_to(cr, p.x.rounded() + 0.5, axes.bottom + 5)
            cairo_move_to(cr, axes.left - 5, p.y.rounded() + 0.5)
            cairo_line_to(cr, axes.left, p.y.rounded() + 0.5)
        }
        cairo_stroke(cr)
        for tick in ticks {
            let label = String(format: "%.1f", tick)
            let p = point(recall: tick, precision: tick)
            let measured = canvas.text(label, x: 0, y: 0, size: 11, draw: false)
            canvas.text(label, x: p.x - measured.width / 2, y: axes.bottom + 8, size: 11)
            canvas.text(label, x: axes.left - 8 - measured.width, y: p.y - measured.height / 2, size: 11)
        }
        let xLabel = canvas.text("Recall", x: 0, y: 0, size: 12, draw: false)
        canvas.text("Recall", x: (axes.left + axes.right - xLabel.width) / 2, y: axes.bottom + 26, size: 12)
        let title = canvas.text("Precision-Recall curve", x: 0, y: 0, size: 14, draw: false)
        canvas.text("Precision-Recall curve", x: (axes.left + axes.right - title.width) / 2, y: 12, size: 14)
        let yLabel = canvas.text("Precision", x: 0, y: 0, size: 12, draw: false)
        cairo_save(cr)
        cairo_translate(cr, 14, (axes.top + axes.bottom + yLabel.width) / 2)
        cairo_rotate(cr, -Double.pi / 2)
        canvas.text("Precision", x: 0, y: 0, size: 12)
        cairo_restore(cr)
    }

    private static func drawLegend(_ canvas: CairoCanvas, names: [String]) {
        guard !names.isEmpty else { return }
        let cr = canvas.context
        let lineHeight = 16.0
        let textWidth = names.map { canvas.text($0, x: 0, y: 0, size: 11, draw: false).width }.max() ?? 0
        let box = (
            x: axes.left + 10, y: axes.bottom - 10 - lineHeight * Double(names.count) - 8,
            width: 38 + textWidth, height: lineHeight * Double(names.count) + 8
        )
        canvas.setColor(.white)
        cairo_rectangle(cr, box.x, box.y, box.width, box.height)
        cairo_fill_preserve(cr)
        canvas.setColor(RGBColor(red: 0xCC, green: 0xCC, blue: 0xCC))
        cairo_set_line_width(cr, 1)
        cairo_stroke(cr)
        for (index, name) in names.enumerated() {
            let rowTop = box.y + 4 + lineHeight * Double(index)
            canvas.setColor(colors[index % colors.count])
            cairo_set_line_width(cr, 2)
            cairo_move_to(cr, box.x + 6, rowTop + lineHeight / 2)
            cairo_line_to(cr, box.x + 30, rowTop + lineHeight / 2)
            cairo_stroke(cr)
            canvas.setColor(.black)
            canvas.text(name, x: box.x + 34, y: rowTop + 1, size: 11)
        }
    }
}
