import Foundation
import Nash
import NashEngine
import NashTraining
import Testing

/// Golden numbers for each regulariser on fixed inputs. The critic is D(x) = Σⱼ aⱼxⱼ² + c·Σⱼxⱼ per
/// sample, whose input gradient 2a⊙x + c is known in closed form; expectations are plain Float64.
@Suite struct PenaltyTests {
    static let a: [Double] = [0.5, -1.25]
    static let c = 0.3
    static let real: [[Double]] = [[1.0, -2.0], [0.5, 0.25], [-1.5, 1.0]]
    static let fake: [[Double]] = [[0.2, 0.4], [-0.7, 1.3], [2.0, -0.1]]

    static func critic(_ x: Tensor) -> Tensor {
        let weights = Tensor(shape: [1, 2], scalars: a.map(Float.init))
        return ((x * x) * weights + x * Float(c)).sum(axes: [1], keepDims: true)
    }
    static func tensor(_ rows: [[Double]]) -> Tensor { Tensor(shape: [rows.count, 2], scalars: rows.flatMap { $0.map(Float.init) }) }
    static func d(_ x: [Double]) -> Double {
        var total = 0.0
        for j in 0..<2 { total += a[j] * x[j] * x[j] + c * x[j] }
        return total
    }
    static func gradSquared(_ x: [Double]) -> Double {
        var total = 0.0
        for j in 0..<2 {
            let g: Double = 2 * a[j] * x[j] + c
            total += g * g
        }
        return total
    }
    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
    static func close(_ x: Float, _ y: Double, _ tol: Double = 2e-6) -> Bool { abs(Double(x) - y) <= tol * max(1, abs(y)) }

    @Test func weightPenalty() {
        let w1 = Tensor(shape: [2, 2], scalars: [1, -2, 0.5, 3]), w2 = Tensor(shape: [3], scalars: [0.1, 0.2, -0.3])
        let squares: Double = 1 + 4 + 0.25 + 9 + 0.01 + 0.04 + 0.09
        let want: Double = 0.005 * squares
        #expect(Self.close(Penalties.weight([w1, w2], lambda: 0.01).item, want))
    }

    @Test func r1AndR2() {
        let (_, gr) = Penalties.inputGradient(Self.critic, Self.tensor(Self.real))
        let (_, gf) = Penalties.inputGradient(Self.critic, Self.tensor(Self.fake))
        #expect(Self.close(Penalties.gradientSquared(gradient: gr, gamma: 10).item, 5 * Self.mean(Self.real.map(Self.gradSquared))))
        #expect(Self.close(Penalties.gradientSquared(gradient: gf, gamma: 0.5).item, 0.25 * Self.mean(Self.fake.map(Self.gradSquared))))
    }

    @Test func wganGradientPenalty() {
        let eps: [Double] = [0.25, 0.5, 0.9]
        var want = 0.0
        for i in 0..<3 {
            var x = [0.0, 0.0]
            for j in 0..<2 { x[j] = eps[i] * Self.real[i][j] + (1 - eps[i]) * Self.fake[i][j] }
            let excess: Double = Self.gradSquared(x).squareRoot() - 1
            want += 10 * excess * excess / 3
        }
        let got = Penalties.gradient(critic: Self.critic, real: Self.tensor(Self.real), fake: Self.tensor(Self.fake),
                                     epsilon: eps.map(Float.init), weight: 10, target: 1)
        #expect(Self.close(got.item, want, 1e-5))
    }

    @Test func rothRegulariser() {
        let (r, gr) = Penalties.inputGradient(Self.critic, Self.tensor(Self.real))
        let (f, gf) = Penalties.inputGradient(Self.critic, Self.tensor(Self.fake))
        func sigma(_ t: Double) -> Double { 1 / (1 + exp(-t)) }
        var omega = 0.0
        for x in Self.real {
            let w: Double = 1 - sigma(Self.d(x))
            omega += w * w * Self.gradSquared(x) / 3
        }
        for x in Self.fake {
            let w: Double = sigma(Self.d(x))
            omega += w * w * Self.gradSquared(x) / 3
        }
        let got = Penalties.roth(realLogits: r, realGradient: gr, fakeLogits: f, fakeGradient: gf, gamma: 2)
        #expect(Self.close(got.item, omega))
    }

    /// The penalties stay differentiable in the critic's parameters (second order): d/da of R1.
    @Test func r1IsDifferentiableInTheCriticsParameters() {
        let weights = Tensor(shape: [1, 2], scalars: Self.a.map(Float.init), requiresGrad: true)
        let critic: (Tensor) -> Tensor = { x in ((x * x) * weights + x * Float(Self.c)).sum(axes: [1], keepDims: true) }
        let (_, g) = Penalties.inputGradient(critic, Self.tensor(Self.real))
        let grad = gradients(of: Penalties.gradientSquared(gradient: g, gamma: 2), wrt: [weights])[0].scalars
        // ∂/∂aⱼ E[Σ(2aⱼxⱼ + c)²] = E[2(2aⱼxⱼ + c)·2xⱼ]
        for j in 0..<2 {
            var want = 0.0
            for x in Self.real { want += 4 * (2 * Self.a[j] * x[j] + Self.c) * x[j] / 3 }
            #expect(Self.close(grad[j], want))
        }
    }

    /// Instance noise: D sees x + σ(t)·ε, the first half of the draws on real data, the second on fakes.
    @Test func instanceNoiseAndAnnealing() {
        let objective = TrainingObjective(loss: .wasserstein, regularizers: [.instanceNoise(std: .annealed(from: 1, over: 10))])
        let noise: [Float] = [0.5, -1, 2, 0.25, 1, 1, -0.5, 3, 0, 0, 4, -2]
        let terms = objective.discriminatorTerms(critic: { $0.sum(axes: [1], keepDims: true) }, weights: [],
                                                 real: Self.tensor(Self.real), fake: Self.tensor(Self.fake),
                                                 round: 4, draws: .init(noise: noise))
        let s = 0.6  // 1 − 4/10
        for i in 0..<3 {
            let realNoise = Double(Float(s) * noise[2 * i]) + Double(Float(s) * noise[2 * i + 1])
            let fakeNoise = Double(Float(s) * noise[6 + 2 * i]) + Double(Float(s) * noise[7 + 2 * i])
            let r: Double = Self.real[i][0] + Self.real[i][1] + realNoise
            let f: Double = Self.fake[i][0] + Self.fake[i][1] + fakeNoise
            #expect(Self.close(terms.realOutput.scalars[i], r))
            #expect(Self.close(terms.fakeOutput.scalars[i], f))
        }
        #expect(objective.noiseStd(round: 20) == 0)
    }

    /// The total is the adversarial loss plus every additive penalty, each reported by name.
    @Test func totalAddsPenalties() {
        let objective = TrainingObjective(loss: .wasserstein, regularizers: [.r1(gamma: 2), .weightPenalty(weight: 0.5)])
        let w = Tensor(shape: [2], scalars: [1, 2])
        let terms = objective.discriminatorTerms(critic: Self.critic, weights: [w], real: Self.tensor(Self.real),
                                                 fake: Self.tensor(Self.fake), round: 0, draws: .init())
        let adversarial: Double = Self.mean(Self.fake.map(Self.d)) - Self.mean(Self.real.map(Self.d))
        let r1: Double = Self.mean(Self.real.map(Self.gradSquared))
        #expect(terms.penalties.map(\.name) == ["r1", "weight_penalty"])
        #expect(Self.close(terms.adversarial.item, adversarial))
        #expect(Self.close(terms.total.item, adversarial + r1 + 0.25 * 5))
    }
}
