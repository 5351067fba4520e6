import Nash

/// Mode collapse, and two remedies, on eight Gaussians on a ring (Metz et al. 2016, arXiv:1611.02163,
/// appendix A) and twenty-five on a 5×5 grid (Srivastava et al. 2017, VEEGAN, arXiv:1705.07761, §5.1).
///
/// The base GAN has a strong discriminator: five D steps (Adam, lr 10⁻³) per G step (Adam, lr 10⁻⁴),
/// non-saturating loss, 64-wide ReLU networks, a 2-D latent. G finds a few modes that D cannot yet
/// reject and stays on them.
/// - `ring8`, `grid25`: the base GAN;
/// - `…/unrolled-5`: G's loss looks 5 of D's optimiser steps ahead and back-propagates through them
///   (Metz et al. 2016);
/// - `…/wgan-gp`: the Wasserstein loss with the gradient penalty, λ = 10 (Gulrajani et al. 2017,
///   arXiv:1704.00028), the critic trained with the same five steps.
///
/// Claim, at full length (3,000 rounds; modes captured, high-quality fraction and reverse KL as VEEGAN
/// defines them, on 2,500 samples every 250 rounds; `nash show` prints the diagnosis):
/// (measurement in progress)
let steps = Tunable("steps", 3_000)

func mixture(_ name: String, _ data: Dataset) -> Scenario {
    Scenario(name) {
        data
        Latent.normal(2)
        Generator { Dense(64, .relu); Dense(64, .relu); Dense(2) }
        Discriminator { Dense(64, .relu); Dense(64, .relu); Dense(1) }
        Loss.nonSaturating
        Train(steps: steps.value, batch: 256) {
            Update(.discriminator, times: 5, with: .adam(lr: 1e-3, beta1: 0.5))
            Update(.generator, with: .adam(lr: 1e-4, beta1: 0.5))
        }
        Seeds(1)
        Record {
            Curves(every: 10)
            Evaluate(.modes, .highQuality, .reverseKL, every: 250, samples: 2_500)
            Samples(1_000, every: 500)
            Checkpoint(every: 500)
            BestCheckpoint(by: .reverseKL)
        }
    }
}

let ring = mixture("ring8", .ring(modes: 8, radius: 2, std: 0.02))
let grid = mixture("grid25", .grid(side: 5, spacing: 2, std: 0.05))

Notebook("mode-collapse") {
    for base in [ring, grid] {
        base
        base.variant("unrolled-5") { Unrolled(steps: 5) }
        base.variant("wgan-gp") { Loss.wasserstein; Penalty.gradient(weight: 10) }
    }
}
