import Nash

/// Alternating training against simultaneous updates, on the Dirac-GAN of Mescheder et al. 2018
/// (arXiv:1801.04406, §2): the data is the single point 0, the generator is one learnable constant θ
/// (it ignores z), the discriminator is D(x) = ψ·x without bias, the loss is the minimax loss and both
/// players take plain SGD steps of size 0.1. The only equilibrium is (θ, ψ) = (0, 0), where G emits
/// the data and D is a coin flip.
///
/// - `dirac-alternating`: a D step with G held fixed, then a G step with D held fixed, every round
///   (Goodfellow et al. 2014, arXiv:1406.2661, algorithm 1).
/// - `dirac-simultaneous`: both gradients taken at the same point, then both steps.
///
/// Claim, read from the recorded parameter trajectory (`/trajectory`, every 10 rounds) at full length
/// (2,000 rounds; ‖(θ, ψ)‖ starts at √2 ≈ 1.414):
/// - simultaneous steps spiral outward: ‖(θ, ψ)‖ never falls below its start and ends above 3
///   (measured: 3.23). Each step multiplies the distance by about √(1 + h²f′(0)²) > 1.
/// - alternating steps stay on a closed orbit around the equilibrium: ‖(θ, ψ)‖ stays within 5% of its
///   start for the whole run (measured: 1.376 to 1.415), and the diagnosis reports `oscillation`.
/// Neither converges; `failure-to-converge.swift` adds the regularisers that make it converge.
let steps = Tunable("steps", 2_000)

func dirac(_ name: String, simultaneous: Bool) -> Scenario {
    Scenario(name) {
        Dataset.dirac([0])
        Latent.normal(1)
        Generator { LearnableConstant(1, init: .constant(1)) }
        Discriminator { Dense(1, bias: false, init: .constant(1)) }
        Loss.minimax
        Train(steps: steps.value, batch: 64) {
            if simultaneous {
                Simultaneous(generator: .sgd(lr: 0.1), discriminator: .sgd(lr: 0.1))
            } else {
                Update(.discriminator, with: .sgd(lr: 0.1))
                Update(.generator, with: .sgd(lr: 0.1))
            }
        }
        Seeds(1)
        Record {
            Curves(every: 1)
            Trajectory(every: 10)
            Checkpoint(every: 500)
        }
    }
}

Notebook("alternating-training") {
    dirac("dirac-alternating", simultaneous: false)
    dirac("dirac-simultaneous", simultaneous: true)
}
