import Foundation
import Nash
import NashEngine
import NashTraining
import Testing

/// Golden numbers for the five losses on fixed logits; the expected values are computed here in plain
/// Float64 from the formulas of `Nash.Loss`, not through the engine.
@Suite struct LossTests {
    static let real: [Double] = [2.0, -0.5, 0.25, 3.0]
    static let fake: [Double] = [-1.5, 0.75, -3.0, 0.1]

    static func tensor(_ v: [Double]) -> Tensor { Tensor(shape: [v.count, 1], scalars: v.map(Float.init)) }
    static func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
    static func logSigmoid(_ t: Double) -> Double { log(sigmoid(t)) }

    static func sigmoid(_ t: Double) -> Double { 1 / (1 + exp(-t)) }
    static func logOneMinusSigmoid(_ t: Double) -> Double { log(1 - sigmoid(t)) }
    static func hingeReal(_ t: Double) -> Double { max(0, 1 - t) }
    static func hingeFake(_ t: Double) -> Double { max(0, 1 + t) }
    static func squaredFrom(_ target: Double) -> (Double) -> Double { { t in (t - target) * (t - target) } }

    static func expected(_ loss: Loss) -> (d: Double, g: Double) {
        let logitD: Double = -mean(real.map(logSigmoid)) - mean(fake.map(logOneMinusSigmoid))
        switch loss {
        case .minimax:
            return (logitD, mean(fake.map(logOneMinusSigmoid)))
        case .nonSaturating:
            return (logitD, -mean(fake.map(logSigmoid)))
        case .wasserstein:
            return (mean(fake) - mean(real), -mean(fake))
        case .hinge:
            return (mean(real.map(hingeReal)) + mean(fake.map(hingeFake)), -mean(fake))
        case .leastSquares:
            let d: Double = 0.5 * mean(real.map(squaredFrom(1))) + 0.5 * mean(fake.map(squaredFrom(0)))
            return (d, 0.5 * mean(fake.map(squaredFrom(1))))
        }
    }

    @Test(arguments: Loss.allCases)
    func lossesMatchTheirFormulas(_ loss: Loss) {
        let want = Self.expected(loss)
        let d = Double(loss.discriminatorLoss(real: Self.tensor(Self.real), fake: Self.tensor(Self.fake)).item)
        let g = Double(loss.generatorLoss(fake: Self.tensor(Self.fake)).item)
        #expect(abs(d - want.d) <= 1e-6 * max(1, abs(want.d)), "\(loss) L_D \(d) vs \(want.d)")
        #expect(abs(g - want.g) <= 1e-6 * max(1, abs(want.g)), "\(loss) L_G \(g) vs \(want.g)")
    }

    /// Pinned values, so a change of formula (not only of implementation) is caught.
    @Test func pinnedValues() {
        #expect(abs(Self.expected(.wasserstein).d - (-0.9125 - 1.1875)) < 1e-12)
        #expect(abs(Self.expected(.hinge).d - (0.5625 + 0.7125)) < 1e-12)
        let pinned: Double = 0.5 * (6.25 + 0.0625 + 16 + 0.81) / 4
        #expect(abs(Self.expected(.leastSquares).g - pinned) < 1e-12)
    }

    /// The minimax generator loss saturates where the non-saturating one does not (Goodfellow et al. 2014, §3).
    @Test func minimaxSaturatesWhenDRejectsFakes() {
        let fake = Tensor(shape: [1, 1], scalars: [-8], requiresGrad: true)
        let gMinimax = gradients(of: Loss.minimax.generatorLoss(fake: fake), wrt: [fake])[0].item
        let gNonSat = gradients(of: Loss.nonSaturating.generatorLoss(fake: fake), wrt: [fake])[0].item
        // d/dt −softplus(t) = −σ(t) ≈ −3.4e-4; d/dt softplus(−t) = −σ(−t) ≈ −1.
        #expect(abs(Double(gMinimax) + Self.sigmoid(-8)) < 1e-7)
        #expect(abs(Double(gNonSat) + Self.sigmoid(8)) < 1e-6)
    }
}
