// Regularisers in scenario bodies. Each adds a `Regularizer` (documented there) or replaces the one
// of the same kind.

/// Gradient and weight penalties on the discriminator.
public enum Penalty {
    /// WGAN-GP: λ·E[(‖∇D(x̂)‖ − target)²] on interpolates; λ = 10 and target 1 in Gulrajani et al. 2017.
    public static func gradient(weight: Double, target: Double = 1) -> Regularizer {
        .gradientPenalty(weight: weight, target: target)
    }

    /// R1: (γ/2)·E[‖∇D(x)‖²] on real data (Mescheder et al. 2018).
    public static func r1(gamma: Double) -> Regularizer { .r1(gamma: gamma) }

    /// R2: (γ/2)·E[‖∇D(x̃)‖²] on generated data (Mescheder et al. 2018).
    public static func r2(gamma: Double) -> Regularizer { .r2(gamma: gamma) }

    /// Roth et al. 2017's regulariser with a constant γ.
    public static func roth(gamma: Double) -> Regularizer { .roth(gamma: .constant(value: gamma)) }

    /// Roth et al. 2017's regulariser with a scheduled γ, e.g. `.exponential(from: 2, to: 0.02, steps: 20_000)`.
    public static func roth(gamma: ValueSchedule) -> Regularizer { .roth(gamma: gamma) }

    /// (λ/2)·Σ‖W‖² over D's weights.
    public static func weights(_ lambda: Double) -> Regularizer { .weightPenalty(weight: lambda) }
}

/// Instance noise of constant or scheduled standard deviation on D's inputs.
public struct InstanceNoise: ScenarioComponent {
    public var std: ValueSchedule

    /// Constant σ.
    public init(std: Double) { self.std = .constant(value: std) }
    /// Scheduled σ, e.g. `InstanceNoise(.annealed(from: 0.5, over: 10_000))`.
    public init(_ std: ValueSchedule) { self.std = std }

    public func apply(to scenario: inout Scenario) { Regularizer.instanceNoise(std: std).apply(to: &scenario) }
}

/// Clamp every D parameter to [−limit, limit] after each D step (WGAN: 0.01).
public struct WeightClipping: ScenarioComponent {
    public var limit: Double
    public init(_ limit: Double) { self.limit = limit }
    public func apply(to scenario: inout Scenario) { Regularizer.weightClipping(limit: limit).apply(to: &scenario) }
}

/// Spectral normalisation of D's weights, one power iteration per D step by default (as Miyato et al.).
public struct SpectralNorm: ScenarioComponent {
    public var powerIterations: Int
    public init(powerIterations: Int = 1) { self.powerIterations = powerIterations }
    public func apply(to scenario: inout Scenario) { Regularizer.spectralNorm(powerIterations: powerIterations).apply(to: &scenario) }
}

/// Removes the regularisers of the given kinds (in a variant: `Without(.gradientPenalty)`).
public struct Without: ScenarioComponent {
    public var kinds: [Regularizer.Kind]
    public init(_ kinds: Regularizer.Kind...) { self.kinds = kinds }
    public func apply(to scenario: inout Scenario) { scenario.regularizers.removeAll { kinds.contains($0.kind) } }
}

/// Removes every regulariser.
public struct NoRegularization: ScenarioComponent {
    public init() {}
    public func apply(to scenario: inout Scenario) { scenario.regularizers = [] }
}
