import Nash
import Testing

struct VariantTests {
    init() { quietRegistry() }

    @Test func variantOverridesOnlyWhatItSets() {
        let ring = TestScenarios.ring()
        let unrolled = ring.variant("unrolled-5") { Unrolled(steps: 5) }
        #expect(unrolled.name == "ring8/unrolled-5")
        #expect(unrolled.variantOf == "ring8")
        var expected = ring
        expected.name = "ring8/unrolled-5"
        expected.variantOf = "ring8"
        expected.training.unrolledSteps = 5
        #expect(unrolled == expected)
    }

    @Test func wganVariantOfTheSketch() {
        let ring = TestScenarios.ring()
        let wgan = ring.variant("wgan-gp") { Loss.wasserstein; Penalty.gradient(weight: 10); DiscriminatorSteps(5) }
        #expect(wgan.loss == .wasserstein)
        #expect(wgan.regularizers == [.gradientPenalty(weight: 10, target: 1)])
        #expect(wgan.training.updates == [UpdateStep(.discriminator, .steps(count: 5)), UpdateStep(.generator)])
        #expect(wgan.training.generatorOptimizer == ring.training.generatorOptimizer)
        #expect(wgan.generator == ring.generator)
        #expect(wgan.discriminator == ring.discriminator)
        #expect(wgan.data == ring.data)
        #expect(wgan.recording == ring.recording)
        #expect(wgan.seeds == ring.seeds)
        #expect(wgan.validate().isEmpty)
    }

    @Test func variantReplacesRoundAndRecordingParts() {
        let ring = TestScenarios.ring()
        let simultaneous = ring.variant("simultaneous") {
            Round { Simultaneous(generator: .sgd(lr: 0.01), discriminator: .sgd(lr: 0.02)) }
            Record { Checkpoint(every: 1_000) }
            Seed(11)
        }
        #expect(simultaneous.training.updates == [UpdateStep(.simultaneous)])
        #expect(simultaneous.training.generatorOptimizer == .sgd(lr: 0.01))
        #expect(simultaneous.training.discriminatorOptimizer == .sgd(lr: 0.02))
        #expect(simultaneous.training.length == ring.training.length)
        #expect(simultaneous.recording.checkpointEvery == 1_000)
        #expect(simultaneous.recording.evaluation == ring.recording.evaluation)
        #expect(simultaneous.seeds == [11])

        // A Train body without round entries keeps the round and changes length and batch only.
        let short = ring.variant("short") { Train(steps: 10, batch: 32) }
        #expect(short.training.updates == ring.training.updates)
        #expect(short.training.length == .steps(count: 10))
        #expect(short.training.batchSize == 32)
    }

    @Test func variantsOfVariantsAndRemoval() {
        let base = TestScenarios.ring().variant("noisy") { InstanceNoise(.annealed(from: 1, over: 100)); Penalty.r1(gamma: 1) }
        let clean = base.variant("clean") { Without(.instanceNoise) }
        #expect(clean.name == "ring8/noisy/clean")
        #expect(clean.variantOf == "ring8/noisy")
        #expect(clean.regularizers == [.r1(gamma: 1)])
        #expect(base.regularizers.count == 2)
    }
}
