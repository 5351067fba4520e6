/// A curve of one variant over its seeds: at every step that any seed recorded, the mean, minimum and
/// maximum of the finite values there (NaN and ±Inf are left out; a step where no seed is finite is
/// dropped), and how many seeds made it. Each seed is smoothed first when `smoothing` is given.
public struct SeedBand: Equatable {
    public struct Point: Equatable {
        public var step: Int
        public var mean: Double
        public var min: Double
        public var max: Double
        /// Seeds with a finite value at this step.
        public var count: Int
    }

    public var points: [Point]

    public init(_ variant: VariantGroup, curve: String, smoothing: Smoothing?) {
        var byStep = [Int: [Double]]()
        for run in variant.runs {
            guard let series = run.series(of: curve) else { continue }
            let values = smoothing?.apply(series.values) ?? series.values
            for (step, value) in zip(series.steps, values) where value.isFinite { byStep[step, default: []].append(value) }
        }
        points = byStep.keys.sorted().map { step in
            let values = byStep[step]!
            return Point(step: step, mean: values.reduce(0, +) / Double(values.count),
                         min: values.min()!, max: values.max()!, count: values.count)
        }
    }

    public var isEmpty: Bool { points.isEmpty }
}

/// An exponential moving average, s₀ = x₀, sₜ = α·xₜ + (1 − α)·sₜ₋₁: α = 1 leaves a curve as it is,
/// small α smooths more. Every output that shows smoothed numbers says "EMA α=…" (`label`).
/// NB: a non-finite xₜ gives a non-finite sₜ at that step only; the average carries on from sₜ₋₁.
public struct Smoothing: Equatable, Sendable {
    public let alpha: Double

    /// Nil unless 0 < α ≤ 1.
    public init?(alpha: Double) {
        guard alpha > 0, alpha <= 1 else { return nil }
        self.alpha = alpha
    }

    public func apply(_ values: [Double]) -> [Double] {
        var state: Double?
        return values.map { x in
            guard x.isFinite else { return x }
            let s = state.map { alpha * x + (1 - alpha) * $0 } ?? x
            state = s
            return s
        }
    }

    /// "EMA α=0.1", as axis labels, legends and headers show it.
    public var label: String { "EMA α=\(Text.number(alpha))" }
}
