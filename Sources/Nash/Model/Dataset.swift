/// The real data distribution, and whether it is sampled afresh or fixed to a finite set.
///
/// Every synthetic source draws its randomness from the run's `data` stream. With `size == nil` each
/// real batch is a fresh draw from the distribution (an infinite data set, the usual toy-GAN setting).
/// With `size == n` the runner draws n points once, before training, and batches come from that set
/// (this is what makes epochs meaningful). File and image-file sources are always finite: their size
/// is the length of the stored array's first axis and `size` must be nil.
///
/// Shapes leave out the batch axis: vectors are `[d]`, images `[channels, height, width]` (channels first).
public struct Dataset: Codable, Hashable, Sendable {
    public var source: DataSource
    /// Number of points in the finite set, or nil for fresh draws every batch.
    public var size: Int?

    public init(source: DataSource, size: Int? = nil) {
        self.source = source
        self.size = size
    }

    /// The same distribution restricted to `points` points drawn once before training.
    public func finite(_ points: Int) -> Dataset { Dataset(source: source, size: points) }

    /// A ring of Gaussians; 8 modes, radius 2, std 0.02 is the setting of Metz et al. 2016 (arXiv:1611.02163):
    /// K equally weighted isotropic 2-D Gaussians with means r·(cos 2πk/K, sin 2πk/K), k = 0…K−1,
    /// and standard deviation σ in each coordinate. Modes: the K means.
    public static func ring(modes: Int = 8, radius: Double = 2, std: Double = 0.02) -> Dataset {
        Dataset(source: .ring(modes: modes, radius: radius, std: std))
    }

    /// A side × side grid of equally weighted isotropic 2-D Gaussians centred on the origin: means
    /// ((i − (side−1)/2)·spacing, (j − (side−1)/2)·spacing) for i, j = 0…side−1, std σ per coordinate.
    /// VEEGAN (Srivastava et al. 2017, arXiv:1705.07761) uses side 5, spacing 2 (means in {−4,…,4}²);
    /// the default std 0.05 is ours, state the one you mean.
    public static func grid(side: Int = 5, spacing: Double = 2, std: Double = 0.05) -> Dataset {
        Dataset(source: .grid(side: side, spacing: spacing, std: std))
    }

    /// An Archimedean spiral arm: t ~ U(0, 1), θ = 2π·turns·t, x = radius·t·(cos θ, sin θ) + σ·ε,
    /// ε ~ N(0, I₂). No discrete modes.
    public static func spiral(turns: Double = 2, radius: Double = 2, noise: Double = 0.05) -> Dataset {
        Dataset(source: .spiral(turns: turns, radius: radius, noise: noise))
    }

    /// The 2-D Swiss roll: t = 1.5π·(1 + 2u), u ~ U(0, 1), x = scale·((t cos t, t sin t) + σ·ε),
    /// ε ~ N(0, I₂); the (x, z) plane of scikit-learn's `make_swiss_roll`. The defaults (σ = 0.25,
    /// scale = 1/7.5) are those of the toy experiments of Gulrajani et al. 2017 (arXiv:1704.00028).
    public static func swissRoll(noise: Double = 0.25, scale: Double = 1 / 7.5) -> Dataset {
        Dataset(source: .swissRoll(noise: noise, scale: scale))
    }

    /// Two interleaved half circles, as scikit-learn's `make_moons` but sampled: with probability ½
    /// the upper moon (cos πu, sin πu), otherwise the lower moon (1 − cos πu, ½ − sin πu), u ~ U(0, 1),
    /// plus σ·ε, ε ~ N(0, I₂). No discrete modes.
    public static func twoMoons(noise: Double = 0.05) -> Dataset {
        Dataset(source: .twoMoons(noise: noise))
    }

    /// A single point: every real sample equals `point`. The Dirac-GAN of Mescheder et al. 2018
    /// (arXiv:1801.04406, §2) uses the point 0 in one dimension. Modes: the point.
    public static func dirac(_ point: [Double] = [0]) -> Dataset { Dataset(source: .dirac(point: point)) }

    /// A 1-D Gaussian mixture: component i is drawn with probability wᵢ / Σw, then x ~ N(μᵢ, σᵢ²).
    /// Modes: the component means.
    public static func mixture1D(_ components: [MixtureComponent]) -> Dataset {
        Dataset(source: .mixture1D(components: components))
    }

    /// Real samples read from a dataset of an HDF5 file: a float array whose first axis indexes the
    /// samples (`[n, d]` for vectors, `[n, c, h, w]` for images). `shape` is the per-sample shape if
    /// declared (checked against the networks before training; otherwise only the runner can check it).
    /// `sha256`, if given, is the expected content hash of the array and the runner refuses a file
    /// that does not match it; either way the runner records the hash it found.
    public static func file(_ path: String, dataset: String, shape: [Int]? = nil, sha256: String? = nil) -> Dataset {
        Dataset(source: .file(path: path, dataset: dataset, shape: shape, sha256: sha256))
    }

    /// A small image set; see `ImageSet`.
    public static func images(_ set: ImageSet) -> Dataset { Dataset(source: .images(set: set)) }
}

/// One component of a 1-D Gaussian mixture.
public struct MixtureComponent: Codable, Hashable, Sendable {
    public var mean: Double
    public var std: Double
    /// Relative weight; weights are normalised by their sum.
    public var weight: Double

    public init(mean: Double, std: Double, weight: Double = 1) {
        self.mean = mean
        self.std = std
        self.weight = weight
    }
}
