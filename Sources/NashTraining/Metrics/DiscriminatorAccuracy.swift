/// The adversarial loss a run trains with, as far as metrics and diagnosis need to know it.
public enum AdversarialLossKind: String, Codable, Sendable, CaseIterable {
    /// Saturating minimax, D outputs a logit (Goodfellow et al. 2014, arXiv:1406.2661).
    case minimax
    /// Non-saturating ("modified minimax") G loss, D outputs a logit (same paper, §3).
    case nonSaturating = "non_saturating"
    /// Wasserstein critic, an unbounded score (Arjovsky et al. 2017, arXiv:1701.07875).
    case wasserstein
    /// Hinge loss, D trained towards ≥ +1 on real and ≤ −1 on fake (Lim & Ye 2017, arXiv:1705.02894).
    case hinge
    /// Least squares with targets 1 (real) and 0 (fake) (Mao et al. 2017, arXiv:1611.04076, a=0, b=c=1).
    case leastSquares = "least_squares"
}

/// How a discriminator output is turned into a real/fake decision: "real" iff output > ``threshold``.
public enum DecisionRule: Equatable, Sendable {
    /// Outputs are logits: real iff logit > 0, i.e. sigmoid(logit) > 1/2.
    case logit
    /// Outputs are probabilities of "real": real iff p > 1/2.
    case probability
    /// Raw scores with an explicit threshold.
    case threshold(Double)

    /// The decision threshold on the raw output.
    public var threshold: Double {
        switch self {
        case .logit: 0
        case .probability: 0.5
        case .threshold(let t): t
        }
    }

    /// The rule for D's raw output under each loss, or nil where accuracy is undefined:
    /// minimax and non-saturating → logit (0); hinge → 0, the midpoint of its margins ±1;
    /// least squares → 0.5, the midpoint of its targets 0 and 1; Wasserstein → nil.
    ///
    /// NB: a Wasserstein critic is defined only up to an additive constant (the loss E[f(real)] −
    /// E[f(fake)] does not change when f shifts), so no fixed threshold means anything and its accuracy
    /// is undefined. Use the critic's Wasserstein estimate (mean D/real − mean D/fake) instead.
    public static func forLoss(_ loss: AdversarialLossKind) -> DecisionRule? {
        switch loss {
        case .minimax, .nonSaturating: .logit
        case .hinge: .threshold(0)
        case .leastSquares: .threshold(0.5)
        case .wasserstein: nil
        }
    }
}

/// D's accuracy on a batch of real and a batch of fake examples.
///
/// An example is called real iff its output is above the rule's threshold. An output exactly at the
/// threshold (D undecided, e.g. logit 0) counts as half right: a D that always outputs 1/2 then scores
/// exactly 50%, the coin flip it is, rather than 0%.
public struct DiscriminatorAccuracy: Codable, Equatable, Sendable {
    /// Fraction of real examples called real, in [0, 1].
    public let real: Double
    /// Fraction of fake examples called fake, in [0, 1].
    public let fake: Double
    /// Fraction of all examples classified correctly: (real·n_real + fake·n_fake) / (n_real + n_fake).
    public let overall: Double

    /// Accuracy from D's raw outputs on real and fake examples (each non-empty). NaN outputs count as wrong.
    public init(realOutputs: [Double], fakeOutputs: [Double], rule: DecisionRule) {
        precondition(!realOutputs.isEmpty && !fakeOutputs.isEmpty,
                     "DiscriminatorAccuracy: needs at least one real and one fake output")
        let t = rule.threshold
        func correct(_ outputs: [Double], realIsAbove: Bool) -> Double {
            var score = 0.0
            for o in outputs {
                if o == t { score += 0.5 } else if (o > t) == realIsAbove && !o.isNaN { score += 1 }
            }
            return score
        }
        let r = correct(realOutputs, realIsAbove: true)
        let f = correct(fakeOutputs, realIsAbove: false)
        real = r / Double(realOutputs.count)
        fake = f / Double(fakeOutputs.count)
        overall = (r + f) / Double(realOutputs.count + fakeOutputs.count)
    }

    /// The values recorded per curve step, keyed by their run-file names (``SeriesName``).
    public var recorded: [String: Double] {
        [SeriesName.dAccuracy: overall, SeriesName.dAccuracyReal: real, SeriesName.dAccuracyFake: fake]
    }
}
