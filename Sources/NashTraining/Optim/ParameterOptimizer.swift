import Foundation
import Nash
import NashEngine

/// One network's optimiser (`Nash.Optimizer`): its moments per parameter and its step count, with two
/// ways to take a step that give **bit-identical** results:
/// - `step(_:gradients:round:)` updates the parameters and the moments in place (ordinary training);
/// - `functionalStep(_:gradients:state:round:)` returns new parameters and moments built from engine
///   operations, so an unrolled generator loss can differentiate through D's look-ahead steps.
///
/// Both evaluate the documented formulas in Float32 in the same order, one rounding per operation:
/// - SGD: θ − g·η
/// - momentum: v′ = v·μ + g; θ − v′·η, or Nesterov θ − (g + v′·μ)·η
/// - Adam: m′ = m·β₁ + g·(1−β₁), v′ = v·β₂ + (g·g)·(1−β₂), m̂ = m′/(1−β₁ᵏ), v̂ = v′/(1−β₂ᵏ),
///   θ − (m̂ / (√max(v̂, ν) + ε))·η
/// - RMSProp: s′ = s·ρ + (g·g)·(1−ρ); θ − (g / (√max(s′, ν) + ε))·η
/// with η = Float(learningRate · schedule.factor(at: t, of: T)), k the 1-based step count, and the
/// bias corrections 1 − βᵏ computed in Float64 and rounded once.
///
/// NB: ν = `Float.leastNormalMagnitude` guards the square root: at v̂ = 0 (a parameter whose gradient
/// has been exactly 0, e.g. behind a dead ReLU) d√v̂ is infinite and the unrolled gradient would be
/// 0·∞ = NaN. √ν ≈ 1.1e-19 is far below any ε's rounding unit, so only zero or subnormal v̂ are
/// affected, and for them m̂ = 0 or the step is unchanged in Float32.
public final class ParameterOptimizer {
    public let configuration: Optimizer
    /// T, the run's number of rounds, for the learning-rate schedule.
    public let totalRounds: Int
    /// Steps taken so far (k − 1 before the next step).
    public internal(set) var stepCount: Int = 0
    /// Momentum's v, Adam's m, RMSProp's s; one array per parameter (empty for SGD).
    var first: [[Float]]
    /// Adam's v (empty otherwise).
    var second: [[Float]]
    let names: [String]

    static let sqrtGuard = Float.leastNormalMagnitude

    /// Zero moments for parameters of the given names and shapes.
    public init(_ configuration: Optimizer, parameters specs: [ParameterSpec], totalRounds: Int) {
        self.configuration = configuration
        self.totalRounds = totalRounds
        names = specs.map(\.name)
        let zeros = specs.map { [Float](repeating: 0, count: $0.count) }
        switch configuration.method {
        case .sgd: first = []; second = []
        case .momentum, .rmsprop: first = zeros; second = []
        case .adam: first = zeros; second = zeros
        }
    }

    /// η_t as used in round `round`.
    public func learningRate(round: Int) -> Float {
        Float(configuration.learningRate * configuration.schedule.factor(at: round, of: totalRounds))
    }

    /// (1 − β₁ᵏ, 1 − β₂ᵏ) for the step about to be taken (k = stepCount + 1), rounded once to Float.
    func biasCorrections(beta1: Double, beta2: Double, k: Int) -> (Float, Float) {
        (Float(1 - pow(beta1, Double(k))), Float(1 - pow(beta2, Double(k))))
    }

    /// Updates `parameters` (and the moments) in place with `gradients`; advances the step count.
    public func step(_ parameters: [Tensor], gradients: [Tensor], round: Int) {
        precondition(parameters.count == gradients.count)
        let eta = learningRate(round: round)
        let k = stepCount + 1
        // NB: the moments are reached through one buffer pointer per tensor: indexing `first[i][j]`
        // element by element cost an exclusivity check and a uniqueness check per access (a sixth of
        // a `small` GAN step, bench/README.md). Each element still reads g before it writes θ.
        for i in parameters.indices {
            gradients[i].withUnsafeBufferPointer { g in
                parameters[i].withUnsafeMutableBufferPointer { theta in
                    precondition(theta.count == g.count)
                    switch configuration.method {
                    case .sgd:
                        for j in 0..<g.count { theta[j] = theta[j] - g[j] * eta }
                    case .momentum(let mu, let nesterov):
                        let mu = Float(mu)
                        first[i].withUnsafeMutableBufferPointer { velocity in
                            for j in 0..<g.count {
                                let v = velocity[j] * mu + g[j]
                                velocity[j] = v
                                theta[j] = nesterov ? theta[j] - (g[j] + v * mu) * eta : theta[j] - v * eta
                            }
                        }
                    case .adam(let beta1, let beta2, let epsilon):
                        let (c1, c2) = biasCorrections(beta1: beta1, beta2: beta2, k: k)
                        let b1 = Float(beta1), b2 = Float(beta2), ob1 = Float(1 - beta1), ob2 = Float(1 - beta2)
                        let eps = Float(epsilon)
                        // m = m·β₁ + g·(1−β₁); v = v·β₂ + (g·g)·(1−β₂); m̂ = m/c₁, v̂ = v/c₂;
                        // θ − (m̂ / (√max(v̂, ν) + ε))·η, element by element (StepKernels.adam).
                        guard g.count > 0 else { break }
                        first[i].withUnsafeMutableBufferPointer { moment1 in
                            second[i].withUnsafeMutableBufferPointer { moment2 in
                                StepKernels.adam(theta: theta.baseAddress!, gradient: g.baseAddress!,
                                                 first: moment1.baseAddress!, second: moment2.baseAddress!,
                                                 count: g.count, beta1: b1, beta2: b2, oneMinusBeta1: ob1,
                                                 oneMinusBeta2: ob2, correction1: c1, correction2: c2,
                                                 epsilon: eps, rate: eta, sqrtGuard: Self.sqrtGuard)
                            }
                        }
                    case .rmsprop(let decay, let epsilon):
                        let rho = Float(decay), orho = Float(1 - decay), eps = Float(epsilon)
                        first[i].withUnsafeMutableBufferPointer { square in
                            for j in 0..<g.count {
                                let s = square[j] * rho + (g[j] * g[j]) * orho
                                square[j] = s
                                let root = (s >= Self.sqrtGuard ? s : Self.sqrtGuard).squareRoot()
                                theta[j] = theta[j] - (g[j] / (root + eps)) * eta
                            }
                        }
                    }
                }
            }
        }
        stepCount = k
    }
}
