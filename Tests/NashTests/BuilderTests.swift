import Nash
import Testing

struct BuilderTests {
    init() { quietRegistry() }

    @Test func denseExpandsToLayerAndActivation() {
        let network = Network { Dense(4, .relu); Dense(3, bias: false); Dense(2, .leakyReLU(0.1), init: .heUniform, biasInit: .constant(0.5)) }
        #expect(network.layers == [
            .dense(units: 4, bias: true, weightInit: .glorotUniform, biasInit: .zeros),
            .activation(function: .relu),
            .dense(units: 3, bias: false, weightInit: .glorotUniform, biasInit: .zeros),
            .dense(units: 2, bias: true, weightInit: .heUniform, biasInit: .constant(value: 0.5)),
            .activation(function: .leakyReLU(slope: 0.1)),
        ])
    }

    @Test func nativeControlFlowInNetworks() {
        func mlp(depth: Int, wide: Bool, norm: String) -> Network {
            Network {
                for _ in 0..<depth {
                    if wide { Dense(256, .relu) } else { Dense(64, .relu) }
                    switch norm {
                    case "layer": LayerNorm()
                    case "batch": BatchNorm(epsilon: 1e-3, affine: false)
                    default: [Layer]()
                    }
                }
                if depth > 2 { Tanh() }
                Dense(1)
            }
        }
        #expect(mlp(depth: 0, wide: true, norm: "none").layers == [.dense(units: 1, bias: true, weightInit: .glorotUniform, biasInit: .zeros)])
        let deep = mlp(depth: 3, wide: false, norm: "batch")
        #expect(deep.layers.count == 3 * 3 + 2)
        #expect(deep.layers[2] == .batchNorm(epsilon: 1e-3, affine: false))
        #expect(deep.layers[9] == .activation(function: .tanh))
        #expect(mlp(depth: 1, wide: true, norm: "layer").layers[0] == .dense(units: 256, bias: true, weightInit: .glorotUniform, biasInit: .zeros))
    }

    @Test func nativeControlFlowInScenarios() {
        let ring = Dataset.ring(modes: 8, radius: 2, std: 0.02)
        func make(_ name: String, wasserstein: Bool, penalties: [Double]) -> Scenario {
            Scenario(name) {
                ring
                if wasserstein {
                    Loss.wasserstein
                } else {
                    Loss.nonSaturating
                }
                for gamma in penalties { Penalty.r1(gamma: gamma) }
                if let first = penalties.first, first > 5 { InstanceNoise(std: 0.1) }
            }
        }
        let plain = make("plain", wasserstein: false, penalties: [])
        #expect(plain.loss == .nonSaturating)
        #expect(plain.regularizers.isEmpty)
        #expect(plain.data == .ring(modes: 8, radius: 2, std: 0.02))
        let critic = make("critic", wasserstein: true, penalties: [10, 1])
        #expect(critic.loss == .wasserstein)
        // Two R1 penalties: the later replaces the earlier, in place.
        #expect(critic.regularizers == [.r1(gamma: 1), .instanceNoise(std: .constant(value: 0.1))])
    }

    @Test func trainBodyAndOptimizers() {
        let scenario = Scenario("ttur") {
            Train(steps: 100, batch: 64) {
                Update(.discriminator, times: 5, with: .adam(lr: 4e-4, beta1: 0, beta2: 0.9))
                Update(.generator, with: .adam(lr: 1e-4, beta1: 0, beta2: 0.9))
                Unrolled(steps: 3)
            }
        }
        #expect(scenario.training.length == .steps(count: 100))
        #expect(scenario.training.batchSize == 64)
        #expect(scenario.training.updates == [UpdateStep(.discriminator, .steps(count: 5)), UpdateStep(.generator)])
        #expect(scenario.training.discriminatorOptimizer == Optimizer(.adam(beta1: 0, beta2: 0.9, epsilon: 1e-8), learningRate: 4e-4))
        #expect(scenario.training.generatorOptimizer?.learningRate == 1e-4)
        #expect(scenario.training.unrolledSteps == 3)
        #expect(scenario.training.optimizer(for: .discriminator)?.learningRate == 4e-4)
    }

    @Test func standaloneTrainingComponents() {
        let scenario = Scenario("pieces") {
            Steps(10)
            BatchSize(8)
            Update(.discriminator, with: .sgd(lr: 0.1))
            Update(.generator, with: .sgd(lr: 0.1))
            GeneratorSteps(2)
            DiscriminatorSteps(3)
            Optimize(.discriminator, with: .rmsprop(lr: 5e-5))
            Epochs(2)
        }
        #expect(scenario.training == Training(length: .epochs(count: 2), batchSize: 8,
                                              updates: [UpdateStep(.discriminator, .steps(count: 3)), UpdateStep(.generator, .steps(count: 2))],
                                              generatorOptimizer: .sgd(lr: 0.1), discriminatorOptimizer: .rmsprop(lr: 5e-5)))
        // DiscriminatorSteps on a round without a D update adds one at the start; GeneratorSteps at the end.
        let added = Scenario("added") { Simultaneous(); DiscriminatorSteps(2); GeneratorSteps(4) }
        #expect(added.training.updates == [UpdateStep(.discriminator, .steps(count: 2)), UpdateStep(.simultaneous),
                                           UpdateStep(.generator, .steps(count: 4))])
    }

    @Test func componentsBundleAndRegularizerRemoval() {
        let adam = Components {
            Update(.discriminator, with: .adam(lr: 1e-4, beta1: 0.5))
            Update(.generator, with: .adam(lr: 1e-4, beta1: 0.5))
        }
        let scenario = Scenario("bundle") {
            adam
            Penalty.gradient(weight: 10)
            WeightClipping(0.01)
            SpectralNorm(powerIterations: 2)
            Without(.weightClipping)
        }
        #expect(scenario.training.updates.count == 2)
        #expect(scenario.regularizers == [.gradientPenalty(weight: 10, target: 1), .spectralNorm(powerIterations: 2)])
        let cleared = Scenario("cleared") { Penalty.gradient(weight: 10); NoRegularization() }
        #expect(cleared.regularizers.isEmpty)
    }

    @Test func recordingAndSeeds() {
        let scenario = Scenario("rec") {
            Record { Curves(every: 5); Samples(16, every: 50) }
            Checkpoint(every: 100)
            Trajectory(every: 2)
            Seeds(3, 1, 2)
        }
        #expect(scenario.recording == Recording(curvesEvery: 5, samples: SampleSnapshots(count: 16, every: 50),
                                                checkpointEvery: 100, trajectoryEvery: 2))
        #expect(scenario.seeds == [3, 1, 2])
        #expect(Scenario("range") { Seeds(1..<4) }.seeds == [1, 2, 3])
        #expect(Scenario("array") { Seeds([9, 8]) }.seeds == [9, 8])
        #expect(Scenario("default") {}.seeds == [1])
    }

    @Test func notebookCollectsNamesInOrder() {
        let ring = TestScenarios.ring("nb-ring")
        let notebook = Notebook("collapse") {
            ring
            for k in [1, 5] { ring.variant("unrolled-\(k)") { Unrolled(steps: k) } }
            if ring.loss == .minimax { ring.variant("ns") { Loss.nonSaturating } }
        }
        #expect(notebook == Notebook(name: "collapse", scenarios: ["nb-ring", "nb-ring/unrolled-1", "nb-ring/unrolled-5", "nb-ring/ns"]))
        let document = ScenarioProgram.document()
        #expect(document.notebooks.contains(notebook))
        for name in notebook.scenarios { #expect(document.scenario(named: name) != nil, "\(name) registered") }
    }
}
