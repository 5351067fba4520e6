/// Anything that can appear in a `Train { … }` body. Every training component can also stand
/// alone in a scenario or variant body, where it changes the scenario's training in place.
public protocol TrainingComponent: ScenarioComponent {
    func apply(to training: inout Training)
    /// True for the components that are entries of the round (`Update`, `Simultaneous`): a
    /// `Train { … }` body holding any of them replaces the whole round.
    var isRoundEntry: Bool { get }
}

extension TrainingComponent {
    public var isRoundEntry: Bool { false }
    public func apply(to scenario: inout Scenario) { apply(to: &scenario.training) }
}

/// The result builder of `Train { … }` and `Round { … }`.
@resultBuilder
public enum TrainingBuilder {
    public static func buildExpression(_ component: any TrainingComponent) -> [any TrainingComponent] { [component] }
    public static func buildBlock(_ parts: [any TrainingComponent]...) -> [any TrainingComponent] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any TrainingComponent]?) -> [any TrainingComponent] { part ?? [] }
    public static func buildEither(first part: [any TrainingComponent]) -> [any TrainingComponent] { part }
    public static func buildEither(second part: [any TrainingComponent]) -> [any TrainingComponent] { part }
    public static func buildArray(_ parts: [[any TrainingComponent]]) -> [any TrainingComponent] { parts.flatMap { $0 } }
    public static func buildLimitedAvailability(_ part: [any TrainingComponent]) -> [any TrainingComponent] { part }
}

/// Sets the length and batch size, and (when the body has `Update`s or `Simultaneous`) the round.
///
/// ```swift
/// Train(steps: 25_000, batch: 512) {
///     Update(.discriminator, times: 1, with: .adam(lr: 1e-4, beta1: 0.5))
///     Update(.generator, with: .adam(lr: 1e-4, beta1: 0.5))
/// }
/// ```
public struct Train: ScenarioComponent {
    public var length: Training.Length
    public var batchSize: Int
    public var body: [any TrainingComponent]

    /// `steps` rounds of minibatches of `batch` samples.
    public init(steps: Int, batch: Int, @TrainingBuilder _ body: () -> [any TrainingComponent] = { [] }) {
        length = .steps(count: steps)
        batchSize = batch
        self.body = body()
    }

    /// `epochs` passes over a finite data set (see `Training` for the conversion to rounds).
    public init(epochs: Int, batch: Int, @TrainingBuilder _ body: () -> [any TrainingComponent] = { [] }) {
        length = .epochs(count: epochs)
        batchSize = batch
        self.body = body()
    }

    public func apply(to scenario: inout Scenario) {
        scenario.training.length = length
        scenario.training.batchSize = batchSize
        Round(components: body).apply(to: &scenario.training)
    }
}

/// Replaces the round (when it holds entries) and applies the other components, without touching
/// length or batch size; for variants: `Round { Simultaneous(generator: …, discriminator: …) }`.
public struct Round: TrainingComponent {
    public var components: [any TrainingComponent]

    public init(@TrainingBuilder _ body: () -> [any TrainingComponent]) { components = body() }
    init(components: [any TrainingComponent]) { self.components = components }

    public func apply(to training: inout Training) {
        if components.contains(where: \.isRoundEntry) { training.updates = [] }
        for component in components { component.apply(to: &training) }
    }
}

/// One entry of the round: `times` minibatch steps (or `epochs` passes) on one network with the
/// other held fixed. `with:` sets that network's optimiser (shared by all its updates); for
/// `.simultaneous` it sets both networks' optimisers to the same settings (separate state).
/// Standing alone in a scenario body it appends to the round.
public struct Update: TrainingComponent {
    public var step: UpdateStep
    public var optimizer: Optimizer?

    public init(_ target: UpdateStep.Target, times: Int = 1, with optimizer: Optimizer? = nil) {
        step = UpdateStep(target, .steps(count: times))
        self.optimizer = optimizer
    }

    public init(_ target: UpdateStep.Target, epochs: Int, with optimizer: Optimizer? = nil) {
        step = UpdateStep(target, .epochs(count: epochs))
        self.optimizer = optimizer
    }

    public var isRoundEntry: Bool { true }

    public func apply(to training: inout Training) {
        training.updates.append(step)
        guard let optimizer else { return }
        if step.target != .generator { training.discriminatorOptimizer = optimizer }
        if step.target != .discriminator { training.generatorOptimizer = optimizer }
    }
}

/// A simultaneous update of both networks, `times` steps, with their optimisers.
public struct Simultaneous: TrainingComponent {
    public var times: Int
    public var generator: Optimizer?
    public var discriminator: Optimizer?

    public init(times: Int = 1, generator: Optimizer? = nil, discriminator: Optimizer? = nil) {
        self.times = times
        self.generator = generator
        self.discriminator = discriminator
    }

    public var isRoundEntry: Bool { true }

    public func apply(to training: inout Training) {
        training.updates.append(UpdateStep(.simultaneous, .steps(count: times)))
        if let generator { training.generatorOptimizer = generator }
        if let discriminator { training.discriminatorOptimizer = discriminator }
    }
}

/// Sets one network's optimiser without touching the round (TTUR: two `Optimize` with two rates).
public struct Optimize: TrainingComponent {
    public var player: Player
    public var optimizer: Optimizer

    public init(_ player: Player, with optimizer: Optimizer) {
        self.player = player
        self.optimizer = optimizer
    }

    public func apply(to training: inout Training) {
        if player == .generator { training.generatorOptimizer = optimizer } else { training.discriminatorOptimizer = optimizer }
    }
}

/// Makes every discriminator update of the round take `count` steps (adds one at the start of the
/// round if there is none).
public struct DiscriminatorSteps: TrainingComponent {
    public var count: Int
    public init(_ count: Int) { self.count = count }

    public func apply(to training: inout Training) {
        setRepetitions(of: .discriminator, to: count, in: &training, insertAtStart: true)
    }
}

/// Makes every generator update of the round take `count` steps (adds one at the end of the round
/// if there is none).
public struct GeneratorSteps: TrainingComponent {
    public var count: Int
    public init(_ count: Int) { self.count = count }

    public func apply(to training: inout Training) {
        setRepetitions(of: .generator, to: count, in: &training, insertAtStart: false)
    }
}

func setRepetitions(of target: UpdateStep.Target, to count: Int, in training: inout Training, insertAtStart: Bool) {
    var found = false
    for index in training.updates.indices where training.updates[index].target == target {
        training.updates[index].repetition = .steps(count: count)
        found = true
    }
    guard !found else { return }
    let step = UpdateStep(target, .steps(count: count))
    if insertAtStart { training.updates.insert(step, at: 0) } else { training.updates.append(step) }
}

/// Unrolled GAN with k look-ahead discriminator steps in G's loss (Metz et al. 2016,
/// arXiv:1611.02163); `Unrolled(steps: 0)` turns unrolling off. See `Training`.
public struct Unrolled: TrainingComponent {
    public var steps: Int
    public init(steps: Int) { self.steps = steps }
    public func apply(to training: inout Training) { training.unrolledSteps = steps }
}

/// Sets the run's length to `count` rounds.
public struct Steps: TrainingComponent {
    public var count: Int
    public init(_ count: Int) { self.count = count }
    public func apply(to training: inout Training) { training.length = .steps(count: count) }
}

/// Sets the run's length to `count` epochs.
public struct Epochs: TrainingComponent {
    public var count: Int
    public init(_ count: Int) { self.count = count }
    public func apply(to training: inout Training) { training.length = .epochs(count: count) }
}

/// Sets the batch size.
public struct BatchSize: TrainingComponent {
    public var count: Int
    public init(_ count: Int) { self.count = count }
    public func apply(to training: inout Training) { training.batchSize = count }
}
