import Nash
import Testing

struct ScenarioValueTests {
    init() { quietRegistry() }

    var all: [Scenario] { [TestScenarios.ring(), TestScenarios.dirac(), TestScenarios.images()] + TestScenarios.vocabulary() }

    @Test func everyScenarioRoundTrips() throws {
        for scenario in all {
            let text = try scenario.canonicalJSON()
            let decoded = try Scenario.decode(text)
            #expect(decoded == scenario, "\(scenario.name)")
            #expect(try decoded.canonicalJSON() == text, "\(scenario.name)")
        }
    }

    @Test func documentRoundTrips() throws {
        let scenarios = all
        let document = ScenarioDocument(
            scenarios: scenarios, notebooks: [Notebook(name: "all", scenarios: scenarios.map(\.name))],
            tunables: [TunableRecord(name: "gamma", defaultValue: .double(10), value: .double(0.5)),
                       TunableRecord(name: "steps", defaultValue: .int(100), value: .int(25_000)),
                       TunableRecord(name: "wide", defaultValue: .bool(false), value: .bool(true)),
                       TunableRecord(name: "tag", defaultValue: .string("a"), value: .string("b\"c"))])
        let text = try document.canonicalJSON()
        let decoded = try ScenarioDocument.decode(text)
        #expect(decoded == document)
        #expect(try decoded.canonicalJSON() == text)
        #expect(decoded.scenario(named: "dirac") == TestScenarios.dirac())
        #expect(text.hasPrefix(#"{"nashVersion":"\#(NashVersion.string)","notebooks":[{"name":"all","#))
        #expect(text.contains(#"{"default":10,"name":"gamma","type":"double","value":0.5}"#))
    }

    /// The JSON layout other modules rely on, pinned for one small scenario.
    @Test func diracJSONIsPinned() throws {
        let expected = #"{"data":{"source":{"dirac":{"point":[0]}}},"# +
            #""discriminator":{"layers":[{"dense":{"bias":false,"biasInit":{"constant":{"value":0}},"units":1,"weightInit":{"constant":{"value":1}}}}]},"# +
            #""generator":{"layers":[{"constant":{"initializer":{"constant":{"value":1}},"units":1}}]},"# +
            #""latent":{"dimension":1,"distribution":"normal"},"loss":"nonSaturating","name":"dirac","# +
            #""recording":{"curvesEvery":1,"trajectoryEvery":1},"regularizers":[],"seeds":[7],"# +
            #""training":{"batchSize":1,"discriminatorOptimizer":{"learningRate":0.1,"method":{"sgd":{}},"schedule":{"constant":{}}},"# +
            #""generatorOptimizer":{"learningRate":0.1,"method":{"sgd":{}},"schedule":{"constant":{}}},"# +
            #""length":{"steps":{"count":2000}},"unrolledSteps":0,"# +
            #""updates":[{"repetition":{"steps":{"count":1}},"target":"simultaneous"}]}}"#
        #expect(try TestScenarios.dirac().canonicalJSON() == expected)
    }

    @Test func specHashIgnoresSeedsOnly() throws {
        let base = TestScenarios.ring()
        var reseeded = base
        reseeded.seeds = [42]
        #expect(try reseeded.specHash() == base.specHash())
        #expect(try reseeded.specJSON() == base.specJSON())
        #expect(try reseeded.canonicalJSON() != base.canonicalJSON())
        #expect(try !base.specJSON().contains("seeds"))
        #expect(try base.specHash() == SHA256.hex(SHA256.hash(base.specJSON())))
        #expect(try base.specHash().count == 64)
    }

    @Test func specHashChangesWithEveryOtherField() throws {
        let base = TestScenarios.ring()
        let mutations: [(String, (inout Scenario) -> Void)] = [
            ("name", { $0.name = "ring9" }),
            ("variantOf", { $0.variantOf = "x" }),
            ("data", { $0.data = .ring(modes: 8, radius: 2, std: 0.021) }),
            ("data size", { $0.data = $0.data?.finite(1000) }),
            ("latent", { $0.latent = .normal(255) }),
            ("latent distribution", { $0.latent = .uniform(256) }),
            ("generator", { $0.generator.layers.removeLast() }),
            ("generator init", { $0.generator.layers[0] = .dense(units: 128, bias: true, weightInit: .heNormal, biasInit: .zeros) }),
            ("discriminator", { $0.discriminator.layers[0] = .scale(factor: 0.5) }),
            ("loss", { $0.loss = .nonSaturating }),
            ("regularizers", { $0.regularizers = [.r1(gamma: 1)] }),
            ("steps", { $0.training.length = .steps(count: 25_001) }),
            ("steps override", { $0 = $0.overriding(steps: 100) }),
            ("epochs", { $0.training.length = .epochs(count: 25_000) }),
            ("batch", { $0.training.batchSize = 256 }),
            ("round", { $0.training.updates[0].repetition = .steps(count: 2) }),
            ("generator optimizer", { $0.training.generatorOptimizer = .adam(lr: 2e-4, beta1: 0.5) }),
            ("discriminator optimizer", { $0.training.discriminatorOptimizer?.schedule = .cosine }),
            ("unrolled", { $0.training.unrolledSteps = 5 }),
            ("curves", { $0.recording.curvesEvery = 1 }),
            ("evaluation", { $0.recording.evaluation?.samples = 2_000 }),
            ("samples", { $0.recording.samples = nil }),
            ("checkpoint", { $0.recording.checkpointEvery = 1_000 }),
            ("trajectory", { $0.recording.trajectoryEvery = 10 }),
            ("best checkpoint", { $0.recording.bestCheckpoint = .modes }),
        ]
        var hashes = Set([try base.specHash()])
        for (field, mutate) in mutations {
            var changed = base
            mutate(&changed)
            #expect(try changed.specHash() != base.specHash(), "\(field)")
            hashes.insert(try changed.specHash())
        }
        #expect(hashes.count == mutations.count + 1)
    }

    @Test func totalRoundsForStepsAndEpochs() {
        #expect(TestScenarios.ring().totalRounds() == 25_000)
        // 30 points, batch 10: 3 minibatches per epoch; D takes 1 epoch = 3 steps per round;
        // 3 epochs = 9 D steps = 3 rounds.
        let images = TestScenarios.images()
        #expect(images.totalRounds() == 3)
        #expect(images.training.minibatchSteps(images.training.updates[0], datasetSize: 30) == 3)
        var file = images
        file.data = .file("x.h5", dataset: "x", shape: [1, 4, 4])
        #expect(file.totalRounds() == nil)
        #expect(file.totalRounds(fileDatasetSize: 95) == 3)   // ⌈95/10⌉ = 10 per epoch, 30 in all, 10 per round
        // D takes 4 steps per round: 3 epochs of 3 minibatches = 9 steps, ⌈9/4⌉ = 3 rounds.
        var fixed = images
        fixed.training.updates[0].repetition = .steps(count: 4)
        #expect(fixed.totalRounds() == 3)
        fixed.training.updates[0].repetition = .steps(count: 2)
        #expect(fixed.totalRounds() == 5)
    }
}
