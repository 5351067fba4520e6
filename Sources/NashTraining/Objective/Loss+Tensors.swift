import Nash
import NashEngine

/// The five adversarial objectives of `Nash.Loss` on D's raw outputs, exactly as documented there.
/// `real` = D(x) and `fake` = D(x̃) are `[B, 1]` (any shape works: E is the mean of all elements).
/// Logit losses use softplus: −log σ(t) = softplus(−t), −log(1 − σ(t)) = softplus(t).
extension Loss {
    /// L_D, minimised by D.
    /// - minimax, non-saturating: E[softplus(−D(x))] + E[softplus(D(x̃))]
    /// - Wasserstein: E[D(x̃)] − E[D(x)]
    /// - hinge: E[max(0, 1 − D(x))] + E[max(0, 1 + D(x̃))]
    /// - least squares: ½E[(D(x) − 1)²] + ½E[D(x̃)²]
    public func discriminatorLoss(real: Tensor, fake: Tensor) -> Tensor {
        switch self {
        case .minimax, .nonSaturating:
            return (-real).softplus().mean() + fake.softplus().mean()
        case .wasserstein:
            return fake.mean() - real.mean()
        case .hinge:
            return (1 - real).relu().mean() + (1 + fake).relu().mean()
        case .leastSquares:
            return (real - 1).squared().mean() * 0.5 + fake.squared().mean() * 0.5
        }
    }

    /// L_G, minimised by G.
    /// - minimax: E[log(1 − σ(D(x̃)))] = −E[softplus(D(x̃))] (saturates when D rejects fakes)
    /// - non-saturating: −E[log σ(D(x̃))] = E[softplus(−D(x̃))]
    /// - Wasserstein, hinge: −E[D(x̃)]
    /// - least squares: ½E[(D(x̃) − 1)²]
    public func generatorLoss(fake: Tensor) -> Tensor {
        switch self {
        case .minimax: return -fake.softplus().mean()
        case .nonSaturating: return (-fake).softplus().mean()
        case .wasserstein, .hinge: return -fake.mean()
        case .leastSquares: return (fake - 1).squared().mean() * 0.5
        }
    }

    /// The kind the metrics and the diagnosis know this loss by.
    public var adversarialKind: AdversarialLossKind {
        switch self {
        case .minimax: return .minimax
        case .nonSaturating: return .nonSaturating
        case .wasserstein: return .wasserstein
        case .hinge: return .hinge
        case .leastSquares: return .leastSquares
        }
    }
}
