/// A regulariser of the discriminator. Notation as in `Loss`: D(x) is D's raw output (the logit for
/// the logit losses), ∇ₓ the gradient with respect to D's input, E the batch mean; x ~ data,
/// x̃ = G(z). Penalties are added to L_D only and are differentiated through (second order).
/// A scenario holds at most one regulariser of each `Kind`; the DSL replaces one of the same kind.
public enum Regularizer: Codable, Hashable, Sendable {
    /// Instance noise (Sønderby et al. 2016, arXiv:1610.04490; Arjovsky & Bottou 2017,
    /// arXiv:1701.04862): D sees x + s·ε and x̃ + s·ε', ε, ε' ~ N(0, I) from stream `noise/instance`,
    /// s = std.value(at: t), in every D evaluation of the training losses (D's and G's updates);
    /// evaluations and accuracy curves use clean inputs.
    case instanceNoise(std: ValueSchedule)
    /// L2 penalty on D's weights (Goodfellow et al. 2016, *Deep Learning*, §7.1.1):
    /// L_D += (λ/2)·Σ‖W‖²_F over D's parameters of kind `.weight` (dense and convolution kernels;
    /// not biases or normalisation parameters). Its gradient is λ·W.
    case weightPenalty(weight: Double)
    /// Weight clipping (Arjovsky et al. 2017, arXiv:1701.07875, c = 0.01 there): after every D
    /// optimiser step, every D parameter is clamped to [−c, c].
    case weightClipping(limit: Double)
    /// WGAN-GP (Gulrajani et al. 2017, arXiv:1704.00028): x̂ = εx + (1 − ε)x̃, ε ~ U(0, 1) per sample
    /// from stream `penalty/interpolate` (x and x̃ paired by batch row);
    /// L_D += λ·E[(‖∇ₓD(x̂)‖₂ − target)²], target 1 in the paper.
    case gradientPenalty(weight: Double, target: Double)
    /// R1 (Mescheder et al. 2018, arXiv:1801.04406): L_D += (γ/2)·E_x~data[‖∇ₓD(x)‖²].
    case r1(gamma: Double)
    /// R2 (Mescheder et al. 2018, arXiv:1801.04406): L_D += (γ/2)·E_x̃[‖∇ₓD(x̃)‖²].
    case r2(gamma: Double)
    /// Roth et al. 2017 (arXiv:1705.09367), the regulariser for the standard (Jensen-Shannon) GAN
    /// derived from noise-convolved training: with ψ = D's logit and φ = σ(ψ),
    /// Ω = E_x~data[(1 − φ(x))²·‖∇ₓψ(x)‖²] + E_x̃[φ(x̃)²·‖∇ₓψ(x̃)‖²], L_D += (γ(t)/2)·Ω.
    /// Defined for the logit losses (minimax, non-saturating) only.
    case roth(gamma: ValueSchedule)
    /// Spectral normalisation (Miyato et al. 2018, arXiv:1802.05957): in every forward pass, each D
    /// parameter of kind `.weight` is used as W / σ̂(W), W viewed as a matrix [first axis, rest]
    /// (for dense, W `[in, out]` transposed to [out, in]); σ̂ is estimated by `powerIterations` steps
    /// of power iteration per D update, with a persistent vector u per weight initialised from
    /// N(0, I) on stream `init/D` and normalised; gradients do not flow through u and v.
    case spectralNorm(powerIterations: Int)

    /// The kind of a regulariser; one per kind in a scenario.
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        case instanceNoise, weightPenalty, weightClipping, gradientPenalty, r1, r2, roth, spectralNorm
    }

    public var kind: Kind {
        switch self {
        case .instanceNoise: return .instanceNoise
        case .weightPenalty: return .weightPenalty
        case .weightClipping: return .weightClipping
        case .gradientPenalty: return .gradientPenalty
        case .r1: return .r1
        case .r2: return .r2
        case .roth: return .roth
        case .spectralNorm: return .spectralNorm
        }
    }
}

extension Regularizer.Kind {
    /// The name used in messages.
    public var displayName: String {
        switch self {
        case .instanceNoise: return "instance noise"
        case .weightPenalty: return "weight penalty"
        case .weightClipping: return "weight clipping"
        case .gradientPenalty: return "gradient penalty"
        case .r1: return "R1 penalty"
        case .r2: return "R2 penalty"
        case .roth: return "Roth et al. regulariser"
        case .spectralNorm: return "spectral normalisation"
        }
    }
}
