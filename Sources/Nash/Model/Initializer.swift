/// How a parameter tensor is filled before training, from the run's `init/G` or `init/D` stream.
///
/// fan_in and fan_out are those of `ParameterSpec` (for a dense weight `[in, out]`: in and out; for a
/// convolution kernel: channels × kernel area on each side). Every scenario value names its
/// initialiser explicitly; the DSL's defaults are stated on each layer.
public enum Initializer: Codable, Hashable, Sendable {
    /// U(−a, a) with a = √(6 / (fan_in + fan_out)) (Glorot & Bengio 2010, AISTATS).
    case glorotUniform
    /// N(0, s²) with s = √(2 / (fan_in + fan_out)), not truncated (Glorot & Bengio 2010).
    case glorotNormal
    /// U(−a, a) with a = √(6 / fan_in) (He et al. 2015, arXiv:1502.01852, for ReLU).
    case heUniform
    /// N(0, s²) with s = √(2 / fan_in), not truncated (He et al. 2015, arXiv:1502.01852).
    case heNormal
    /// A (semi-)orthogonal matrix times `gain` (Saxe et al. 2013, arXiv:1312.6120): view the tensor as
    /// a matrix of shape [first axis, product of the others], draw a Gaussian matrix of that shape,
    /// take Q of its QR decomposition (of the transpose when it is wide) with the signs of R's
    /// diagonal folded in, so that rows or columns, whichever are fewer, are orthonormal.
    case orthogonal(gain: Double)
    /// N(0, std²), not truncated.
    case normal(std: Double)
    /// U(−limit, limit).
    case uniform(limit: Double)
    /// Every entry equal to `value`.
    case constant(value: Double)

    /// All zeros, the usual bias initialiser.
    public static var zeros: Initializer { .constant(value: 0) }
    /// All ones.
    public static var ones: Initializer { .constant(value: 1) }
    /// Every entry equal to `value`.
    public static func constant(_ value: Double) -> Initializer { .constant(value: value) }
    /// Orthogonal with gain 1.
    public static var orthogonal: Initializer { .orthogonal(gain: 1) }
    /// Orthogonal with the given gain.
    public static func orthogonal(_ gain: Double) -> Initializer { .orthogonal(gain: gain) }

    /// The distribution's name, for messages.
    public var name: String {
        switch self {
        case .glorotUniform: return "glorot uniform"
        case .glorotNormal: return "glorot normal"
        case .heUniform: return "he uniform"
        case .heNormal: return "he normal"
        case .orthogonal: return "orthogonal"
        case .normal: return "normal"
        case .uniform: return "uniform"
        case .constant: return "constant"
        }
    }
}
