/// How the two networks are trained: the run's length, the batch size, and the update schedule.
///
/// **Rounds are the time axis.** One round runs `updates` in order, once. `Length.steps(n)` is n
/// rounds; cadences (`Recording`), value schedules and learning-rate schedules all count rounds, 0-based.
///
/// **An update holds the other network fixed.** A discriminator update performs its repetition count
/// of minibatch steps on D alone: each step draws `batchSize` real samples (stream `data`) and
/// `batchSize` latents (stream `latent`), computes L_D plus the regularisers, and steps D's optimiser;
/// G's parameters do not change. A generator update does the same for G (latents only) with D fixed.
/// A simultaneous update computes both gradients at the current parameters from one real and one
/// latent batch, then steps both optimisers (the contrast case of DESIGN.md §1).
///
/// **Epochs** need a finite data set of size N (`Dataset.size`, or a file's length): one epoch is
/// ⌈N / batchSize⌉ minibatch steps; an update repeated for e epochs takes e·⌈N / batchSize⌉ steps, and
/// a run of E epochs lasts ⌈E·⌈N / batchSize⌉ / d⌉ rounds where d is the number of D minibatch steps in
/// a round (simultaneous steps count), i.e. until D has seen about E passes over the set.
///
/// **Unrolling** (Metz et al. 2016, arXiv:1611.02163): with k = `unrolledSteps` > 0, every generator
/// step computes L_G against D_k, the discriminator after k look-ahead steps of D's optimiser taken
/// from D's current parameters and optimiser state on fresh batches (streams `unroll/data`,
/// `unroll/latent`), differentiating through those k steps; the look-ahead copy is then discarded, so
/// D's own updates are unchanged. k = 0 is ordinary training.
///
/// **Separate optimisers** are the norm: each network has its own (`generatorOptimizer`,
/// `discriminatorOptimizer`), so TTUR (Heusel et al. 2017, arXiv:1706.08500) is two learning rates.
public struct Training: Codable, Hashable, Sendable {
    /// How long the run lasts.
    public enum Length: Codable, Hashable, Sendable {
        /// `count` rounds.
        case steps(count: Int)
        /// `count` epochs over a finite data set, converted to rounds as stated above.
        case epochs(count: Int)
    }

    public var length: Length
    /// Samples per minibatch, for real and fake batches alike.
    public var batchSize: Int
    /// One round, in order.
    public var updates: [UpdateStep]
    public var generatorOptimizer: Optimizer?
    public var discriminatorOptimizer: Optimizer?
    /// Look-ahead D steps for G's loss; 0 = no unrolling.
    public var unrolledSteps: Int

    public init(length: Length = .steps(count: 0), batchSize: Int = 0, updates: [UpdateStep] = [],
                generatorOptimizer: Optimizer? = nil, discriminatorOptimizer: Optimizer? = nil, unrolledSteps: Int = 0) {
        self.length = length
        self.batchSize = batchSize
        self.updates = updates
        self.generatorOptimizer = generatorOptimizer
        self.discriminatorOptimizer = discriminatorOptimizer
        self.unrolledSteps = unrolledSteps
    }

    /// ⌈N / batchSize⌉, the minibatch steps in one epoch over a set of N points.
    public func batchesPerEpoch(datasetSize: Int) -> Int {
        batchSize > 0 ? (datasetSize + batchSize - 1) / batchSize : 0
    }

    /// The minibatch steps an update takes; nil for an epoch count without a known data-set size.
    public func minibatchSteps(_ update: UpdateStep, datasetSize: Int?) -> Int? {
        switch update.repetition {
        case .steps(let count): return count
        case .epochs(let count): return datasetSize.map { count * batchesPerEpoch(datasetSize: $0) }
        }
    }

    /// The run's number of rounds T; nil when it depends on an unknown data-set size.
    public func totalRounds(datasetSize: Int?) -> Int? {
        switch length {
        case .steps(let count):
            return count
        case .epochs(let count):
            guard let size = datasetSize else { return nil }
            var perRound = 0
            for update in updates where update.target != .generator {
                guard let steps = minibatchSteps(update, datasetSize: size) else { return nil }
                perRound += steps
            }
            guard perRound > 0 else { return nil }
            let total = count * batchesPerEpoch(datasetSize: size)
            return (total + perRound - 1) / perRound
        }
    }

    /// The optimiser of one network.
    public func optimizer(for player: Player) -> Optimizer? {
        player == .generator ? generatorOptimizer : discriminatorOptimizer
    }
}

/// One of the two networks.
public enum Player: String, Codable, Hashable, Sendable {
    case generator, discriminator
}

/// One entry of a round.
public struct UpdateStep: Codable, Hashable, Sendable {
    public enum Target: String, Codable, Hashable, Sendable {
        /// Train D with G held fixed.
        case discriminator
        /// Train G with D held fixed.
        case generator
        /// Train both at once from the same parameters (simultaneous gradient descent).
        case simultaneous
    }

    /// How many minibatch steps the update takes.
    public enum Repetition: Codable, Hashable, Sendable {
        case steps(count: Int)
        /// `count` passes over a finite data set (see `Training`).
        case epochs(count: Int)
    }

    public var target: Target
    public var repetition: Repetition

    public init(_ target: Target, _ repetition: Repetition = .steps(count: 1)) {
        self.target = target
        self.repetition = repetition
    }
}
