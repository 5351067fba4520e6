import Foundation
import Nash
import NashEngine
import NashTraining
import Testing

/// The unrolled generator loss (Metz et al. 2016, arXiv:1611.02163) differentiates through k look-ahead
/// steps of D's optimiser: its autodiff gradient must match central finite differences of the same
/// loss, which a gradient that ignored the look-ahead's dependence on G would not.
@Suite struct UnrolledTests {
    static func trainer(_ k: Int) throws -> Trainer {
        let scenario = Scenario("unrolled-fd-\(k)") {
            Dataset.ring(modes: 8, radius: 2, std: 0.02)
            Latent.normal(2)
            Generator { Dense(3, .tanh); Dense(2) }
            Discriminator { Dense(4, .tanh); Dense(1) }
            Loss.nonSaturating
            Train(steps: 5, batch: 8) {
                Update(.discriminator, with: .sgd(lr: 0.5))
                Update(.generator, with: .sgd(lr: 0.1))
                Unrolled(steps: k)
            }
        }
        return try RunnerSupport.runner(scenario).trainer
    }

    static func loss(_ trainer: Trainer, _ parameters: [Tensor]) -> Tensor {
        let slot = trainer.plan.slots.first { $0.kind == .generator }!
        return trainer.generatorLoss(round: 0, slot, parameters: parameters)
    }

    static func gradient(_ trainer: Trainer) -> [[Float]] {
        let leaves = trainer.generatorParameters.map { $0.copy().requiringGrad() }
        return gradients(of: loss(trainer, leaves), wrt: leaves).map(\.scalars)
    }

    @Test func unrolledGradientMatchesFiniteDifferences() throws {
        let trainer = try Self.trainer(5)
        let grads = Self.gradient(trainer)
        let h: Float = 1e-2
        var checked = 0
        for p in trainer.generatorParameters.indices {
            for j in 0..<trainer.generatorParameters[p].count {
                func value(_ delta: Float) -> Double {
                    let shifted = trainer.generatorParameters.map { $0.copy() }
                    shifted[p].withUnsafeMutableBufferPointer { $0[j] += delta }
                    return Double(Self.loss(trainer, shifted).item)
                }
                let fd = (value(h) - value(-h)) / Double(2 * h)
                let g = Double(grads[p][j])
                #expect(abs(g - fd) <= 2e-3 + 3e-2 * abs(fd), "param \(p)[\(j)]: autodiff \(g), finite difference \(fd)")
                checked += 1
            }
        }
        #expect(checked == 6 + 3 + 6 + 2)
    }

    /// Same seed, same initial networks: the look-ahead changes G's gradient, and k = 0 reduces to the
    /// ordinary loss against the current D.
    @Test func lookAheadChangesTheGradient() throws {
        let plain = Self.gradient(try Self.trainer(0)).flatMap { $0 }
        let unrolled = Self.gradient(try Self.trainer(5)).flatMap { $0 }
        let diff = zip(plain, unrolled).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }.squareRoot()
        let size = plain.reduce(0.0) { $0 + Double($1 * $1) }.squareRoot()
        #expect(diff > 0.05 * size, "‖Δg‖ = \(diff), ‖g‖ = \(size)")
    }
}
