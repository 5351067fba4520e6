import Foundation
import Nash
import NashEngine
import NashStore
import NashTraining
import Testing

/// Optimiser steps against hand computation (plain Float64 from `Nash.Optimizer`'s formulas), and the
/// differentiable functional step against the in-place step, bit for bit.
@Suite struct OptimizerTests {
    static let theta0: [Double] = [0.5, -1.0, 2.0]
    static let grads: [[Double]] = [[0.1, -0.2, 0.3], [-0.4, 0.0, 0.25], [0.05, 0.6, -0.1]]
    /// One parameter of shape [3] (`constant0/value`).
    static let specs = try! NetworkModel(Network { LearnableConstant(3) }, input: [1]).parameterSpecs

    static let methods: [Optimizer] = [
        .sgd(lr: 0.1), .momentum(lr: 0.1, momentum: 0.9), .momentum(lr: 0.1, momentum: 0.8, nesterov: true),
        .adam(lr: 0.01, beta1: 0.5, beta2: 0.9), .rmsprop(lr: 0.01, decay: 0.9, epsilon: 1e-6),
        Optimizer.sgd(lr: 0.2).scheduled(.step(every: 1, factor: 0.5)),
    ]

    /// The documented update rules in Float64.
    static func reference(_ o: Optimizer, steps: Int) -> [Double] {
        var theta = theta0, m = [Double](repeating: 0, count: 3), v = m
        for k in 1...steps {
            let g = grads[k - 1]
            let eta = o.learningRate * o.schedule.factor(at: k - 1, of: 10)
            for j in 0..<3 {
                switch o.method {
                case .sgd: theta[j] -= eta * g[j]
                case .momentum(let mu, let nesterov):
                    m[j] = mu * m[j] + g[j]
                    theta[j] -= nesterov ? eta * (g[j] + mu * m[j]) : eta * m[j]
                case .adam(let b1, let b2, let eps):
                    m[j] = b1 * m[j] + (1 - b1) * g[j]
                    v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j]
                    let mh = m[j] / (1 - pow(b1, Double(k))), vh = v[j] / (1 - pow(b2, Double(k)))
                    theta[j] -= eta * mh / (vh.squareRoot() + eps)
                case .rmsprop(let rho, let eps):
                    m[j] = rho * m[j] + (1 - rho) * g[j] * g[j]
                    theta[j] -= eta * g[j] / (m[j].squareRoot() + eps)
                }
            }
        }
        return theta
    }

    static func tensor(_ v: [Double]) -> Tensor { Tensor(shape: [v.count], scalars: v.map(Float.init)) }

    @Test(arguments: methods)
    func inPlaceStepsMatchHandComputation(_ o: Optimizer) {
        let opt = ParameterOptimizer(o, parameters: Self.specs, totalRounds: 10)
        let theta = Self.tensor(Self.theta0)
        for k in 0..<3 { opt.step([theta], gradients: [Self.tensor(Self.grads[k])], round: k) }
        let want = Self.reference(o, steps: 3)
        for j in 0..<3 { #expect(abs(Double(theta.scalars[j]) - want[j]) < 2e-6, "\(o.method) θ[\(j)]") }
        #expect(opt.stepCount == 3)
    }

    @Test(arguments: methods)
    func functionalStepEqualsInPlaceStepBitForBit(_ o: Optimizer) {
        let opt = ParameterOptimizer(o, parameters: Self.specs, totalRounds: 10)
        let theta = Self.tensor(Self.theta0)
        opt.step([theta], gradients: [Self.tensor(Self.grads[0])], round: 0)
        var params = [theta.copy()], state = opt.functionalState()
        for k in 1..<3 {
            (params, state) = opt.functionalStep(params, gradients: [Self.tensor(Self.grads[k])], state: state, round: k)
            opt.step([theta], gradients: [Self.tensor(Self.grads[k])], round: k)
        }
        #expect(params[0].scalars == theta.scalars)
        #expect(state.stepCount == opt.stepCount)
        #expect(state.first.map(\.scalars) == opt.functionalState().first.map(\.scalars))
    }

    /// Adam at a parameter whose gradient is exactly 0: the differentiable step stays finite (see the
    /// NB on `ParameterOptimizer`) and its derivative in the gradient is the hand value η/(√ν + ε)·(1/(1−β₁))·(1−β₁).
    @Test func adamFunctionalStepIsDifferentiableAtZeroGradient() {
        let opt = ParameterOptimizer(.adam(lr: 0.1), parameters: Self.specs, totalRounds: 1)
        let g = Tensor(shape: [3], scalars: [0, 0, 0], requiresGrad: true)
        let (next, _) = opt.functionalStep([Self.tensor(Self.theta0)], gradients: [g], state: opt.functionalState(), round: 0)
        let d = gradients(of: next[0].sum(), wrt: [g])[0].scalars
        let allFinite = d.allSatisfy { $0.isFinite }
        #expect(allFinite)
        #expect(next[0].scalars == Self.theta0.map(Float.init))
    }

    @Test func stateSurvivesExportAndRestore() throws {
        let o = Optimizer.adam(lr: 0.01)
        let a = ParameterOptimizer(o, parameters: Self.specs, totalRounds: 10)
        let ta = Self.tensor(Self.theta0)
        a.step([ta], gradients: [Self.tensor(Self.grads[0])], round: 0)
        let exported = a.exportState(prefix: "generator")
        #expect(exported.map(\.name) == ["generator/steps", "generator/constant0/value/m", "generator/constant0/value/v"])
        let b = ParameterOptimizer(o, parameters: Self.specs, totalRounds: 10)
        try b.restoreState(Dictionary(uniqueKeysWithValues: exported.map { ($0.name, $0) }), prefix: "generator")
        let tb = ta.copy()
        a.step([ta], gradients: [Self.tensor(Self.grads[1])], round: 1)
        b.step([tb], gradients: [Self.tensor(Self.grads[1])], round: 1)
        #expect(ta.scalars == tb.scalars)
        #expect(throws: CheckpointError.self) { try b.restoreState([:], prefix: "generator") }
    }

    @Test func learningRateSchedulesScaleTheStep() {
        let opt = ParameterOptimizer(Optimizer.sgd(lr: 0.1).scheduled(.linear), parameters: Self.specs, totalRounds: 4)
        #expect(opt.learningRate(round: 0) == 0.1)
        #expect(opt.learningRate(round: 2) == Float(0.05))
        #expect(opt.learningRate(round: 4) == 0)
    }
}
