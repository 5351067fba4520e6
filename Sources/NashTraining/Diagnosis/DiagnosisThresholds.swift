/// Every threshold the diagnosis uses, each with its reason. ``standard`` holds the defaults; a study may
/// pass its own values (they are recorded nowhere, so a run file's `/diagnosis` always uses ``standard``).
public struct DiagnosisThresholds: Codable, Equatable, Sendable {
    // MARK: Shared

    /// Width, in recorded points, of the centred moving median (or mean) applied to noisy curves before a
    /// threshold is tested. A median of 5 ignores up to 2 outlying points, so one noisy minibatch neither
    /// starts nor breaks a run, while any feature lasting 3 or more points survives.
    public var smoothingWindow = 5

    // MARK: Vanishing gradients

    /// G's gradient norm (smoothed) must fall to this fraction of its earlier peak. For the minimax G
    /// loss ln(1 − D(G(z))), ∂/∂logit = −D(G(z)): a 100-fold drop from D(G(z)) ≈ 1/2 means D(G(z)) ≈ 0.005,
    /// a logit of about −5.3, deep in the saturated tail (Goodfellow et al. 2014, arXiv:1406.2661, §3).
    public var vanishingGradientRatio = 0.01
    /// …while D (smoothed accuracy on fakes, else overall) is at least this accurate. A small G gradient
    /// with D near 50% is convergence, not saturation (at the equilibrium G's gradient is zero); 90% means D
    /// rejects nine fakes in ten, the "D too good" regime of the account in DESIGN.md §1.
    public var dominantAccuracy = 0.9
    /// …and, for the logit losses (minimax, non-saturating) when `D/fake` (mean σ(D) on fakes) is
    /// recorded, D gives fakes at most this probability on average. Accuracy alone counts a fake scored
    /// σ = 0.4999 as rejected: at a converged equilibrium D's outputs sit at ½ ± rounding, its accuracy on
    /// fakes can read 100% and G's gradient is zero — convergence, not saturation (seen on the regularised
    /// Dirac-GAN). At σ = 0.1 the minimax G gradient's scale D(G(z)) is a fifth of its value at ½.
    public var dominantFakeProbability = 0.1
    /// Minimum length of the episode as a fraction of the recorded points: 10% of training is sustained,
    /// not a transient.
    public var vanishingMinimumFraction = 0.1
    /// Minimum length of the episode in recorded points, whatever the fraction: twice the smoothing
    /// window, so the episode is more than what smoothing could create.
    public var vanishingMinimumPoints = 10

    // MARK: Mode collapse and hopping

    /// An evaluation is collapsed when at most this fraction of the K modes is captured: missing half
    /// the modes or more. (On the 8-ring a plain GAN captures about 1, ALI 2.8, unrolled GANs 7.6 and VEEGAN
    /// 8: VEEGAN, arXiv:1705.07761, table 1; so K/2 separates the collapsed methods from the others.)
    public var collapseCapturedFraction = 0.5
    /// …or the effective number of modes exp(H(q)) = K·e^(−reverse KL), the perplexity of the high-quality
    /// histogram, is at most this fraction of K (reverse KL ≥ ln 2 for 0.5). The same half-the-modes line,
    /// drawn by mass rather than presence, so that a few stray samples on otherwise empty modes (each
    /// counts as captured) do not hide a collapse.
    public var collapseEffectiveFraction = 0.5
    /// …and at least this fraction of samples is high quality. Early in training G emits a blob that hits
    /// no mode (0 modes, ~0% high quality): that is immaturity, not collapse. With ≥ 20% of samples within
    /// 3σ of a mode, G has learned the data's scale and the missing modes are missing.
    public var collapseMinimumHighQuality = 0.2
    /// A collapse episode lasts at least this many consecutive evaluations: one or two bad evaluations
    /// are within the churn of a healthy run.
    public var collapseMinimumEvaluations = 3
    /// …and at least this fraction of all evaluations (a fifth of training).
    public var collapseMinimumFraction = 0.2
    /// Mode hopping needs at least this many changes of the dominant mode between consecutive collapsed
    /// evaluations. One change is a single move (collapse onto another mode); two mean G left a mode it
    /// had moved to, the rotation described by Metz et al. 2017 (arXiv:1611.02163, figure 1).
    public var minimumHops = 2
    /// A change of dominant mode counts as a hop only if, at the previous evaluation, the new dominant
    /// mode held at most this fraction of the old dominant mode's high-quality samples. Two modes holding
    /// near-equal shares swap the lead by sampling noise alone (ratio ≈ 1); a hop moves the mass (≈ 0).
    /// Used when histograms are recorded.
    public var hopShareRatio = 0.5

    // MARK: Oscillation / failure to converge

    /// The fraction of the recorded points, at the end, examined: the second half of training, by which
    /// time a converging run has left its initial transient.
    public var oscillationTailFraction = 0.5
    /// The tail must hold at least this many points; fewer cannot show two cycles of ten points each.
    public var oscillationMinimumPoints = 20
    /// Amplitude A = (P95 − P5)/2 of the tail over its point-to-point noise σ = RMS(Δx)/√2 must reach this.
    /// For i.i.d. noise A/σ ≈ 1.6; for a sinusoid with period P points A/σ ≈ 1/sin(π/P), which passes 3
    /// for P ≥ 10. So minibatch noise is not an oscillation, and cycles of ≥ 10 points are detected.
    public var oscillationSignalToNoise = 3.0
    /// The tail must cross from below (c − A/2) to above (c + A/2), c = (P95 + P5)/2, or back, at least this many
    /// times: two full cycles. A trend, even a noisy one, crosses once.
    public var oscillationMinimumSwings = 4
    /// The tail amplitude must be at least this fraction of the whole run's half-range (P99 − P1)/2: a
    /// wiggle that is small next to the run's own excursions is settling, not failure to converge.
    public var oscillationMinimumRelativeAmplitude = 0.25
    /// The amplitude of the tail's second half must be at least this fraction of its first half's. A
    /// damped oscillation that halves over a quarter of training is converging (as regularised Dirac-GANs
    /// do: Mescheder et al. 2018, arXiv:1801.04406).
    public var oscillationPersistence = 0.5

    // MARK: Convergence window

    /// D accuracy (smoothed) within this distance of 1/2 counts as a coin flip. ±5 points is ±3.2 binomial
    /// standard deviations (0.5/√n) for a real+fake batch of n = 1,024, so an exact-50% D stays inside.
    public var convergenceBand = 0.05
    /// The window spans at least this many recorded points: one smoothing window's worth of agreement
    /// would be 5, but 3 already rules out a single point passing through 50% on its way elsewhere.
    public var convergenceMinimumPoints = 3
    /// Points count only after D has once been at least this accurate (smoothed): D must have learned to
    /// tell G's samples from data before its return to a coin flip means G caught up. Leaving the ±5-point
    /// band is not enough: in the first hundred rounds of the quickstart run D wanders between 45% and 70%
    /// while G still covers no mode, which is an untrained D, not convergence. 70% is 2σ of a D that
    /// has learned something real on batches of 256 (binomial s.d. 3 points) and well below the 85–90% a
    /// learned D reaches on the toy mixtures.
    public var convergenceLearnedAccuracy = 0.7

    public init() {}

    /// The thresholds used for run files.
    public static let standard = DiagnosisThresholds()
}
