import Foundation

/// One stable color per class for annotated images.
///
/// TAO draws each class in a random color (`np.random.randint(0, 255, 3)` per class); here class `i` of
/// the sorted class list gets the hue `i × 0.618034` (the golden-ratio sequence, so neighbouring classes
/// differ strongly) at saturation 0.85 and value 0.95. The same class list always gives the same colors.
public struct ClassColorPalette: Sendable {
    private let colors: [String: RGBColor]

    /// Assigns colors to the class names (duplicates ignored; order does not matter).
    public init(classNames: [String]) {
        var colors: [String: RGBColor] = [:]
        for (index, name) in Set(classNames).sorted().enumerated() {
            colors[name] = Self.color(index: index)
        }
        self.colors = colors
    }

    /// The color of `className`; a name outside the list gets black.
    public func color(for className: String) -> RGBColor {
        colors[className] ?? .black
    }

    /// HSV (hue `index × 0.618034` mod 1, saturation 0.85, value 0.95) to RGB.
    static func color(index: Int) -> RGBColor {
        let hue = (Double(index) * 0.618_033_988_749_895).truncatingRemainder(dividingBy: 1) * 6
        let (saturation, value) = (0.85, 0.95)
        let sector = Int(hue) % 6
        let fraction = hue - Double(Int(hue))
        let p = value * (1 - saturation)
        let q = value * (1 - saturation * fraction)
        let t = value * (1 - saturation * (1 - fraction))
        let (r, g, b) = [(value, t, p), (q, value, p), (p, value, t), (p, q, value), (t, p, value), (value, p, q)][sector]
        func byte(_ channel: Double) -> UInt8 { UInt8((channel * 255).rounded()) }
        return RGBColor(red: byte(r), green: byte(g), blue: byte(b))
    }
}
