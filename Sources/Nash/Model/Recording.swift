/// What the runner records, with cadences in rounds (see `Training`). Something due "every n" is
/// recorded at rounds 0, n, 2n, … and after the last round.
public struct Recording: Codable, Hashable, Sendable {
    /// Cadence of the training curves: loss/D, loss/G, D/real, D/fake, D/accuracy, gradnorm/G,
    /// gradnorm/D, and one curve per regulariser. Default 10, the cadence of DESIGN.md's sketch.
    public var curvesEvery: Int
    /// Periodic evaluation on fresh samples, or nil for none.
    public var evaluation: Evaluation?
    /// Periodic snapshots of G's outputs on one fixed latent batch, or nil for none.
    public var samples: SampleSnapshots?
    /// Checkpoint cadence (parameters and optimiser state), or nil to save only the final state.
    public var checkpointEvery: Int?
    /// Cadence of full parameter trajectories (every parameter of both networks), for tiny models
    /// only (at most `Recording.trajectoryParameterLimit` scalars in all), or nil for none.
    public var trajectoryEvery: Int?
    /// The evaluation metric that names the best checkpoint (best in the metric's own direction,
    /// among checkpoint rounds), or nil to name none.
    public var bestCheckpoint: Metric?

    /// The most parameters (G and D together) a trajectory may record: 10 000 scalars every few rounds
    /// already makes a run file of tens of megabytes.
    public static let trajectoryParameterLimit = 10_000

    public init(curvesEvery: Int = 10, evaluation: Evaluation? = nil, samples: SampleSnapshots? = nil,
                checkpointEvery: Int? = nil, trajectoryEvery: Int? = nil, bestCheckpoint: Metric? = nil) {
        self.curvesEvery = curvesEvery
        self.evaluation = evaluation
        self.samples = samples
        self.checkpointEvery = checkpointEvery
        self.trajectoryEvery = trajectoryEvery
        self.bestCheckpoint = bestCheckpoint
    }
}

/// Metrics computed every `every` rounds on `samples` fresh generator samples (stream `eval`) and,
/// where a metric needs them, as many fresh real samples.
public struct Evaluation: Codable, Hashable, Sendable {
    public var metrics: [Metric]
    public var every: Int
    public var samples: Int

    public init(metrics: [Metric], every: Int, samples: Int) {
        self.metrics = metrics
        self.every = every
        self.samples = samples
    }
}

/// G's outputs on `count` latents drawn once (stream `samples`), the same z every time, recorded
/// every `every` rounds.
public struct SampleSnapshots: Codable, Hashable, Sendable {
    public var count: Int
    public var every: Int

    public init(count: Int, every: Int) {
        self.count = count
        self.every = every
    }
}
