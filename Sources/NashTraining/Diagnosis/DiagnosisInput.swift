/// Everything the diagnosis reads about one run: its curves, its evaluations and its context.
public struct DiagnosisInput: Codable, Equatable, Sendable {
    /// Training curves (`/curves`): `loss/D`, `loss/G`, `D/accuracy`, `gradnorm/G`, … (``SeriesName``).
    public var curves: SeriesTable
    /// Evaluations (`/evals`): `modes`, `high_quality`, `reverse_kl`, `dominant_mode`, `mmd2`, …
    public var evals: SeriesTable
    /// Per-evaluation high-quality mode histograms (``MixtureEvaluation/histogram``), one row per
    /// `evals.steps` entry, each K long; empty when the data is not a mixture or they were not recorded.
    public var modeHistograms: [[Int]]
    /// The run's settings that the diagnosis needs.
    public var context: DiagnosisContext

    public init(curves: SeriesTable, evals: SeriesTable = .empty, modeHistograms: [[Int]] = [],
                context: DiagnosisContext) {
        precondition(modeHistograms.isEmpty || modeHistograms.count == evals.steps.count,
                     "DiagnosisInput: \(modeHistograms.count) histograms for \(evals.steps.count) evaluations")
        self.curves = curves
        self.evals = evals
        self.modeHistograms = modeHistograms
        self.context = context
    }
}

/// The run's settings that the diagnosis needs.
public struct DiagnosisContext: Codable, Equatable, Sendable {
    /// The adversarial loss; decides whether D accuracy means anything (``DecisionRule/forLoss(_:)``).
    public var loss: AdversarialLossKind
    /// Number of modes K of the data when it is a mixture (ring, grid), nil otherwise. When nil, the
    /// width of ``DiagnosisInput/modeHistograms`` is used if they were recorded.
    public var modeCount: Int?
    /// Steps at which checkpoints were written.
    public var checkpointSteps: [Int]
    /// How the best checkpoint is chosen; nil for none.
    public var checkpointCriterion: CheckpointCriterion?

    public init(loss: AdversarialLossKind, modeCount: Int? = nil, checkpointSteps: [Int] = [],
                checkpointCriterion: CheckpointCriterion? = nil) {
        self.loss = loss
        self.modeCount = modeCount
        self.checkpointSteps = checkpointSteps
        self.checkpointCriterion = checkpointCriterion
    }
}

/// The evaluation that ranks checkpoints, and its direction.
public struct CheckpointCriterion: Codable, Equatable, Sendable {
    /// Name of the evaluation (or, failing that, curve) series, e.g. `reverse_kl`.
    public var series: String
    /// True when smaller values are better (reverse KL, MMD²), false when larger are (modes captured).
    public var lowerIsBetter: Bool

    public init(series: String, lowerIsBetter: Bool) {
        self.series = series
        self.lowerIsBetter = lowerIsBetter
    }

    /// Lowest reverse KL: the mixture metric that rewards both coverage and balance.
    public static let lowestReverseKL = CheckpointCriterion(series: SeriesName.reverseKL, lowerIsBetter: true)
    /// Lowest MMD² to the real sample: for data that is not a mixture.
    public static let lowestMMD = CheckpointCriterion(series: SeriesName.mmd2, lowerIsBetter: true)
}

/// The best checkpoint by a ``CheckpointCriterion``.
public struct BestCheckpoint: Codable, Equatable, Sendable {
    /// The checkpoint's step.
    public let step: Int
    /// The step of the evaluation that scored it: the checkpoint's own step, or the latest before it.
    public let evaluatedAt: Int
    /// The criterion's series name.
    public let series: String
    /// Its value there.
    public let value: Double

    public init(step: Int, evaluatedAt: Int, series: String, value: Double) {
        self.step = step
        self.evaluatedAt = evaluatedAt
        self.series = series
        self.value = value
    }
}
