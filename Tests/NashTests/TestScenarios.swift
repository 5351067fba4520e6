import Nash

/// Scenarios shared by the tests. Building them registers them in this process's registry, so every
/// suite that uses them first turns off the exit-time printing (`quietRegistry()`).
enum TestScenarios {
    /// DESIGN.md's ring sketch, valid.
    static func ring(_ name: String = "ring8") -> Scenario {
        Scenario(name) {
            Dataset.ring(modes: 8, radius: 2, std: 0.02)
            Latent.normal(256)
            Generator { Dense(128, .relu); Dense(128, .relu); Dense(2) }
            Discriminator { Scale(0.25); Dense(128, .relu); Dense(1) }
            Loss.minimax
            Train(steps: 25_000, batch: 512) {
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
    }

    /// The Dirac-GAN of Mescheder et al. 2018: G is a learnable constant, D is ψ·x; valid.
    static func dirac() -> Scenario {
        Scenario("dirac") {
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
    }

    /// A DCGAN-like image scenario on bars and stripes, using the image layers; valid.
    static func images() -> Scenario {
        Scenario("bars") {
            Dataset.images(.barsAndStripes(side: 4)).finite(30)
            Latent.uniform(16)
            Generator {
                Dense(32 * 2 * 2, .relu, init: .heNormal)
                Reshape(32, 2, 2)
                BatchNorm()
                ConvTranspose2D(16, kernel: 4, stride: 2, padding: 1, .relu)
                ConvTranspose2D(1, kernel: 3, stride: 1, padding: 1, init: .orthogonal(0.8))
                Tanh()
            }
            Discriminator {
                Conv2D(8, kernel: 3, stride: 1, padding: 1, .leakyReLU(0.2))
                Conv2D(16, kernel: 4, stride: 2, padding: 1)
                LayerNorm()
                LeakyReLU()
                Flatten()
                Dense(1, init: .normal(std: 0.02))
            }
            Loss.hinge
            SpectralNorm()
            Train(epochs: 3, batch: 10) {
                Update(.discriminator, epochs: 1, with: .rmsprop(lr: 2e-4).scheduled(.cosine))
                Update(.generator, times: 2, with: .momentum(lr: 1e-3, momentum: 0.5, nesterov: true).scheduled(.step(every: 100, factor: 0.5)))
            }
            Record { Evaluate(.modes, .discriminatorAccuracy, every: 5, samples: 64); Checkpoint(every: 10); BestCheckpoint(by: .discriminatorAccuracy) }
        }
    }

    /// One scenario per remaining vocabulary item, valid, so that every case is encoded somewhere.
    static func vocabulary() -> [Scenario] {
        let base = ring("vocab")
        return [
            base.variant("grid") { Dataset.grid(side: 5, spacing: 2, std: 0.05); Loss.nonSaturating; InstanceNoise(std: 0.1) },
            base.variant("spiral") {
                Dataset.spiral(turns: 2, radius: 2, noise: 0.05)
                Loss.wasserstein
                WeightClipping(0.01)
                Record { Evaluate(.energyDistance, .wassersteinEstimate, every: 100, samples: 500); BestCheckpoint(by: .energyDistance) }
            },
            base.variant("swiss") {
                Dataset.swissRoll()
                Loss.wasserstein
                Penalty.gradient(weight: 10)
                Record { Evaluate(.energyDistance, every: 100, samples: 500); BestCheckpoint(by: .energyDistance) }
            },
            base.variant("moons") {
                Dataset.twoMoons(noise: 0.1)
                Loss.leastSquares
                Penalty.r1(gamma: 1)
                Penalty.r2(gamma: 2)
                Generator { Dense(64, .elu()); Dense(64, .softplus); Dense(64, .tanh); Dense(2, .sigmoid) }
                Record { Evaluate(.energyDistance, every: 100, samples: 500); BestCheckpoint(by: .energyDistance) }
            },
            base.variant("mixture") {
                Dataset.mixture1D([MixtureComponent(mean: -2, std: 0.5), MixtureComponent(mean: 2, std: 0.25, weight: 3)])
                Generator { Dense(16, .leakyReLU(), init: .glorotNormal); Dense(1, bias: false, init: .heUniform) }
                Discriminator { Dense(16, init: .uniform(limit: 0.1)); ELU(); Dense(8, init: .orthogonal); Softplus(); Dense(1) }
                Loss.nonSaturating
                Penalty.roth(gamma: .exponential(from: 2, to: 0.02, steps: 10_000))
                InstanceNoise(.annealed(from: 0.5, over: 5_000))
                Penalty.weights(1e-3)
                Optimize(.generator, with: .adam(lr: 1e-4).scheduled(.linear(final: 0.1)))
            },
            base.variant("file") {
                Dataset.file("data/points.h5", dataset: "/x", shape: [2],
                             sha256: String(repeating: "ab", count: 32))
                Loss.nonSaturating
                Record { Evaluate(.energyDistance, every: 100, samples: 500); BestCheckpoint(by: .energyDistance) }
            },
        ]
    }
}

/// Turns off the scenario program's exit-time printing for this test process.
func quietRegistry() { ScenarioProgram.emitsAtExit = false }
