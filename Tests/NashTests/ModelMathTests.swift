import Nash
import Testing

/// The small pieces of arithmetic the model states, which the runner relies on.
struct ModelMathTests {
    init() { quietRegistry() }

    @Test func valueSchedules() {
        #expect(ValueSchedule.constant(0.3).value(at: 1_000) == 0.3)
        let linear = ValueSchedule.annealed(from: 1, over: 100)
        #expect(linear == .linear(from: 1, to: 0, steps: 100))
        #expect(linear.value(at: 0) == 1)
        #expect(linear.value(at: 25) == 0.75)
        #expect(linear.value(at: 100) == 0)
        #expect(linear.value(at: 500) == 0)
        let exponential = ValueSchedule.exponential(from: 2, to: 0.02, steps: 100)
        #expect(exponential.value(at: 0) == 2)
        #expect(abs(exponential.value(at: 50) - 0.2) < 1e-12)
        #expect(abs(exponential.value(at: 100) - 0.02) < 1e-15)
        #expect(abs(exponential.value(at: 1_000) - 0.02) < 1e-15)
    }

    @Test func learningRateFactors() {
        #expect(LearningRateSchedule.constant.factor(at: 7, of: 10) == 1)
        #expect(LearningRateSchedule.linear.factor(at: 0, of: 100) == 1)
        #expect(LearningRateSchedule.linear.factor(at: 25, of: 100) == 0.75)
        #expect(LearningRateSchedule.linear(final: 0.5).factor(at: 100, of: 100) == 0.5)
        #expect(LearningRateSchedule.step(every: 10, factor: 0.5).factor(at: 9, of: 100) == 1)
        #expect(LearningRateSchedule.step(every: 10, factor: 0.5).factor(at: 25, of: 100) == 0.25)
        #expect(LearningRateSchedule.cosine.factor(at: 0, of: 100) == 1)
        #expect(abs(LearningRateSchedule.cosine.factor(at: 50, of: 100) - 0.5) < 1e-15)
        #expect(abs(LearningRateSchedule.cosine(final: 0.1).factor(at: 100, of: 100) - 0.1) < 1e-15)
    }

    @Test func ringAndGridModes() throws {
        let ring = try #require(DataSource.ring(modes: 4, radius: 2, std: 0.1).modes)
        #expect(ring.count == 4)
        #expect(abs(ring[1].mean[0]) < 1e-15 && ring[1].mean[1] == 2)
        #expect(ring[2].mean[0] == -2 && abs(ring[2].mean[1]) < 1e-15)
        #expect(ring.allSatisfy { $0.std == 0.1 && $0.weight == 0.25 })
        let grid = try #require(DataSource.grid(side: 5, spacing: 2, std: 0.05).modes)
        #expect(grid.count == 25)
        #expect(grid.first?.mean == [-4, -4])
        #expect(grid[7].mean == [-2, 0])
        #expect(grid.last?.mean == [4, 4])
        let mixture = try #require(DataSource.mixture1D(components: [MixtureComponent(mean: -1, std: 0.5), MixtureComponent(mean: 3, std: 1, weight: 3)]).modes)
        #expect(mixture.map(\.weight) == [0.25, 0.75])
        #expect(DataSource.spiral(turns: 2, radius: 1, noise: 0).modes == nil)
        #expect(DataSource.dirac(point: [0, 1]).modes?.first?.mean == [0, 1])
    }

    @Test func barsAndStripesPatterns() {
        let set = ImageSet.barsAndStripes(side: 3)
        let patterns = set.patterns
        #expect(patterns.count == 2 * 8 - 2)
        #expect(Set(patterns).count == patterns.count)
        #expect(patterns[0] == [Double](repeating: -1, count: 9))
        // Bars with column mask 0b001: column 0 on in every row.
        #expect(patterns[1] == [1, -1, -1, 1, -1, -1, 1, -1, -1])
        // The first stripe: row mask 0b001, row 0 on.
        #expect(patterns[8] == [1, 1, 1, -1, -1, -1, -1, -1, -1])
        #expect(set.shape == [1, 3, 3])
        #expect(DataSource.images(set: set).modes?.count == 14)
    }

    @Test func imageNetworkShapesAndParameters() throws {
        let scenario = TestScenarios.images()
        let generator = scenario.generator
        #expect(try generator.shapes(input: [16]) == [[128], [128], [32, 2, 2], [32, 2, 2], [16, 4, 4], [16, 4, 4], [1, 4, 4], [1, 4, 4]])
        let parameters = try generator.parameters(input: [16])
        #expect(parameters.map(\.name) == ["dense0/weight", "dense0/bias", "batch_norm3/scale", "batch_norm3/offset",
                                           "conv_transpose2d4/weight", "conv_transpose2d4/bias",
                                           "conv_transpose2d6/weight", "conv_transpose2d6/bias"])
        #expect(parameters.map(\.shape) == [[16, 128], [128], [32], [32], [32, 16, 4, 4], [16], [16, 1, 3, 3], [1]])
        #expect(parameters[4].fanIn == 16 * 16 && parameters[4].fanOut == 32 * 16)
        #expect(parameters[6].initializer == .orthogonal(gain: 0.8))
        #expect(parameters.map(\.kind) == [.weight, .bias, .scale, .offset, .weight, .bias, .weight, .bias])
        let discriminator = try scenario.discriminator.parameters(input: [1, 4, 4])
        #expect(discriminator.map(\.shape) == [[8, 1, 3, 3], [8], [16, 8, 4, 4], [16], [16, 2, 2], [16, 2, 2], [64, 1], [1]])
        #expect(discriminator[0].fanIn == 9 && discriminator[0].fanOut == 72)
        #expect(try scenario.discriminator.parameterCount(input: [1, 4, 4]) == 80 + 2064 + 128 + 65)
    }

    @Test func diracParameters() throws {
        let scenario = TestScenarios.dirac()
        #expect(try scenario.generator.parameters(input: [1]) == [
            ParameterSpec(name: "constant0/value", shape: [1], kind: .constant, initializer: .constant(value: 1), fanIn: 1, fanOut: 1),
        ])
        #expect(try scenario.discriminator.parameters(input: [1]).map(\.name) == ["dense0/weight"])
    }

    @Test func shapeErrorsNameTheLayer() {
        let network = Network { Dense(4); Conv2D(2, kernel: 3) }
        #expect(throws: LayerShapeError.self) { try network.outputShape(input: [3]) }
        do {
            _ = try network.outputShape(input: [3])
        } catch let error as LayerShapeError {
            #expect(error.description == "layer 1 (conv2d): expects an image [channels, height, width], got a vector [4] (image layers on vector data)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func lossConventions() {
        #expect(Loss.leastSquares.decisionThreshold == 0.5)
        #expect(Loss.allCases.filter { $0.decisionThreshold == 0 } == [.minimax, .nonSaturating, .wasserstein, .hinge])
        #expect(Loss.allCases.filter(\.expectsLogits) == [.minimax, .nonSaturating])
        #expect(Metric.allCases.map(\.curveName) == ["modes", "high_quality", "reverse_kl", "energy_distance", "d_accuracy", "wasserstein_estimate"])
    }
}
