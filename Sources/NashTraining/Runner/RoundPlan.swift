import Nash

/// One round's minibatch steps in order, and how each step's random draws are addressed.
///
/// Every draw is a pure function of (seed, stream, step, index) (DESIGN.md §4); the runner folds the
/// position of a minibatch step into the stream's step as follows, with t the 0-based round:
/// - `latent`, `noise/instance`, `penalty/interpolate`: step s = t·S + j, S the minibatch steps per
///   round and j this step's position in the round (each minibatch step has its own latent batch);
/// - `data`: real-batch draw t·R + r, R the real batches per round (D and simultaneous steps) and r
///   this step's index among them, so a finite set's epochs follow the real batches actually used;
/// - unrolling, the i-th look-ahead step (0-based) of G step number n = t·Gₙ + g (Gₙ generator steps
///   per round, g this one's index): step n·k + i of `unroll/data`, `unroll/latent`,
///   `unroll/noise/instance` and `unroll/penalty/interpolate`.
/// So resuming at round t needs nothing but t, and adding a regulariser never shifts another stream.
public struct RoundPlan: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case discriminator, generator, simultaneous }

    /// One minibatch step of a round.
    public struct Slot: Equatable, Sendable {
        public var kind: Kind
        /// Position in the round.
        public var position: Int
        /// Index among the round's real-batch steps (D and simultaneous), or nil.
        public var realIndex: Int?
        /// Index among the round's generator steps, or nil.
        public var generatorIndex: Int?
    }

    public let slots: [Slot]
    public let realPerRound: Int
    public let generatorPerRound: Int

    /// The plan of `training`; `datasetSize` resolves epoch repetitions (nil when the data is infinite).
    public init(_ training: Training, datasetSize: Int?) {
        var slots = [Slot]()
        var real = 0, generator = 0
        for update in training.updates {
            let count = training.minibatchSteps(update, datasetSize: datasetSize) ?? 0
            for _ in 0..<count {
                switch update.target {
                case .discriminator:
                    slots.append(Slot(kind: .discriminator, position: slots.count, realIndex: real, generatorIndex: nil))
                    real += 1
                case .generator:
                    slots.append(Slot(kind: .generator, position: slots.count, realIndex: nil, generatorIndex: generator))
                    generator += 1
                case .simultaneous:
                    slots.append(Slot(kind: .simultaneous, position: slots.count, realIndex: real, generatorIndex: nil))
                    real += 1
                }
            }
        }
        self.slots = slots
        realPerRound = real
        generatorPerRound = generator
    }

    /// The step of the per-minibatch streams (`latent`, `noise/instance`, `penalty/interpolate`).
    public func minibatchStep(round: Int, _ slot: Slot) -> Int { round * slots.count + slot.position }

    /// The draw index of the `data` stream.
    public func realDraw(round: Int, _ slot: Slot) -> Int { round * realPerRound + slot.realIndex! }

    /// The step of the `unroll/…` streams for look-ahead step `i` of `k`.
    public func unrollStep(round: Int, _ slot: Slot, lookAhead i: Int, of k: Int) -> Int {
        (round * generatorPerRound + slot.generatorIndex!) * k + i
    }
}
