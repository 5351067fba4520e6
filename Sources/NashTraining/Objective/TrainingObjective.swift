import Nash
import NashEngine

/// A scenario's loss and regularisers, assembled into the two training losses of one minibatch step.
///
/// L_D = the adversarial L_D + every additive penalty (weight penalty, WGAN-GP, R1, R2, Roth), with
/// instance noise on D's inputs; L_G = the adversarial L_G on noisy fakes. Weight clipping and
/// spectral normalisation act on D's parameters, not on the loss (see `clip` and `SpectralNorm`).
/// Penalties are evaluated on the inputs D sees in that loss (noisy ones under instance noise).
public struct TrainingObjective {
    public let loss: Loss
    public let regularizers: [Regularizer]

    public init(loss: Loss, regularizers: [Regularizer]) {
        self.loss = loss
        self.regularizers = regularizers
    }

    /// The random numbers one loss evaluation consumes, drawn by the caller from named streams.
    public struct Draws {
        /// Unit normals for instance noise: the first half for the real batch, the second for the fake
        /// batch (stream `noise/instance`), or nil without instance noise.
        public var noise: [Float]?
        /// ε ∈ [0, 1) per sample for WGAN-GP (stream `penalty/interpolate`), or nil without it.
        public var interpolation: [Float]?

        public init(noise: [Float]? = nil, interpolation: [Float]? = nil) {
            self.noise = noise
            self.interpolation = interpolation
        }
    }

    /// The terms of L_D at one step.
    public struct DiscriminatorTerms {
        /// L_D + penalties: what D's optimiser minimises.
        public var total: Tensor
        /// The adversarial L_D alone (recorded as `loss/D`).
        public var adversarial: Tensor
        /// Each active penalty by its curve name (`weight_penalty`, `gradient_penalty`, `r1`, `r2`, `roth`).
        public var penalties: [(name: String, value: Tensor)]
        /// D on the (noisy) real and fake batches, `[B, 1]`.
        public var realOutput: Tensor
        public var fakeOutput: Tensor
        /// The inputs D saw.
        public var realInput: Tensor
        public var fakeInput: Tensor
    }

    /// σ of instance noise at round t, or nil without it.
    public func noiseStd(round: Int) -> Double? {
        for case .instanceNoise(let std) in regularizers { return std.value(at: round) }
        return nil
    }

    /// Whether D's training inputs get instance noise.
    public var hasInstanceNoise: Bool { regularizers.contains { $0.kind == .instanceNoise } }

    /// Whether this objective draws the WGAN-GP interpolation.
    public var interpolates: Bool { regularizers.contains { $0.kind == .gradientPenalty } }

    /// The weight-clipping limit c, if clipping is on.
    public var clipLimit: Double? {
        for case .weightClipping(let limit) in regularizers { return limit }
        return nil
    }

    /// x + s·ε for the `half`-th half of the noise draws (0 real, 1 fake); x unchanged without noise.
    func noisy(_ x: Tensor, _ draws: Draws, half: Int, round: Int) -> Tensor {
        guard let s = noiseStd(round: round), let noise = draws.noise else { return x }
        let n = x.count
        precondition(noise.count == 2 * n, "instance noise needs \(2 * n) draws, got \(noise.count)")
        let scaled = noise[(half * n)..<((half + 1) * n)].map { Float(s) * $0 }
        return x + Tensor(shape: x.shape, scalars: scaled)
    }

    /// L_D and its parts. `critic` is D on its effective parameters; `weights` are D's raw parameters of
    /// kind `.weight` (for the weight penalty); `real` and `fake` are clean batches (a `fake` with a
    /// graph to G keeps it, as in a simultaneous step).
    public func discriminatorTerms(critic: (Tensor) -> Tensor, weights: [Tensor], real: Tensor, fake: Tensor,
                                   round: Int, draws: Draws) -> DiscriminatorTerms {
        let realIn = noisy(real, draws, half: 0, round: round)
        let fakeIn = noisy(fake, draws, half: 1, round: round)
        let needsRealGradient = regularizers.contains { $0.kind == .r1 || $0.kind == .roth }
        let needsFakeGradient = regularizers.contains { $0.kind == .r2 || $0.kind == .roth }
        var realGradient: Tensor?, fakeGradient: Tensor?
        let realOutput: Tensor, fakeOutput: Tensor
        if needsRealGradient {
            (realOutput, realGradient) = Penalties.inputGradient(critic, realIn)
        } else {
            realOutput = critic(realIn)
        }
        if needsFakeGradient {
            (fakeOutput, fakeGradient) = Penalties.inputGradient(critic, fakeIn)
        } else {
            fakeOutput = critic(fakeIn)
        }
        let adversarial = loss.discriminatorLoss(real: realOutput, fake: fakeOutput)
        var penalties = [(name: String, value: Tensor)]()
        for regularizer in regularizers {
            switch regularizer {
            case .weightPenalty(let lambda):
                penalties.append(("weight_penalty", Penalties.weight(weights, lambda: lambda)))
            case .gradientPenalty(let weight, let target):
                guard let epsilon = draws.interpolation else { preconditionFailure("WGAN-GP needs interpolation draws") }
                penalties.append(("gradient_penalty", Penalties.gradient(critic: critic, real: realIn, fake: fakeIn,
                                                                         epsilon: epsilon, weight: weight, target: target)))
            case .r1(let gamma):
                penalties.append(("r1", Penalties.gradientSquared(gradient: realGradient!, gamma: gamma)))
            case .r2(let gamma):
                penalties.append(("r2", Penalties.gradientSquared(gradient: fakeGradient!, gamma: gamma)))
            case .roth(let gamma):
                penalties.append(("roth", Penalties.roth(realLogits: realOutput, realGradient: realGradient!,
                                                         fakeLogits: fakeOutput, fakeGradient: fakeGradient!,
                                                         gamma: gamma.value(at: round))))
            case .instanceNoise, .weightClipping, .spectralNorm:
                break
            }
        }
        let total = penalties.reduce(adversarial) { $0 + $1.value }
        return DiscriminatorTerms(total: total, adversarial: adversarial, penalties: penalties,
                                  realOutput: realOutput, fakeOutput: fakeOutput, realInput: realIn, fakeInput: fakeIn)
    }

    /// L_G on the (noisy, second half of the noise draws) fake batch, and D's output there.
    public func generatorLoss(critic: (Tensor) -> Tensor, fake: Tensor, round: Int,
                              draws: Draws) -> (loss: Tensor, fakeOutput: Tensor) {
        let output = critic(noisy(fake, draws, half: 1, round: round))
        return (loss.generatorLoss(fake: output), output)
    }

    /// Names of the penalty curves this objective records, in declaration order.
    public var penaltyNames: [String] {
        regularizers.compactMap {
            switch $0 {
            case .weightPenalty: return "weight_penalty"
            case .gradientPenalty: return "gradient_penalty"
            case .r1: return "r1"
            case .r2: return "r2"
            case .roth: return "roth"
            case .instanceNoise, .weightClipping, .spectralNorm: return nil
            }
        }
    }
}
