/// Names of the recorded curves (`/curves/<name>`) and evaluations (`/evals/<name>`) that the metrics
/// produce and the diagnosis reads. Names are paths: they become HDF5 paths and plot labels unchanged.
public enum SeriesName {
    // Curves, recorded every few training steps.
    /// D's loss on the step's batch.
    public static let lossD = "loss/D"
    /// G's loss on the step's batch.
    public static let lossG = "loss/G"
    /// Mean D output on real data (probability for logistic losses, raw score otherwise).
    public static let dReal = "D/real"
    /// Mean D output on generated data.
    public static let dFake = "D/fake"
    /// D's accuracy over the real and fake examples together (``DiscriminatorAccuracy/overall``).
    public static let dAccuracy = "D/accuracy"
    /// Fraction of real examples D calls real.
    /// NB: not `D/accuracy/real`: HDF5 cannot hold `D/accuracy` as both a dataset and a group.
    public static let dAccuracyReal = "D/accuracy_real"
    /// Fraction of fake examples D calls fake.
    public static let dAccuracyFake = "D/accuracy_fake"
    /// L2 norm of G's parameter gradient.
    public static let gradNormG = "gradnorm/G"
    /// L2 norm of D's parameter gradient.
    public static let gradNormD = "gradnorm/D"

    // Evaluations, recorded every few hundred steps on a larger sample.
    /// Modes captured (``MixtureEvaluation/modesCaptured``).
    public static let modes = "modes"
    /// Fraction of high-quality samples (``MixtureEvaluation/highQualityFraction``), in [0, 1].
    public static let highQuality = "high_quality"
    /// KL(q ‖ uniform) of the high-quality mode histogram (``MixtureEvaluation/reverseKL``), in nats.
    public static let reverseKL = "reverse_kl"
    /// Index of the mode with the most high-quality samples, −1 when there is none.
    public static let dominantMode = "dominant_mode"
    /// Per-mode high-quality histogram, a `[m, K]` array (one row per evaluation).
    public static let modeHistogram = "mode_histogram"
    /// Unbiased RBF-kernel MMD² to the real reference sample (``SampleDistance/mmdSquared``).
    public static let mmd2 = "mmd2"
    /// Energy distance to the real reference sample (``SampleDistance/energyDistance``).
    public static let energyDistance = "energy_distance"
}
