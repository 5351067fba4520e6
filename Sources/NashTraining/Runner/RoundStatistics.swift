/// What the last D step of a round measured.
public struct DiscriminatorStatistics: Equatable, Sendable {
    /// The adversarial L_D (without penalties).
    public var loss: Double
    /// Each active penalty's value by name (`weight_penalty`, `gradient_penalty`, `r1`, `r2`, `roth`).
    public var penalties: [String: Double]
    /// D's raw outputs on the step's clean real and fake batches.
    public var realOutputs: [Double]
    public var fakeOutputs: [Double]
    /// ‖∇_θD L_D‖₂ over all of D's parameters (penalties included: the gradient the optimiser used).
    public var gradientNorm: Double

    public var isFinite: Bool {
        loss.isFinite && gradientNorm.isFinite && penalties.values.allSatisfy(\.isFinite)
    }
}

/// What the last G step of a round measured.
public struct GeneratorStatistics: Equatable, Sendable {
    /// L_G (against D_k when unrolled).
    public var loss: Double
    /// ‖∇_θG L_G‖₂.
    public var gradientNorm: Double

    public var isFinite: Bool { loss.isFinite && gradientNorm.isFinite }
}

/// One round's measurements: those of its last D step and its last G step (a simultaneous step is both).
public struct RoundStatistics: Equatable, Sendable {
    public var discriminator: DiscriminatorStatistics?
    public var generator: GeneratorStatistics?

    public init(discriminator: DiscriminatorStatistics? = nil, generator: GeneratorStatistics? = nil) {
        self.discriminator = discriminator
        self.generator = generator
    }

    /// False once any recorded number is NaN or ±Inf.
    public var isFinite: Bool { (discriminator?.isFinite ?? true) && (generator?.isFinite ?? true) }
}
