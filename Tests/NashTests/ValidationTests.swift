import Nash
import Testing

/// Every validation message, exactly. Each case breaks one thing in a valid scenario and expects the
/// complete list of problems, so a check that fires too often fails as well.
struct ValidationTests {
    init() { quietRegistry() }

    func problems(_ base: Scenario, _ mutate: (inout Scenario) -> Void) -> [String] {
        var scenario = base
        mutate(&scenario)
        return scenario.validate().map(\.description)
    }

    let ring = TestScenarios.ring()
    let images = TestScenarios.images()
    let dirac = TestScenarios.dirac()
    let prefix = "scenario 'ring8', "

    @Test func validScenariosHaveNoProblems() {
        for scenario in [ring, images, dirac] + TestScenarios.vocabulary() {
            #expect(scenario.validate() == [], "\(scenario.name)")
        }
    }

    @Test func names() {
        #expect(problems(ring) { $0.name = "" } == ["scenario '', name: is empty"])
        for bad in ["ring 8", "a//b", "/a", "a/", "../x", "é"] {
            #expect(problems(ring) { $0.name = bad } == [
                "scenario '\(bad)', name: '\(bad)' may contain only letters, digits, '.', '_' and '-', with '/' between a base and its variant",
            ])
        }
        #expect(problems(ring) { $0.name = "ring-8.v2/unrolled_5" } == [])
    }

    @Test func data() {
        let noModes = { (s: inout Scenario) in s.recording.evaluation = nil; s.recording.bestCheckpoint = nil }
        #expect(problems(ring) { $0.data = nil } == [prefix + "data: no dataset declared (add one, e.g. Dataset.ring(modes: 8, radius: 2, std: 0.02))"])
        #expect(problems(ring) { $0.data = .ring(modes: 0, radius: 2, std: 0.02) } == [prefix + "data: ring modes must be at least 1, got 0"])
        #expect(problems(ring) { $0.data = .ring(modes: 8, radius: 2, std: -0.1) } == [prefix + "data: ring std must be finite and non-negative, got -0.1"])
        #expect(problems(ring) { $0.data = .grid(side: 5, spacing: 0, std: 0.05) } == [prefix + "data: grid spacing must be positive and finite, got 0"])
        #expect(problems(ring) { $0.data = .spiral(turns: 0); noModes(&$0) } == [prefix + "data: spiral turns must be positive and finite, got 0"])
        #expect(problems(ring) { $0.data = .swissRoll(scale: 0); noModes(&$0) } == [prefix + "data: swiss roll scale must be positive and finite, got 0"])
        #expect(problems(ring) { $0.data = .twoMoons(noise: .nan); noModes(&$0) } == [prefix + "data: two moons noise must be finite and non-negative, got nan"])
        #expect(problems(ring) { $0.data = .dirac([]) } == [prefix + "data: dirac point must have at least one coordinate"])
        #expect(problems(ring) { $0.data = .mixture1D([]) } == [
            prefix + "data: 1-D mixture has no components",
            prefix + "generator: outputs shape [2] but the data has shape [1]",
        ])
        #expect(problems(ring) { $0.data = .mixture1D([MixtureComponent(mean: 0, std: 1), MixtureComponent(mean: 1, std: 1, weight: 0)]) } == [
            prefix + "data: 1-D mixture component 1 weight must be positive and finite, got 0",
            prefix + "generator: outputs shape [2] but the data has shape [1]",
        ])
        #expect(problems(ring) { $0.data = Dataset(source: .file(path: "", dataset: "", shape: [2], sha256: "XYZ"), size: 10); noModes(&$0) } == [
            prefix + "data: file path is empty",
            prefix + "data: HDF5 dataset name is empty",
            prefix + "data: sha256 must be 64 lower-case hex digits, got 'XYZ'",
            prefix + "data: a file data set is finite already; remove .finite(…)",
            prefix + "training: batch size 512 exceeds the data set's 10 points",
        ])
        #expect(problems(ring) { $0.data = .file("x.h5", dataset: "x", shape: [0]); noModes(&$0) } == [
            prefix + "data: declared shape [0] must have positive sizes",
        ])
        #expect(problems(ring) { $0.data = .images(.barsAndStripes(side: 20)) } == [
            prefix + "data: bars and stripes side must be in 1...16, got 20",
            prefix + "generator: outputs shape [2] but the data has shape [1, 20, 20]",
            prefix + "discriminator layer 1 (dense): expects a vector, got shape [1, 20, 20] (add Flatten() first)",
        ])
        #expect(problems(ring) { $0.data = $0.data!.finite(0) } == [prefix + "data: finite data set size must be at least 1, got 0"])
    }

    @Test func latent() {
        #expect(problems(ring) { $0.latent = nil } == [prefix + "latent: no latent distribution declared (add one, e.g. Latent.normal(2))"])
        #expect(problems(ring) { $0.latent = .normal(0) } == [prefix + "latent: dimension must be at least 1, got 0"])
    }

    @Test func networkShapes() {
        #expect(problems(ring) { $0.generator = Network(layers: []) } == [prefix + "generator: has no layers"])
        #expect(problems(ring) { $0.discriminator = Network(layers: []) } == [prefix + "discriminator: has no layers"])
        #expect(problems(ring) { $0.generator = Network { Dense(128, .relu); Dense(3) } } == [
            prefix + "generator: outputs shape [3] but the data has shape [2]",
        ])
        #expect(problems(ring) { $0.discriminator = Network { Dense(128, .relu); Dense(2) } } == [
            prefix + "discriminator: outputs shape [2]; it must output [1], one score per sample",
        ])
        #expect(problems(ring) { $0.discriminator = Network { Conv2D(8, kernel: 3); Flatten(); Dense(1) } } == [
            prefix + "discriminator layer 0 (conv2d): expects an image [channels, height, width], got a vector [2] (image layers on vector data)",
        ])
        #expect(problems(ring) { $0.generator = Network { Dense(2); Reshape(1, 2, 2) } } == [
            prefix + "generator layer 1 (reshape): cannot reshape [2] (2 values) to [1, 2, 2] (4 values)",
        ])
        #expect(problems(ring) { $0.generator = Network { Dense(0); Dense(2) } } == [prefix + "generator layer 0 (dense): units must be at least 1, got 0"])
        #expect(problems(ring) { $0.generator = Network { Dense(2, init: .normal(std: -1)) } } == [
            prefix + "generator layer 0 (dense): weight initializer std must be finite and non-negative, got -1",
        ])
        #expect(problems(dirac) { $0.discriminator = Network { Scale(1) } } == [
            "scenario 'dirac', discriminator: has no learnable parameters",
        ])
    }

    @Test func imageLayerSettings() {
        let bars = "scenario 'bars', "
        #expect(problems(images) { $0.discriminator.layers[0] = .conv2D(filters: 8, kernel: 3, stride: 0, padding: 1, bias: true, weightInit: .glorotUniform, biasInit: .zeros) } == [
            bars + "discriminator layer 0 (conv2d): stride must be at least 1, got 0",
        ])
        #expect(problems(images) { $0.discriminator.layers[0] = .conv2D(filters: 8, kernel: 7, stride: 1, padding: 0, bias: true, weightInit: .glorotUniform, biasInit: .zeros) } == [
            bars + "discriminator layer 0 (conv2d): kernel 7 is larger than the padded input [1, 4, 4] (padding 0)",
        ])
        #expect(problems(images) { $0.generator.layers[6] = .convTranspose2D(filters: 1, kernel: 3, stride: 1, padding: 1, outputPadding: 1, bias: true, weightInit: .glorotUniform, biasInit: .zeros) } == [
            bars + "generator layer 6 (conv_transpose2d): output padding must be in 0..<stride (1), got 1",
        ])
    }

    @Test func lossAgainstTheLastLayer() {
        let sigmoid = { (s: inout Scenario) in s.discriminator.layers.append(.activation(function: .sigmoid)) }
        #expect(problems(ring) { $0.loss = nil } == [prefix + "loss: no loss declared (add one, e.g. Loss.nonSaturating)"])
        #expect(problems(ring) { sigmoid(&$0) } == [
            prefix + "discriminator layer 4 (sigmoid): the minimax loss expects logits, but the discriminator ends in a sigmoid (remove it; the loss applies σ itself)",
        ])
        #expect(problems(ring) { sigmoid(&$0); $0.loss = .nonSaturating } == [
            prefix + "discriminator layer 4 (sigmoid): the non-saturating loss expects logits, but the discriminator ends in a sigmoid (remove it; the loss applies σ itself)",
        ])
        #expect(problems(ring) { sigmoid(&$0); $0.loss = .wasserstein } == [
            prefix + "discriminator layer 4 (sigmoid): the Wasserstein loss needs an unbounded critic, but the discriminator ends in a sigmoid (remove it)",
        ])
        #expect(problems(ring) { sigmoid(&$0); $0.loss = .hinge } == [
            prefix + "discriminator layer 4 (sigmoid): the hinge loss needs unbounded scores (margins at ±1), but the discriminator ends in a sigmoid (remove it)",
        ])
        #expect(problems(ring) { sigmoid(&$0); $0.loss = .leastSquares } == [])
    }

    @Test func regularizers() {
        let r = prefix + "regularizer "
        #expect(problems(ring) { $0.regularizers = [.r1(gamma: 1), .r1(gamma: 2)] } == [r + "'R1 penalty': appears 2 times; a scenario holds at most one of each kind"])
        #expect(problems(ring) { $0.regularizers = [.instanceNoise(std: .constant(-1))] } == [r + "'instance noise': std must be finite and non-negative, got -1"])
        #expect(problems(ring) { $0.regularizers = [.instanceNoise(std: .linear(from: 1, to: 0, steps: 0))] } == [r + "'instance noise': std schedule length must be at least 1, got 0"])
        #expect(problems(ring) { $0.regularizers = [.instanceNoise(std: .exponential(from: 1, to: 0, steps: 10))] } == [r + "'instance noise': std schedule end must be positive and finite, got 0"])
        #expect(problems(ring) { $0.regularizers = [.weightPenalty(weight: 0)] } == [r + "'weight penalty': weight must be positive and finite, got 0"])
        #expect(problems(ring) { $0.regularizers = [.weightClipping(limit: -0.01)] } == [r + "'weight clipping': limit must be positive and finite, got -0.01"])
        #expect(problems(ring) { $0.regularizers = [.gradientPenalty(weight: 0, target: -1)] } == [
            r + "'gradient penalty': weight must be positive and finite, got 0",
            r + "'gradient penalty': target norm must be finite and non-negative, got -1",
        ])
        #expect(problems(ring) { $0.regularizers = [.r2(gamma: 0)] } == [r + "'R2 penalty': gamma must be positive and finite, got 0"])
        #expect(problems(ring) { $0.regularizers = [.roth(gamma: .constant(1))]; $0.loss = .wasserstein } == [
            r + "'Roth et al. regulariser': is defined for the minimax and non-saturating losses only, not Wasserstein",
        ])
        #expect(problems(ring) { $0.regularizers = [.spectralNorm(powerIterations: 0)] } == [r + "'spectral normalisation': power iterations must be at least 1, got 0"])
    }

    @Test func lengthBatchAndRound() {
        let epochsMessage = "epochs need a finite data set (add .finite(n) to the dataset, or read a file)"
        #expect(problems(ring) { $0.training.length = .steps(count: 0) } == [prefix + "training: steps must be at least 1, got 0"])
        #expect(problems(ring) { $0.training.length = .epochs(count: 10) } == [prefix + "training: " + epochsMessage])
        #expect(problems(ring) { $0.training.length = .epochs(count: 0); $0.data = $0.data!.finite(1_000) } == [prefix + "training: epochs must be at least 1, got 0"])
        #expect(problems(ring) { $0.training.batchSize = 0 } == [prefix + "training: batch size must be at least 1, got 0"])
        #expect(problems(ring) { $0.data = $0.data!.finite(100) } == [prefix + "training: batch size 512 exceeds the data set's 100 points"])
        #expect(problems(ring) { $0.training.updates = [] } == [prefix + "round: is empty: no updates (add Update(.discriminator, …) and Update(.generator, …))"])
        #expect(problems(ring) { $0.training.updates = [UpdateStep(.discriminator)] } == [prefix + "round: never updates the generator"])
        #expect(problems(ring) { $0.training.updates = [UpdateStep(.generator)] } == [prefix + "round: never updates the discriminator"])
        #expect(problems(ring) { $0.training.updates[0].repetition = .steps(count: 0) } == [prefix + "round entry 0 (discriminator): must take at least 1 step, got 0"])
        #expect(problems(ring) { $0.training.updates[1].repetition = .epochs(count: 0); $0.data = $0.data!.finite(1_000) } == [
            prefix + "round entry 1 (generator): must take at least 1 epoch, got 0",
        ])
        #expect(problems(ring) { $0.training.updates[0].repetition = .epochs(count: 1) } == [prefix + "round entry 0 (discriminator): " + epochsMessage])
        #expect(problems(ring) { $0.training.unrolledSteps = -1 } == [prefix + "training: unrolled steps must be at least 0, got -1"])
        #expect(problems(ring) { $0.training.updates = [UpdateStep(.simultaneous)]; $0.training.unrolledSteps = 5 } == [
            prefix + "training: unrolling needs a separate generator update; the round has only simultaneous and discriminator updates",
        ])
    }

    @Test func optimizers() {
        let g = prefix + "generator optimizer: ", d = prefix + "discriminator optimizer: "
        #expect(problems(ring) { $0.training.generatorOptimizer = nil } == [
            g + "none given (add with: to an Update of the generator, or Optimize(.generator, with: …))",
        ])
        #expect(problems(ring) { $0.training.discriminatorOptimizer = nil } == [
            d + "none given (add with: to an Update of the discriminator, or Optimize(.discriminator, with: …))",
        ])
        #expect(problems(ring) { $0.training.discriminatorOptimizer = .adam(lr: -1e-4) } == [d + "learning rate must be positive and finite, got -0.0001"])
        #expect(problems(ring) { $0.training.discriminatorOptimizer = .sgd(lr: 0) } == [d + "learning rate must be positive and finite, got 0"])
        #expect(problems(ring) { $0.training.generatorOptimizer = .adam(lr: 1e-4, beta1: 1, epsilon: 0) } == [
            g + "beta1 must be in [0, 1), got 1", g + "epsilon must be positive and finite, got 0",
        ])
        #expect(problems(ring) { $0.training.generatorOptimizer = .adam(lr: 1e-4, beta2: 1.5) } == [g + "beta2 must be in [0, 1), got 1.5"])
        #expect(problems(ring) { $0.training.generatorOptimizer = .momentum(lr: 0.1, momentum: 1.5) } == [g + "momentum must be in [0, 1), got 1.5"])
        #expect(problems(ring) { $0.training.generatorOptimizer = .rmsprop(lr: 0.1, decay: -0.1) } == [g + "decay must be in [0, 1), got -0.1"])
        #expect(problems(ring) { $0.training.generatorOptimizer = .sgd(lr: 0.1).scheduled(.linear(final: 2)) } == [
            g + "learning-rate schedule: final factor must be in [0, 1], got 2",
        ])
        #expect(problems(ring) { $0.training.generatorOptimizer = .sgd(lr: 0.1).scheduled(.step(every: 0, factor: 0)) } == [
            g + "learning-rate schedule: step interval must be at least 1, got 0",
            g + "learning-rate schedule: factor must be in (0, 1], got 0",
        ])
    }

    @Test func recording() {
        let r = prefix + "recording: "
        #expect(problems(ring) { $0.recording.curvesEvery = 0 } == [r + "curve cadence must be at least 1, got 0"])
        #expect(problems(ring) { $0.recording.evaluation?.every = 0 } == [r + "evaluation cadence must be at least 1, got 0"])
        #expect(problems(ring) { $0.recording.evaluation?.samples = 0 } == [r + "evaluation sample count must be at least 1, got 0"])
        #expect(problems(ring) { $0.recording.evaluation?.metrics = [] } == [
            r + "evaluation lists no metrics", r + "best-checkpoint metric 'reverseKL' is not evaluated (add it to Evaluate)",
        ])
        #expect(problems(ring) { $0.recording.evaluation?.metrics = [.modes, .modes, .reverseKL, .modes] } == [r + "evaluation lists 'modes' more than once"])
        #expect(problems(ring) { $0.data = .spiral() } == [
            r + "metric 'modes' needs a data set with modes (ring, grid, 1-D mixture, dirac, bars and stripes), not spiral",
            r + "metric 'highQuality' needs a data set with modes (ring, grid, 1-D mixture, dirac, bars and stripes), not spiral",
            r + "metric 'reverseKL' needs a data set with modes (ring, grid, 1-D mixture, dirac, bars and stripes), not spiral",
        ])
        #expect(problems(ring) { $0.recording.samples = SampleSnapshots(count: 0, every: 0) } == [
            r + "sample snapshot count must be at least 1, got 0", r + "sample snapshot cadence must be at least 1, got 0",
        ])
        #expect(problems(ring) { $0.recording.checkpointEvery = 0 } == [r + "checkpoint cadence must be at least 1, got 0"])
        // G: 256·128+128 + 128·128+128 + 128·2+2 = 49 666; D: 2·128+128 + 128+1 = 513.
        #expect(problems(ring) { $0.recording.trajectoryEvery = 0 } == [
            r + "trajectory cadence must be at least 1, got 0",
            r + "trajectories are for tiny models: G and D have 50179 parameters together, the limit is 10000",
        ])
        #expect(problems(ring) { $0.recording.checkpointEvery = nil } == [r + "choosing a best checkpoint needs checkpoints (add Checkpoint(every:))"])
        #expect(problems(ring) { $0.recording.checkpointEvery = 5_250 } == [
            r + "checkpoint cadence 5250 is not a multiple of the evaluation cadence 500, so some checkpoints would have no score",
        ])
    }

    @Test func seeds() {
        #expect(problems(ring) { $0.seeds = [] } == [prefix + "seeds: no seeds (add Seeds(1...5) or Seed(1))"])
        #expect(problems(ring) { $0.seeds = [1, 2, 1, 1, 2] } == [prefix + "seeds: seed 1 appears more than once", prefix + "seeds: seed 2 appears more than once"])
    }

    @Test func document() {
        var other = ring
        other.training.batchSize = 64
        var broken = ring
        broken.latent = nil
        let document = ScenarioDocument(
            scenarios: [ring, other, broken, dirac],
            notebooks: [Notebook(name: "nb", scenarios: ["ring8", "nope"]), Notebook(name: "nb", scenarios: []),
                        Notebook(name: "ok", scenarios: ["dirac"])])
        #expect(document.validate().map(\.description) == [
            prefix + "latent: no latent distribution declared (add one, e.g. Latent.normal(2))",
            prefix + "name: is used by 3 different scenarios",
            "notebook 'nb': lists 'nope', which is not a scenario of this document",
            "notebook 'nb': is declared more than once",
            "notebook 'nb': is empty",
        ])
        #expect(ScenarioDocument(scenarios: [ring, dirac], notebooks: [Notebook(name: "ok", scenarios: ["dirac", "ring8"])]).validate() == [])
    }

    @Test func errorsCarryTheirParts() throws {
        let error = try #require(problems(ring) { $0.training.batchSize = 0 }.first)
        #expect(error == "scenario 'ring8', training: batch size must be at least 1, got 0")
        var scenario = ring
        scenario.loss = nil
        #expect(scenario.validate() == [ValidationError(scenario: "ring8", component: "loss", message: "no loss declared (add one, e.g. Loss.nonSaturating)")])
    }
}
