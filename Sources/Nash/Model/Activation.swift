/// Elementwise nonlinearities, applied to every coordinate of their input.
public enum Activation: Codable, Hashable, Sendable {
    /// max(0, x) (Nair & Hinton 2010). The derivative at 0 is taken as 0.
    case relu
    /// x if x > 0, else α·x (Maas et al. 2013). DCGAN's discriminator uses α = 0.2
    /// (Radford et al. 2015, arXiv:1511.06434), hence the default of `leakyReLU(_:)`.
    case leakyReLU(slope: Double)
    /// tanh(x).
    case tanh
    /// 1 / (1 + e^(−x)). As the last layer of a discriminator it turns logits into probabilities,
    /// which the logit-based losses do not want (see `Loss`).
    case sigmoid
    /// x if x > 0, else α·(eˣ − 1) (Clevert et al. 2015, arXiv:1511.07289; α = 1 there).
    case elu(alpha: Double)
    /// ln(1 + eˣ), computed stably as max(x, 0) + ln(1 + e^(−|x|)).
    case softplus

    /// LeakyReLU with slope α for x < 0; default 0.2 as in DCGAN.
    public static func leakyReLU(_ slope: Double = 0.2) -> Activation { .leakyReLU(slope: slope) }
    /// ELU with α = 1 unless given, as in Clevert et al.
    public static func elu(_ alpha: Double = 1) -> Activation { .elu(alpha: alpha) }

    /// A short name for messages and parameter paths.
    public var name: String {
        switch self {
        case .relu: return "relu"
        case .leakyReLU: return "leaky_relu"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .elu: return "elu"
        case .softplus: return "softplus"
        }
    }
}
