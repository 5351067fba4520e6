import Nash
import NashEngine

/// The periodic evaluation (`Nash.Evaluation`): `samples` fresh generator samples (stream
/// `eval/latent` at step t) and, for the metrics that compare with data, as many fresh real samples
/// (stream `eval/data`, draw t; capped at the size of a finite set), scored by the metrics module.
///
/// Recorded under `/evals/`: each requested metric by `Metric.curveName`; and whenever the data has
/// modes, `dominant_mode` (−1 when no sample is high quality) and the high-quality histogram as one
/// series per mode, `mode_histogram/<k>` (the recorder takes scalars per step, so the `[m, K]` array of
/// `SeriesName.modeHistogram` is stored column by column).
struct Evaluator {
    let evaluation: Evaluation
    let loss: Loss
    let modes: MixtureModes?

    init(_ evaluation: Evaluation, loss: Loss, dataModes: [Mode]?, sampleShape: [Int]) {
        self.evaluation = evaluation
        self.loss = loss
        modes = dataModes.flatMap { Self.mixtureModes($0, dimension: sampleShape.reduce(1, *)) }
    }

    /// The metrics' view of the data's modes.
    /// NB: a mode with σ = 0 (a Dirac point, noiseless bars and stripes) makes "within 3σ" mean "exactly
    /// at the mode"; `MixtureModes` needs σ > 0, so σ = 0 becomes the least positive normal Float64,
    /// whose 3σ radius no sample at a different point can meet.
    static func mixtureModes(_ modes: [Mode], dimension: Int) -> MixtureModes? {
        guard !modes.isEmpty, modes.allSatisfy({ $0.mean.count == dimension }) else { return nil }
        return MixtureModes(dimension: dimension, means: modes.flatMap(\.mean),
                            stds: modes.map { $0.std > 0 ? $0.std : Double.leastNormalMagnitude })
    }

    /// The names this evaluation records, fixed before round 0.
    var names: [String] {
        var out = evaluation.metrics.map(\.curveName)
        if let modes {
            out.append(SeriesName.dominantMode)
            out += (0..<modes.count).map { "\(SeriesName.modeHistogram)/\($0)" }
        }
        return out
    }

    /// Evaluates the trainer's current G (and D, for the D metrics) after `t` rounds.
    func evaluate(_ trainer: Trainer, after t: Int) -> (values: [String: Double], histogram: [Int]?) {
        let n = evaluation.samples
        let z = trainer.streams.latents(trainer.scenario.latent!, count: n, stream: "eval/latent", step: t)
        let fakes = trainer.generate(z)
        let fake = fakes.scalars.map(Double.init)
        let dimension = fakes.count / max(n, 1)
        var values = [String: Double]()
        var histogram: [Int]?
        if let modes {
            let result = MixtureEvaluation(samples: fake, modes: modes)
            values[SeriesName.dominantMode] = Double(result.dominantMode ?? -1)
            for (k, count) in result.histogram.enumerated() { values["\(SeriesName.modeHistogram)/\(k)"] = Double(count) }
            histogram = result.histogram
            values[Metric.modes.curveName] = Double(result.modesCaptured)
            values[Metric.highQuality.curveName] = result.highQualityFraction
            values[Metric.reverseKL.curveName] = result.reverseKL
        }
        let needsReal = evaluation.metrics.contains { !$0.needsModes }
        if needsReal {
            let count = min(n, trainer.data.size ?? n)
            let reals = trainer.data.batch(draw: t, size: count, stream: "eval/data")
            let paired = count == n ? fakes : fakes.slice(axis: 0, 0..<count)
            let real = reals.scalars.map(Double.init)
            let realOutputs = trainer.critic(reals).scalars.map(Double.init)
            let fakeOutputs = trainer.critic(paired).scalars.map(Double.init)
            for metric in evaluation.metrics {
                switch metric {
                case .energyDistance:
                    values[metric.curveName] = SampleDistance.energyDistance(Array(fake.prefix(count * dimension)), real,
                                                                             dimension: dimension)
                case .discriminatorAccuracy:
                    values[metric.curveName] = DiscriminatorAccuracy(realOutputs: realOutputs, fakeOutputs: fakeOutputs,
                                                                     rule: .threshold(loss.decisionThreshold)).overall
                case .wassersteinEstimate:
                    values[metric.curveName] = Self.mean(realOutputs) - Self.mean(fakeOutputs)
                case .modes, .highQuality, .reverseKL:
                    break
                }
            }
        }
        // Only the requested metrics and the always-recorded mode series.
        let wanted = Set(names)
        return (values.filter { wanted.contains($0.key) }, histogram)
    }

    static func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
}
