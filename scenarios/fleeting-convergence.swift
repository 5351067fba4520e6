import Nash

/// Convergence is fleeting: as G improves, D's accuracy falls to a coin flip; from then on D's
/// feedback is noise, and continued training can make G worse (Goodfellow et al. 2014,
/// arXiv:1406.2661, §4: at the optimum D = ½ everywhere and G has nothing left to learn from it).
///
/// A two-component 1-D mixture (means ±4, σ = 0.5), small tanh networks, the non-saturating loss,
/// alternating Adam steps. The energy distance to the data is evaluated every 100 rounds on 2,000
/// samples, a checkpoint is written every 100 rounds, and the best checkpoint is chosen by the
/// energy distance.
///
/// Claim, at full length (4,000 rounds; measured values in brackets):
/// - D's accuracy first climbs above 70%, then falls to within 5 points of 50% and stays there: the
///   diagnosis reports `convergence_window` [rounds 1,151–4,000, mean accuracy 50.3%];
/// - G is at its best early, at round 500 [energy distance 0.013, the checkpoint the diagnosis names],
///   and the energy distance at the end is more than three times that [0.096; up to 0.21 at round
///   3,900]: with D at a coin flip, training on made G worse. Keep the best checkpoint, not the last.
let steps = Tunable("steps", 4_000)

let fleeting = Scenario("fleeting-convergence") {
    Dataset.mixture1D([MixtureComponent(mean: -4, std: 0.5), MixtureComponent(mean: 4, std: 0.5)])
    Latent.normal(1)
    Generator { Dense(32, .tanh); Dense(32, .tanh); Dense(1) }
    Discriminator { Dense(32, .tanh); Dense(32, .tanh); Dense(1) }
    Loss.nonSaturating
    Train(steps: steps.value, batch: 256) {
        Update(.discriminator, with: .adam(lr: 1e-3, beta1: 0.5))
        Update(.generator, with: .adam(lr: 1e-3, beta1: 0.5))
    }
    Seeds(1)
    Record {
        Curves(every: 10)
        Evaluate(.energyDistance, every: 100, samples: 2_000)
        Samples(1_000, every: 500)
        Checkpoint(every: 100)
        BestCheckpoint(by: .energyDistance)
    }
}
