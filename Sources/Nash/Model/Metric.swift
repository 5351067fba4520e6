/// An evaluation metric (DESIGN.md §7). The mode metrics follow VEEGAN (Srivastava et al. 2017,
/// arXiv:1705.07761) and PacGAN (Lin et al. 2017, arXiv:1712.04086) and need a data source with
/// modes (`DataSource.modes`): a sample is *high quality* if its Euclidean distance to the nearest
/// mode mean is at most 3 standard deviations of that mode.
public enum Metric: String, Codable, Hashable, Sendable, CaseIterable {
    /// Modes captured: the number of modes that are the nearest mode of at least one high-quality
    /// sample. Higher is better.
    case modes
    /// The fraction of samples that are high quality. Higher is better.
    case highQuality
    /// ln K − H(q), q the normalised histogram of the high-quality samples over the K modes,
    /// H the Shannon entropy in nats (= KL(q ‖ uniform)); ln K when no sample is high quality.
    /// Lower is better.
    case reverseKL
    /// Energy distance (Székely & Rizzo 2013) between generated and real samples of equal count:
    /// 2E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖, Euclidean norms over all pairs. Lower is better.
    case energyDistance
    /// D's accuracy on as many real as generated samples, with the loss's decision threshold
    /// (`Loss.decisionThreshold`). Best when closest to ½ (D cannot tell, DESIGN.md §1).
    case discriminatorAccuracy
    /// The critic's estimate E[D(x)] − E[D(G(z))] (Arjovsky et al. 2017). Lower is better.
    case wassersteinEstimate

    /// Which way is better, for choosing the best checkpoint.
    public enum Direction: String, Hashable, Sendable {
        case higher, lower, towardHalf
    }

    public var direction: Direction {
        switch self {
        case .modes, .highQuality: return .higher
        case .reverseKL, .energyDistance, .wassersteinEstimate: return .lower
        case .discriminatorAccuracy: return .towardHalf
        }
    }

    /// True for the metrics that need a data source with modes.
    public var needsModes: Bool { self == .modes || self == .highQuality || self == .reverseKL }

    /// The name under `/evals/` in run files.
    public var curveName: String {
        switch self {
        case .modes: return "modes"
        case .highQuality: return "high_quality"
        case .reverseKL: return "reverse_kl"
        case .energyDistance: return "energy_distance"
        case .discriminatorAccuracy: return "d_accuracy"
        case .wassersteinEstimate: return "wasserstein_estimate"
        }
    }
}
