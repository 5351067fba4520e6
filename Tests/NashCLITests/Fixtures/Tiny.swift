import Nash

// A tiny copy of scenarios/quickstart.swift for the end-to-end tests: 40 rounds by default,
// a checkpoint every 10 rounds, so that kill -9 and resume have checkpoints to work with.
let steps = Tunable("steps", 40)
// Long runs set it higher: each checkpoint adds its groups to the run file, and a commit writes the
// whole file, so 400 checkpoints cost minutes of disk writes where 20 cost seconds.
let checkpointEvery = Tunable("checkpoint", 10)

let tiny = Scenario("tiny") {
    Dataset.ring(modes: 8, radius: 2, std: 0.02)
    Latent.normal(2)
    Generator { Dense(16, .relu); Dense(2) }
    Discriminator { Scale(0.25); Dense(16, .relu); Dense(1) }
    Loss.nonSaturating
    Train(steps: steps.value, batch: 64) {
        Update(.discriminator, with: .adam(lr: 1e-3, beta1: 0.5))
        Update(.generator, with: .adam(lr: 1e-3, beta1: 0.5))
    }
    Seeds(1)
    Record {
        Curves(every: 10)
        Evaluate(.modes, .highQuality, .reverseKL, every: 10, samples: 200)
        Samples(64, every: 20)
        Checkpoint(every: checkpointEvery.value)
        BestCheckpoint(by: .reverseKL)
    }
}
