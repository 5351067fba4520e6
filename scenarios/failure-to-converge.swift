import Nash

/// Failure to converge, and the regularisers that cure it, on the Dirac-GAN of Mescheder et al. 2018
/// (arXiv:1801.04406): data at the point 0, G = one learnable constant θ, D(x) = ψ·x without bias,
/// minimax loss, alternating SGD steps of size 0.1, starting at (θ, ψ) = (1, 1).
///
/// - `dirac`: no regulariser. The updates circle the equilibrium (0, 0) for ever (their §2.2).
/// - `dirac/instance-noise`: Gaussian noise of σ = 1 added to both of D's inputs (Sønderby et al. 2016,
///   arXiv:1610.04490; Arjovsky & Bottou 2017, arXiv:1701.04862), Mescheder et al.'s §3.2.
/// - `dirac/weight-penalty`: (λ/2)·ψ² with λ = 0.5 on D's weight, which damps ψ.
/// - `dirac/r1`: R1, (γ/2)·E‖∇ₓD(x)‖² on real data with γ = 1 (their §4.1, Theorem 4.1).
/// - `dirac/wgan-gp`: the Wasserstein loss with the WGAN-GP penalty λ·E(‖∇D(x̂)‖ − 1)², λ = 1
///   (Gulrajani et al. 2017, arXiv:1704.00028), which their §3 shows is not convergent here.
///
/// Claim, at full length (2,000 rounds), from the trajectory (`/trajectory`, every 10 rounds) and the
/// diagnosis (‖(θ, ψ)‖ starts at √2 ≈ 1.414):
/// - unregularised: ‖(θ, ψ)‖ stays between 1.3 and 1.42 (measured 1.376 to 1.415); diagnosis `oscillation`;
/// - instance noise: the mean ‖(θ, ψ)‖ over the last quarter is under 5% of the start (measured 1.8%;
///   what remains is the noise's own jitter); no `oscillation`;
/// - weight penalty and R1: ‖(θ, ψ)‖ ends below 10⁻³ (measured below 10⁻⁶); no `oscillation`;
/// - WGAN-GP: does not converge: the last quarter's mean ‖(θ, ψ)‖ stays above the start (measured
///   1.31 × start; θ ends near −2); diagnosis `oscillation`.
let steps = Tunable("steps", 2_000)

let dirac = Scenario("dirac") {
    Dataset.dirac([0])
    Latent.normal(1)
    Generator { LearnableConstant(1, init: .constant(1)) }
    Discriminator { Dense(1, bias: false, init: .constant(1)) }
    Loss.minimax
    Train(steps: steps.value, batch: 64) {
        Update(.discriminator, with: .sgd(lr: 0.1))
        Update(.generator, with: .sgd(lr: 0.1))
    }
    Seeds(1)
    Record {
        Curves(every: 1)
        Trajectory(every: 10)
        Checkpoint(every: 500)
    }
}

Notebook("failure-to-converge") {
    dirac
    dirac.variant("instance-noise") { InstanceNoise(std: 1) }
    dirac.variant("weight-penalty") { Penalty.weights(0.5) }
    dirac.variant("r1") { Penalty.r1(gamma: 1) }
    dirac.variant("wgan-gp") { Loss.wasserstein; Penalty.gradient(weight: 1) }
}
