/// The random spatial and colour augmentation of DetectNet_v2's data loader, which TAO's FasterRCNN uses.
///
/// Spatial maps compose as `preprocessing · flip · rotation · zoom · translation` (applied in that order,
/// TAO's `get_random_spatial_transformation_matrix`); colour maps as `hue/saturation · contrast ·
/// brightness` (TAO's `get_random_color_transformation_matrix`). Random draws come from
/// `AugmentationRandom`, so they are reproducible but not TensorFlow's numbers.
public struct RandomAugmentation: Equatable, Sendable {
    /// Probability of a left-right flip, in [0, 1].
    public var horizontalFlipProbability: Double = 0
    /// Zoom ratio range; a ratio above 1 enlarges the content. `1...1` disables zoom.
    public var zoomMin: Double = 1, zoomMax: Double = 1
    /// Largest translation in whole pixels; each axis draws an integer in `-max...max`.
    public var translateMaxX: Int = 0, translateMaxY: Int = 0
    /// Largest rotation in radians (uniform in `-max...max`).
    public var rotateRadiansMax: Double = 0
    /// Probability that a rotation is drawn at all.
    public var rotateProbability: Double = 1
    /// Standard deviation of the per-channel brightness offset (TAO's `color_shift_stddev`; colours in [0, 1]).
    public var colorShiftStandardDeviation: Double = 0
    /// Hue rotation scale in degrees (truncated normal, standard deviation `max / 2`).
    public var hueRotationMax: Double = 0
    /// Saturation shift: the multiplier is `1 + uniform(-max, max)`.
    public var saturationShiftMax: Double = 0
    /// Contrast scale (truncated normal, standard deviation `max / 2`); 0 is off.
    public var contrastScaleMax: Double = 0
    /// Contrast pivot for colours in [0, 1]; 0.5 is neutral.
    public var contrastCenter: Double = 0.5

    public init() {}

    /// Draws the spatial map for a `width`×`height` canvas and appends it to `preprocessing`.
    public func spatialTransform(width: Int, height: Int, after preprocessing: AffineTransform,
                                 random: inout AugmentationRandom) -> AffineTransform {
        let w = Double(width), h = Double(height)
        var transform = preprocessing
        if random.chance(horizontalFlipProbability) { transform = transform.then(.horizontalFlip(width: w)) }
        if rotateRadiansMax != 0, random.chance(rotateProbability) {
            let angle = random.uniform(-rotateRadiansMax, rotateRadiansMax)
            transform = transform.then(.rotation(angle, width: w, height: h))
        }
        if zoomMin != 1 || zoomMax != 1 {
            let ratio = random.uniform(zoomMin, zoomMax)
            let shiftX = random.uniform(0, w - w / ratio), shiftY = random.uniform(0, h - h / ratio)
            transform = transform.then(.translation(x: -shiftX, y: -shiftY)).then(.scale(x: ratio, y: ratio))
        }
        if translateMaxX != 0 || translateMaxY != 0 {
            let x = random.integer(-translateMaxX, translateMaxX), y = random.integer(-translateMaxY, translateMaxY)
            transform = transform.then(.translation(x: Double(x), y: Double(y)))
        }
        return transform
    }

    /// Draws the colour map (for 3-channel images only, as in TAO).
    public func colorTransform(random: inout AugmentationRandom) -> ColorTransform {
        let hue = random.truncatedNormal(mean: 0, standardDeviation: hueRotationMax / 2)
        let saturation = 1 + random.uniform(-saturationShiftMax, saturationShiftMax)
        let contrast = random.truncatedNormal(mean: 0, standardDeviation: contrastScaleMax / 2)
        let offsets = (0..<3).map { _ in random.truncatedNormal(mean: 0, standardDeviation: colorShiftStandardDeviation) }
        return ColorTransform.hueSaturation(hue: hue, saturation: saturation)
            .then(.contrast(contrast, center: contrastCenter))
            .then(.brightness(offsets: offsets))
    }

    /// Whether any colour augmentation is configured.
    public var changesColor: Bool {
        colorShiftStandardDeviation != 0 || hueRotationMax != 0 || saturationShiftMax != 0 || contrastScaleMax != 0
    }
}
