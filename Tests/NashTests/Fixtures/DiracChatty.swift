import Nash

// The Dirac-GAN of Mescheder et al. 2018 (arXiv:1801.04406, §2), in a file that also prints a line
// of its own: the scenario document must still be the last line of stdout. No tunables, so any
// --set is an unknown name.

print("a scenario file may print; the document comes last")

let dirac = Scenario("dirac") {
    Dataset.dirac([0])
    Latent.normal(1)
    Generator { LearnableConstant(1, init: .constant(1)) }
    Discriminator { Linear(1, init: .constant(1)) }
    Loss.nonSaturating
    Train(steps: 2_000, batch: 1) {
        Simultaneous(generator: .sgd(lr: 0.1), discriminator: .sgd(lr: 0.1))
    }
    Record { Curves(every: 1); Trajectory(every: 1) }
    Seed(7)
}

for lr in [0.01, 1.0] {
    dirac.variant("lr-\(lr)") {
        Round { Simultaneous(generator: .sgd(lr: lr), discriminator: .sgd(lr: lr)) }
    }
}
