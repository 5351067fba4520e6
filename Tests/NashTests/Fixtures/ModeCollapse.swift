import Nash

// The sketch of DESIGN.md §3, as a scenario file: a ring of eight Gaussians, and two remedies for
// mode collapse as variants. Used by the end-to-end tests, which compile and run it.

let gamma = Tunable("gamma", 10.0)
let steps = Tunable("steps", 25_000)
let unrolled = Tunable("unrolled", true)

/// Eight Gaussians on a ring (Metz et al. 2016, arXiv:1611.02163, appendix A).
let ring = Scenario("ring8") {
    Dataset.ring(modes: 8, radius: 2, std: 0.02)
    Latent.normal(256)
    Generator { Dense(128, .relu); Dense(128, .relu); Dense(2) }
    Discriminator { Scale(0.25); Dense(128, .relu); Dense(1) }
    Loss.minimax
    Train(steps: steps.value, batch: 512) {
        Update(.discriminator, times: 1, with: .adam(lr: 1e-4, beta1: 0.5))
        Update(.generator, with: .adam(lr: 1e-4, beta1: 0.5))
    }
    Seeds(1...5)
    Record {
        Curves(every: 10)
        Evaluate(.modes, .highQuality, .reverseKL, every: 500, samples: 2_500)
        Samples(2_048, every: 500)
        Checkpoint(every: 5_000)
        BestCheckpoint(by: .reverseKL)
    }
}

Notebook("mode-collapse") {
    ring
    if unrolled.value {
        ring.variant("unrolled-5") { Unrolled(steps: 5) }
    }
    ring.variant("wgan-gp") { Loss.wasserstein; Penalty.gradient(weight: gamma.value); DiscriminatorSteps(5) }
}
