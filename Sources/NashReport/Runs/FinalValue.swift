/// The final value of a curve over a variant's seeds: each seed's last recorded value (of the smoothed
/// curve when `smoothing` is given), then the mean and the sample standard deviation (n − 1) of the finite ones.
public struct FinalValue: Equatable {
    public var mean: Double
    /// Nil with a single finite seed.
    public var std: Double?
    /// Seeds with a finite final value.
    public var count: Int
    /// Seeds that recorded the curve at all.
    public var recorded: Int

    /// Nil when no seed recorded the curve.
    public init?(_ variant: VariantGroup, curve: String, smoothing: Smoothing? = nil) {
        let finals = variant.runs.compactMap { run in
            run.series(of: curve).flatMap { (smoothing?.apply($0.values) ?? $0.values).last }
        }
        guard !finals.isEmpty else { return nil }
        let finite = finals.filter(\.isFinite)
        recorded = finals.count
        count = finite.count
        guard !finite.isEmpty else {
            mean = .nan
            std = nil
            return
        }
        mean = finite.reduce(0, +) / Double(finite.count)
        std = finite.count > 1
            ? (finite.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(finite.count - 1)).squareRoot()
            : nil
    }
}
