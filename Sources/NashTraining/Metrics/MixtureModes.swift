import Foundation

/// The modes of an equal-weight mixture of isotropic Gaussians: one mean and one standard deviation
/// per mode. This is what the mixture metrics (``MixtureEvaluation``) measure generated samples against.
///
/// Means are stored flat and row-major: mode `k` occupies `means[k*dimension ..< (k+1)*dimension]`.
public struct MixtureModes: Codable, Equatable, Sendable {
    /// Dimension of the data space (2 for the ring and grid benchmarks).
    public let dimension: Int
    /// Flat row-major `[count, dimension]` array of mode means.
    public let means: [Double]
    /// Standard deviation of each mode (isotropic: the same in every coordinate).
    public let stds: [Double]

    /// Number of modes K.
    public var count: Int { stds.count }

    /// A mixture with one standard deviation per mode. Requires `means.count == stds.count * dimension`,
    /// at least one mode and positive finite standard deviations.
    public init(dimension: Int, means: [Double], stds: [Double]) {
        precondition(dimension > 0, "MixtureModes: dimension must be positive, got \(dimension)")
        precondition(!stds.isEmpty, "MixtureModes: at least one mode is needed")
        precondition(means.count == stds.count * dimension,
                     "MixtureModes: \(means.count) mean coordinates for \(stds.count) modes of dimension \(dimension)")
        precondition(stds.allSatisfy { $0 > 0 && $0.isFinite }, "MixtureModes: standard deviations must be positive")
        precondition(means.allSatisfy(\.isFinite), "MixtureModes: means must be finite")
        self.dimension = dimension
        self.means = means
        self.stds = stds
    }

    /// A mixture whose modes all share the standard deviation `std`.
    public init(dimension: Int, means: [Double], std: Double) {
        precondition(dimension > 0, "MixtureModes: dimension must be positive, got \(dimension)")
        self.init(dimension: dimension, means: means, stds: Array(repeating: std, count: means.count / dimension))
    }

    /// The mean of mode `k`.
    public func mean(_ k: Int) -> [Double] {
        Array(means[k * dimension ..< (k + 1) * dimension])
    }

    /// K modes evenly spaced on a circle of radius `radius` centred at the origin, in 2-D:
    /// mode k has mean (r·cos(2πk/K), r·sin(2πk/K)), so mode 0 sits at (r, 0) and the index runs
    /// counter-clockwise. The standard benchmark (Metz et al. 2017, arXiv:1611.02163, appendix A;
    /// VEEGAN, Srivastava et al. 2017, arXiv:1705.07761) is `ring(modes: 8, radius: 2, std: 0.02)`.
    public static func ring(modes: Int, radius: Double, std: Double) -> MixtureModes {
        precondition(modes > 0, "MixtureModes.ring: modes must be positive, got \(modes)")
        var means: [Double] = []
        means.reserveCapacity(2 * modes)
        for k in 0..<modes {
            let angle = 2 * Double.pi * Double(k) / Double(modes)
            means.append(radius * cos(angle))
            means.append(radius * sin(angle))
        }
        return MixtureModes(dimension: 2, means: means, std: std)
    }

    /// `side`×`side` modes on a square lattice with the given `spacing`, centred at the origin, in 2-D:
    /// mode k = row·side + column has mean ((column − (side−1)/2)·spacing, (row − (side−1)/2)·spacing).
    /// The standard benchmark (VEEGAN, arXiv:1705.07761; PacGAN, Lin et al. 2018, arXiv:1712.04086) is
    /// `grid(side: 5, spacing: 2, std: 0.05)`: means at {−4, −2, 0, 2, 4}².
    public static func grid(side: Int, spacing: Double, std: Double) -> MixtureModes {
        precondition(side > 0, "MixtureModes.grid: side must be positive, got \(side)")
        let centre = Double(side - 1) / 2
        var means: [Double] = []
        means.reserveCapacity(2 * side * side)
        for row in 0..<side {
            for column in 0..<side {
                means.append((Double(column) - centre) * spacing)
                means.append((Double(row) - centre) * spacing)
            }
        }
        return MixtureModes(dimension: 2, means: means, std: std)
    }
}
