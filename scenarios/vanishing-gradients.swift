import Nash

/// Vanishing gradients under a strong discriminator, and the two remedies of the account: the
/// non-saturating generator loss (Goodfellow et al. 2014, arXiv:1406.2661, §3) and the Wasserstein
/// loss (Arjovsky et al. 2017, arXiv:1701.07875; here with the gradient penalty of Gulrajani et al.
/// 2017, arXiv:1704.00028, λ = 10, so the critic stays Lipschitz).
///
/// Eight Gaussians on a ring. D is made strong: five D steps per G step at a learning rate fifty times
/// G's (Adam, 5·10⁻³ against 10⁻⁴). Early on G's samples sit in a blob at the centre, D separates them
/// from the ring with growing confidence, and under the minimax loss ln(1 − D(G(z))) saturates: its
/// gradient is proportional to D(G(z)), which D drives to zero (Arjovsky & Bottou 2017,
/// arXiv:1701.04862, §2.2).
///
/// Claim, at full length (2,000 rounds; curves every 10 rounds; measured values in brackets):
/// - `vanishing-gradients` (minimax): the diagnosis reports `vanishing_gradients` early in training
///   [rounds 131–491]: G's gradient norm falls below 1% of its peak [0.13%] while D calls ≥ 99% of fakes
///   fake [99.99%] with a mean σ(D(G(z))) below 0.01 [0.0001]. G covers at most one mode all run.
/// - `…/non-saturating`: no `vanishing_gradients`: after round 500 G's gradient norm never falls below
///   1 [3.7], and the high-quality fraction climbs above 0.5 [0.675], on at most three modes (this strong
///   D also makes G collapse, the subject of `mode-collapse.swift`; the diagnosis says `mode_collapse`).
/// - `…/wasserstein`: no `vanishing_gradients`: G's gradient norm never falls below 0.1 [0.28], and G
///   reaches at least 6 of the 8 modes [7].
let steps = Tunable("steps", 2_000)

let minimax = Scenario("vanishing-gradients") {
    Dataset.ring(modes: 8, radius: 2, std: 0.02)
    Latent.normal(2)
    Generator { Dense(64, .relu); Dense(64, .relu); Dense(2) }
    Discriminator { Dense(64, .relu); Dense(64, .relu); Dense(1) }
    Loss.minimax
    Train(steps: steps.value, batch: 256) {
        Update(.discriminator, times: 5, with: .adam(lr: 5e-3, beta1: 0.5))
        Update(.generator, with: .adam(lr: 1e-4, beta1: 0.5))
    }
    Seeds(1)
    Record {
        Curves(every: 10)
        Evaluate(.modes, .highQuality, .reverseKL, every: 100, samples: 1_000)
        Samples(512, every: 500)
        Checkpoint(every: 500)
    }
}

Notebook("vanishing-gradients") {
    minimax
    minimax.variant("non-saturating") { Loss.nonSaturating }
    minimax.variant("wasserstein") { Loss.wasserstein; Penalty.gradient(weight: 10) }
}
