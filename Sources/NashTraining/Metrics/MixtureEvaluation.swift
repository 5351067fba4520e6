import Foundation

/// The Gaussian-mixture metrics of VEEGAN (Srivastava et al. 2017, arXiv:1705.07761, §5.1) and PacGAN
/// (Lin et al. 2018, arXiv:1712.04086, §5), computed in Float64 from generated samples and the true modes.
///
/// For each sample x, let k*(x) = argmin_k ‖x − μ_k‖ be its nearest mode (ties: the lowest index).
/// - **High quality:** ‖x − μ_{k*}‖ ≤ 3·σ_{k*} (``highQualityRadius`` = 3 standard deviations of that
///   mode; the boundary counts as inside).
/// - **Histogram:** n_k = number of high-quality samples whose nearest mode is k.
/// - **Modes captured:** the number of k with n_k ≥ 1.
/// - **Reverse KL:** with q_k = n_k / Σ_j n_j, KL(q ‖ uniform) = Σ_k q_k ln(K·q_k) = ln K − H(q), using
///   the convention 0·ln 0 = 0 (a mode with no samples contributes nothing, the limit of q ln q as q → 0).
///   It lies in [0, ln K]: 0 when the high-quality samples are spread evenly, ln K when all sit on one mode.
///
/// NB: when **no** sample is high quality, q is undefined (0/0). We then report reverse KL = ln K, the
/// supremum of KL(q ‖ uniform) over all histograms, and ``dominantMode`` = nil. A generator that hits no
/// mode is thus never ranked better than a fully collapsed one, and the value stays finite, so it can be
/// stored, plotted and compared, and a NaN in a run file always means the training itself diverged.
/// ``highQualityCount`` == 0 tells the two cases apart.
public struct MixtureEvaluation: Codable, Equatable, Sendable {
    /// A sample is high quality within this many standard deviations of its nearest mode (VEEGAN §5.1).
    public static let highQualityRadius: Double = 3

    /// Number of samples evaluated.
    public let sampleCount: Int
    /// Number of high-quality samples.
    public let highQualityCount: Int
    /// High-quality samples per mode (length K); sums to ``highQualityCount``.
    public let histogram: [Int]
    /// highQualityCount / sampleCount, in [0, 1]; 0 when there are no samples.
    public let highQualityFraction: Double
    /// Number of modes that are the nearest mode of at least one high-quality sample.
    public let modesCaptured: Int
    /// The mode holding the most high-quality samples (ties: the lowest index); nil when there are none.
    public let dominantMode: Int?
    /// KL(q ‖ uniform) in nats, q the normalised ``histogram``; ln K when there are no high-quality samples.
    public let reverseKL: Double

    /// Evaluates `samples`, a flat row-major `[n, modes.dimension]` array, against `modes`.
    public init(samples: [Double], modes: MixtureModes) {
        let d = modes.dimension
        precondition(samples.count % d == 0,
                     "MixtureEvaluation: \(samples.count) values is not a whole number of \(d)-D samples")
        let n = samples.count / d
        let k = modes.count
        var histogram = [Int](repeating: 0, count: k)
        let radius2 = modes.stds.map { ($0 * Self.highQualityRadius) * ($0 * Self.highQualityRadius) }
        samples.withUnsafeBufferPointer { x in
            modes.means.withUnsafeBufferPointer { mu in
                for i in 0..<n {
                    var best = 0
                    var bestDistance2 = Double.infinity
                    for j in 0..<k {
                        var s = 0.0
                        for c in 0..<d {
                            let delta = x[i * d + c] - mu[j * d + c]
                            s += delta * delta
                        }
                        if s < bestDistance2 { bestDistance2 = s; best = j }
                    }
                    // NB: a NaN sample has no nearest mode (every comparison is false) and is not high quality.
                    if bestDistance2 <= radius2[best] { histogram[best] += 1 }
                }
            }
        }
        self.init(sampleCount: n, histogram: histogram)
    }

    /// Derives every metric from a high-quality histogram; `sampleCount` is the total number of samples
    /// evaluated (high quality or not). Useful to recompute metrics from a stored histogram.
    public init(sampleCount: Int, histogram: [Int]) {
        precondition(!histogram.isEmpty, "MixtureEvaluation: the histogram needs at least one mode")
        precondition(histogram.allSatisfy { $0 >= 0 }, "MixtureEvaluation: negative histogram count")
        let total = histogram.reduce(0, +)
        precondition(total <= sampleCount, "MixtureEvaluation: \(total) high-quality samples out of \(sampleCount)")
        let k = histogram.count
        self.sampleCount = sampleCount
        self.histogram = histogram
        highQualityCount = total
        highQualityFraction = sampleCount == 0 ? 0 : Double(total) / Double(sampleCount)
        modesCaptured = histogram.filter { $0 > 0 }.count
        if total == 0 {
            dominantMode = nil
            reverseKL = log(Double(k))
        } else {
            var best = 0
            for j in 1..<k where histogram[j] > histogram[best] { best = j }
            dominantMode = best
            var kl = 0.0
            for count in histogram where count > 0 {  // 0·ln 0 = 0
                let q = Double(count) / Double(total)
                kl += q * log(Double(k) * q)
            }
            // NB: rounding can leave a tiny negative value for a perfectly even histogram; KL ≥ 0.
            reverseKL = max(0, kl)
        }
    }

    /// The values recorded per evaluation, keyed by their run-file names (``SeriesName``):
    /// `modes`, `high_quality` (a fraction), `reverse_kl`, and `dominant_mode` (−1 when there is none).
    public var recorded: [String: Double] {
        [SeriesName.modes: Double(modesCaptured),
         SeriesName.highQuality: highQualityFraction,
         SeriesName.reverseKL: reverseKL,
         SeriesName.dominantMode: Double(dominantMode ?? -1)]
    }
}
