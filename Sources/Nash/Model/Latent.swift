/// The generator's input noise z, drawn from the run's `latent` stream, shape `[dimension]`.
public struct Latent: Codable, Hashable, Sendable {
    public enum Distribution: String, Codable, Hashable, Sendable {
        /// zᵢ ~ N(0, 1) independently (Goodfellow et al. 2014, arXiv:1406.2661, leave p_z open;
        /// the standard normal is the common choice).
        case normal
        /// zᵢ ~ U(−1, 1) independently (DCGAN, Radford et al. 2015, arXiv:1511.06434).
        case uniform
    }

    public var distribution: Distribution
    public var dimension: Int

    public init(_ distribution: Distribution, dimension: Int) {
        self.distribution = distribution
        self.dimension = dimension
    }

    /// z ~ N(0, I) in `dimension` dimensions.
    public static func normal(_ dimension: Int) -> Latent { Latent(.normal, dimension: dimension) }

    /// z ~ U(−1, 1)^dimension.
    public static func uniform(_ dimension: Int) -> Latent { Latent(.uniform, dimension: dimension) }
}
