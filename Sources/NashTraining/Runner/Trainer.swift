import Nash
import NashEngine

/// The state of one training run (both networks' parameters, both optimisers, spectral-norm vectors)
/// and the minibatch steps that change it. `Runner` drives it round by round and records around it.
///
/// Conventions (the semantics are `Nash.Training`'s): D's steps hold G fixed (fakes carry no graph);
/// G's steps hold D fixed (D's parameters are constants), optionally against the look-ahead D_k of
/// an unrolled step; a simultaneous step takes both gradients at the same parameters from one batch.
public final class Trainer {
    public let scenario: Scenario
    public let plan: RoundPlan
    public let generator: NetworkModel
    public let discriminator: NetworkModel
    public let objective: TrainingObjective
    public let generatorOptimizer: ParameterOptimizer
    public let discriminatorOptimizer: ParameterOptimizer
    /// Current parameters (plain tensors, updated in place by the optimisers).
    public let generatorParameters: [Tensor]
    public let discriminatorParameters: [Tensor]
    public internal(set) var spectralNorm: SpectralNorm?
    public let streams: RunStreams
    public let data: RealData
    let latent: Latent
    let batch: Int
    let unrolled: Int
    /// Positions of D's `.weight` parameters (weight penalty).
    let weightIndices: [Int]

    /// Builds both networks for `scenario` (which must validate) and initialises them from `init/G`
    /// and `init/D`; `totalRounds` is T for the learning-rate schedules.
    public init(scenario: Scenario, seed: UInt64, data: RealData, totalRounds: Int) throws {
        guard let latent = scenario.latent, let loss = scenario.loss,
              let gOpt = scenario.training.generatorOptimizer, let dOpt = scenario.training.discriminatorOptimizer else {
            throw RunnerError("scenario '\(scenario.name)' is incomplete: run validate() first")
        }
        self.scenario = scenario
        self.latent = latent
        self.data = data
        streams = RunStreams(seed: seed)
        batch = scenario.training.batchSize
        unrolled = scenario.training.unrolledSteps
        plan = RoundPlan(scenario.training, datasetSize: data.size)
        generator = try NetworkModel(scenario.generator, input: [latent.dimension])
        discriminator = try NetworkModel(scenario.discriminator, input: data.sampleShape)
        guard generator.outputShape == data.sampleShape, discriminator.outputShape == [1] else {
            throw RunnerError("G maps to \(generator.outputShape) for data of shape \(data.sampleShape), D to \(discriminator.outputShape) (must be [1])")
        }
        objective = TrainingObjective(loss: loss, regularizers: scenario.regularizers)
        generatorOptimizer = ParameterOptimizer(gOpt, parameters: generator.parameterSpecs, totalRounds: totalRounds)
        discriminatorOptimizer = ParameterOptimizer(dOpt, parameters: discriminator.parameterSpecs, totalRounds: totalRounds)
        generatorParameters = ParameterInitialization.initialize(generator.parameterSpecs, stream: streams.stream("init/G"))
        discriminatorParameters = ParameterInitialization.initialize(discriminator.parameterSpecs, stream: streams.stream("init/D"))
        let dSpecs = discriminator.parameterSpecs
        weightIndices = dSpecs.indices.filter { dSpecs[$0].kind == .weight }
        for case .spectralNorm(let iterations) in scenario.regularizers {
            spectralNorm = SpectralNorm(model: discriminator, parameters: discriminatorParameters,
                                        powerIterations: iterations, stream: streams.stream("init/D"))
        }
    }

    // MARK: One round

    /// Runs round `round`: its minibatch steps in order. Stops early at the first non-finite number.
    public func train(round: Int) -> RoundStatistics {
        var stats = RoundStatistics()
        for slot in plan.slots {
            switch slot.kind {
            case .discriminator: stats.discriminator = discriminatorStep(round: round, slot)
            case .generator: stats.generator = generatorStep(round: round, slot)
            case .simultaneous: (stats.discriminator, stats.generator) = simultaneousStep(round: round, slot)
            }
            if !stats.isFinite { break }
        }
        return stats
    }

    /// k steps of D: real batch from `data`, latents from `latent`, G fixed.
    func discriminatorStep(round: Int, _ slot: RoundPlan.Slot) -> DiscriminatorStatistics {
        let s = plan.minibatchStep(round: round, slot)
        let real = data.batch(draw: plan.realDraw(round: round, slot), size: batch, stream: "data")
        let fake = generator.forward(latents("latent", step: s), parameters: generatorParameters).detached()
        spectralNorm?.iterate(discriminatorParameters)
        let leaves = discriminatorParameters.map { $0.requiringGrad() }
        let terms = discriminatorTerms(leaves, spectral: spectralNorm, real: real, fake: fake, round: round,
                                       draws: objectiveDraws("", step: s, round: round))
        let grads = gradients(of: terms.total, wrt: leaves)
        discriminatorOptimizer.step(discriminatorParameters, gradients: grads, round: round)
        clipDiscriminator()
        return statistics(terms, real: real, fake: fake, gradients: grads)
    }

    /// One step of G, D fixed: latents from `latent`; with k > 0 against D_k (see `generatorLoss`).
    func generatorStep(round: Int, _ slot: RoundPlan.Slot) -> GeneratorStatistics {
        let leaves = generatorParameters.map { $0.requiringGrad() }
        let loss = generatorLoss(round: round, slot, parameters: leaves)
        let grads = gradients(of: loss, wrt: leaves)
        generatorOptimizer.step(generatorParameters, gradients: grads, round: round)
        return GeneratorStatistics(loss: Double(loss.item), gradientNorm: Self.norm(grads))
    }

    /// Both gradients at the current parameters from one real and one latent batch, then both steps.
    func simultaneousStep(round: Int, _ slot: RoundPlan.Slot) -> (DiscriminatorStatistics, GeneratorStatistics) {
        let s = plan.minibatchStep(round: round, slot)
        let real = data.batch(draw: plan.realDraw(round: round, slot), size: batch, stream: "data")
        let gLeaves = generatorParameters.map { $0.requiringGrad() }
        let fake = generator.forward(latents("latent", step: s), parameters: gLeaves)
        spectralNorm?.iterate(discriminatorParameters)
        let dLeaves = discriminatorParameters.map { $0.requiringGrad() }
        let terms = discriminatorTerms(dLeaves, spectral: spectralNorm, real: real, fake: fake, round: round,
                                       draws: objectiveDraws("", step: s, round: round))
        // NB: L_G reuses D's output on the same noisy fakes: the same forward pass, the same draws.
        let lossG = objective.loss.generatorLoss(fake: terms.fakeOutput)
        let dGrads = gradients(of: terms.total, wrt: dLeaves)
        let gGrads = gradients(of: lossG, wrt: gLeaves)
        discriminatorOptimizer.step(discriminatorParameters, gradients: dGrads, round: round)
        clipDiscriminator()
        generatorOptimizer.step(generatorParameters, gradients: gGrads, round: round)
        return (statistics(terms, real: real, fake: fake.detached(), gradients: dGrads),
                GeneratorStatistics(loss: Double(lossG.item), gradientNorm: Self.norm(gGrads)))
    }

    // MARK: The generator's loss, unrolled

    /// L_G for G step `slot` of `round` as a function of G's `parameters` (leaves the caller
    /// differentiates by): against D as it is when k = 0, otherwise against D_k, the result of k
    /// look-ahead steps of D's optimiser from D's current parameters and optimiser state, each on fresh
    /// `unroll/…` batches with fakes from `parameters`, differentiated through (Metz et al. 2016,
    /// arXiv:1611.02163). Nothing of the trainer changes.
    public func generatorLoss(round: Int, _ slot: RoundPlan.Slot, parameters: [Tensor]) -> Tensor {
        let s = plan.minibatchStep(round: round, slot)
        var look = discriminatorParameters.map { $0.detached() }
        var state = discriminatorOptimizer.functionalState()
        var spectral = spectralNorm
        for i in 0..<unrolled {
            let u = plan.unrollStep(round: round, slot, lookAhead: i, of: unrolled)
            let real = data.batch(draw: u, size: batch, stream: "unroll/data")
            let fake = generator.forward(latents("unroll/latent", step: u), parameters: parameters)
            spectral?.iterate(look)
            let vars = look.map { $0.requiresGrad ? $0 : $0.requiringGrad() }
            let terms = discriminatorTerms(vars, spectral: spectral, real: real, fake: fake, round: round,
                                           draws: objectiveDraws("unroll/", step: u, round: round))
            let grads = gradients(of: terms.total, wrt: vars, createGraph: true)
            (look, state) = discriminatorOptimizer.functionalStep(vars, gradients: grads, state: state, round: round)
            if let c = objective.clipLimit.map(Float.init) { look = look.map { $0.clamped(min: -c, max: c) } }
        }
        let effective = spectral?.normalized(look) ?? look
        let fake = generator.forward(latents("latent", step: s), parameters: parameters)
        return objective.generatorLoss(critic: { self.discriminator.forward($0, parameters: effective) }, fake: fake,
                                       round: round, draws: objectiveDraws("", step: s, round: round)).loss
    }

    // MARK: Helpers

    func discriminatorTerms(_ parameters: [Tensor], spectral: SpectralNorm?, real: Tensor, fake: Tensor, round: Int,
                            draws: TrainingObjective.Draws) -> TrainingObjective.DiscriminatorTerms {
        let effective = spectral?.normalized(parameters) ?? parameters
        return objective.discriminatorTerms(critic: { self.discriminator.forward($0, parameters: effective) },
                                            weights: weightIndices.map { parameters[$0] },
                                            real: real, fake: fake, round: round, draws: draws)
    }

    func latents(_ stream: String, step: Int) -> Tensor {
        streams.latents(latent, count: batch, stream: stream, step: step)
    }

    func objectiveDraws(_ prefix: String, step: Int, round: Int) -> TrainingObjective.Draws {
        streams.objectiveDraws(objective, prefix: prefix, step: step, batch: batch,
                               sampleValues: batch * data.sampleShape.reduce(1, *), round: round)
    }

    /// Weight clipping: every D parameter clamped to [−c, c] in place after D's optimiser step.
    func clipDiscriminator() {
        guard let limit = objective.clipLimit else { return }
        let c = Float(limit)
        for p in discriminatorParameters {
            p.withUnsafeMutableBufferPointer { b in for j in b.indices { b[j] = min(max(b[j], -c), c) } }
        }
    }

    /// D on its current effective parameters (spectrally normalised if so), as constants.
    public func critic(_ x: Tensor) -> Tensor {
        let parameters = discriminatorParameters.map { $0.detached() }
        return discriminator.forward(x, parameters: spectralNorm?.normalized(parameters) ?? parameters)
    }

    /// G on its current parameters, as constants.
    public func generate(_ z: Tensor) -> Tensor {
        generator.forward(z, parameters: generatorParameters.map { $0.detached() })
    }

    /// The statistics of a D step; D's outputs for accuracy and D/real, D/fake are on clean inputs,
    /// so under instance noise D is run once more on the clean batches.
    func statistics(_ terms: TrainingObjective.DiscriminatorTerms, real: Tensor, fake: Tensor,
                    gradients: [Tensor]) -> DiscriminatorStatistics {
        let clean = !objective.hasInstanceNoise
            ? (terms.realOutput.scalars, terms.fakeOutput.scalars)
            : (critic(real).scalars, critic(fake).scalars)
        return DiscriminatorStatistics(
            loss: Double(terms.adversarial.item),
            penalties: Dictionary(uniqueKeysWithValues: terms.penalties.map { ($0.name, Double($0.value.item)) }),
            realOutputs: clean.0.map(Double.init), fakeOutputs: clean.1.map(Double.init),
            gradientNorm: Self.norm(gradients))
    }

    /// √(Σ g²) over all tensors, in Float64.
    static func norm(_ tensors: [Tensor]) -> Double {
        tensors.reduce(0.0) { sum, t in t.withUnsafeBufferPointer { $0.reduce(sum) { $0 + Double($1) * Double($1) } } }
            .squareRoot()
    }
}

/// What the runner raises for a run it cannot start or continue.
public struct RunnerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
