import Nash
import NashEngine

/// The run's named random streams (DESIGN.md §4), all under the run's seed. Each consumer has its own
/// name, so none shifts another's draws; how steps are folded into each is stated on `RoundPlan`.
///
/// | stream | drawn |
/// | --- | --- |
/// | `init/G`, `init/D` | initial parameters, step = parameter index (spectral-norm u after them) |
/// | `data`, `latent` | each minibatch step's real batch and latents |
/// | `noise/instance`, `penalty/interpolate` | instance noise, WGAN-GP's ε |
/// | `unroll/…` | the same four for the look-ahead steps of an unrolled G step |
/// | `eval/latent`, `eval/data` | evaluation samples, step = the evaluated round |
/// | `samples` | the fixed latent batch of sample snapshots, step 0 |
/// | `reference` | the real reference sample stored with the run |
public struct RunStreams {
    public let seed: UInt64

    public init(seed: UInt64) { self.seed = seed }

    public func stream(_ name: String) -> RandomStream { RandomStream(seed: seed, name: name) }

    /// `count` latent vectors `[count, dimension]` from `name` at `step`: N(0, 1) coordinates, or
    /// 2u − 1 with u ∈ [0, 1) for U(−1, 1).
    public func latents(_ latent: Latent, count: Int, stream name: String, step: Int) -> Tensor {
        let draws = stream(name).at(step: step)
        let n = count * latent.dimension
        let values: [Float]
        switch latent.distribution {
        case .normal: values = draws.normal(count: n)
        case .uniform: values = draws.uniform(count: n).map { 2 * $0 - 1 }
        }
        return Tensor(shape: [count, latent.dimension], scalars: values)
    }

    /// The draws of one loss evaluation: unit normals for instance noise (2·`sampleValues`, real half
    /// first) and WGAN-GP's per-sample ε, each only when the objective needs it. `prefix` is "" or "unroll/".
    func objectiveDraws(_ objective: TrainingObjective, prefix: String, step: Int, batch: Int,
                        sampleValues: Int, round: Int) -> TrainingObjective.Draws {
        var draws = TrainingObjective.Draws()
        if objective.noiseStd(round: round) != nil {
            draws.noise = stream(prefix + "noise/instance").at(step: step).normal(count: 2 * sampleValues)
        }
        if objective.interpolates {
            draws.interpolation = stream(prefix + "penalty/interpolate").at(step: step).uniform(count: batch)
        }
        return draws
    }
}
