import Nash

/// Quick start: a small GAN on eight Gaussians on a ring (the toy problem of Metz et al. 2016,
/// arXiv:1611.02163, appendix A), trained with the non-saturating loss of Goodfellow et al. 2014
/// (arXiv:1406.2661, §3) and alternating updates, one D step per G step.
///
/// Small enough to finish in well under a minute on one core: `nash run scenarios/quickstart.swift`,
/// then `nash show` the file it names. The curves show D's accuracy on real and fake batches and
/// both losses; the evaluations count the modes G covers every 250 rounds.
let quickstart = Scenario("quickstart") {
    Dataset.ring(modes: 8, radius: 2, std: 0.02)
    Latent.normal(2)
    Generator { Dense(64, .relu); Dense(64, .relu); Dense(2) }
    Discriminator { Scale(0.25); Dense(64, .relu); Dense(64, .relu); Dense(1) }
    Loss.nonSaturating
    Train(steps: 2_000, batch: 256) {
        Update(.discriminator, with: .adam(lr: 1e-3, beta1: 0.5))
        Update(.generator, with: .adam(lr: 1e-3, beta1: 0.5))
    }
    Seeds(1)
    Record {
        Curves(every: 10)
        Evaluate(.modes, .highQuality, .reverseKL, every: 250, samples: 2_500)
        Samples(512, every: 250)
        Checkpoint(every: 500)
        BestCheckpoint(by: .reverseKL)
    }
}
