/// The adversarial objective. Write D(x) for the discriminator's raw output (one number per sample,
/// no final sigmoid), σ for the logistic sigmoid, x ~ data and x̃ = G(z), z ~ latent; E is the batch
/// mean. Both networks minimise their own loss. Softplus form for stability: −log σ(t) = softplus(−t),
/// −log(1 − σ(t)) = softplus(t).
public enum Loss: String, Codable, Hashable, Sendable, CaseIterable {
    /// The original minimax game (Goodfellow et al. 2014, arXiv:1406.2661):
    /// L_D = −E[log σ(D(x))] − E[log(1 − σ(D(x̃)))], L_G = E[log(1 − σ(D(x̃)))] = −L_D's fake term.
    /// L_G saturates (its gradient vanishes) when D rejects fakes confidently.
    case minimax
    /// The "modified minimax" generator loss of the same paper, §3: L_D as in `minimax`,
    /// L_G = −E[log σ(D(x̃))]; strong gradients exactly when D rejects fakes.
    case nonSaturating
    /// Wasserstein GAN (Arjovsky et al. 2017, arXiv:1701.07875): D is a critic,
    /// L_D = E[D(x̃)] − E[D(x)], L_G = −E[D(x̃)]. Needs a Lipschitz constraint on D (weight clipping,
    /// a gradient penalty or spectral normalisation).
    case wasserstein
    /// Hinge loss (Lim & Ye 2017, arXiv:1705.02894; Miyato et al. 2018, arXiv:1802.05957):
    /// L_D = E[max(0, 1 − D(x))] + E[max(0, 1 + D(x̃))], L_G = −E[D(x̃)].
    case hinge
    /// Least squares GAN (Mao et al. 2016, arXiv:1611.04076, targets a = 0, b = c = 1):
    /// L_D = ½E[(D(x) − 1)²] + ½E[D(x̃)²], L_G = ½E[(D(x̃) − 1)²].
    case leastSquares

    /// The threshold on D's raw output above which a sample counts as classified "real" for D's
    /// accuracy curves: 0 for the logit losses (σ(t) > ½), the hinge and the critic; ½, midway
    /// between the targets 0 and 1, for least squares.
    public var decisionThreshold: Double { self == .leastSquares ? 0.5 : 0 }

    /// True when D's output is read as a logit passed through σ inside the loss.
    public var expectsLogits: Bool { self == .minimax || self == .nonSaturating }

    /// The name used in messages.
    public var displayName: String {
        switch self {
        case .minimax: return "minimax"
        case .nonSaturating: return "non-saturating"
        case .wasserstein: return "Wasserstein"
        case .hinge: return "hinge"
        case .leastSquares: return "least-squares"
        }
    }
}
