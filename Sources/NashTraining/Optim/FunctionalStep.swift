import NashEngine

/// An optimiser's state as tensors, for steps taken inside a graph (the unrolled look-ahead): the
/// moments may carry a graph back to whatever produced the gradients.
public struct FunctionalOptimizerState {
    /// Momentum's v, Adam's m, RMSProp's s, one per parameter (empty for SGD).
    public var first: [Tensor]
    /// Adam's v (empty otherwise).
    public var second: [Tensor]
    /// Steps taken so far.
    public var stepCount: Int
}

extension ParameterOptimizer {
    /// The current moments as constant tensors (copies: later in-place steps do not change them).
    public func functionalState() -> FunctionalOptimizerState {
        func tensors(_ arrays: [[Float]]) -> [Tensor] { arrays.map { Tensor(shape: [$0.count], scalars: $0) } }
        return FunctionalOptimizerState(first: tensors(first), second: tensors(second), stepCount: stepCount)
    }

    /// The step of `step(_:gradients:round:)` in engine operations: new parameters and state, nothing
    /// mutated. With gradients built by `gradients(…, createGraph: true)` the result is differentiable
    /// in whatever those gradients depend on. The numbers equal the in-place step's bit for bit.
    public func functionalStep(_ parameters: [Tensor], gradients: [Tensor], state: FunctionalOptimizerState,
                               round: Int) -> (parameters: [Tensor], state: FunctionalOptimizerState) {
        let eta = learningRate(round: round)
        let k = state.stepCount + 1
        var next = state
        next.stepCount = k
        var out = [Tensor]()
        for i in parameters.indices {
            let theta = parameters[i], g = gradients[i]
            let shape = theta.shape
            switch configuration.method {
            case .sgd:
                out.append(theta - g * eta)
            case .momentum(let mu, let nesterov):
                let mu = Float(mu)
                let v = state.first[i].reshaped(to: shape) * mu + g
                next.first[i] = v.reshaped(to: [theta.count])
                out.append(nesterov ? theta - (g + v * mu) * eta : theta - v * eta)
            case .adam(let beta1, let beta2, let epsilon):
                let (c1, c2) = biasCorrections(beta1: beta1, beta2: beta2, k: k)
                let m = state.first[i].reshaped(to: shape) * Float(beta1) + g * Float(1 - beta1)
                let v = state.second[i].reshaped(to: shape) * Float(beta2) + (g * g) * Float(1 - beta2)
                next.first[i] = m.reshaped(to: [theta.count])
                next.second[i] = v.reshaped(to: [theta.count])
                let root = maximum(v / c2, Tensor(Self.sqrtGuard)).sqrt()
                out.append(theta - ((m / c1) / (root + Float(epsilon))) * eta)
            case .rmsprop(let decay, let epsilon):
                let s = state.first[i].reshaped(to: shape) * Float(decay) + (g * g) * Float(1 - decay)
                next.first[i] = s.reshaped(to: [theta.count])
                let root = maximum(s, Tensor(Self.sqrtGuard)).sqrt()
                out.append(theta - (g / (root + Float(epsilon))) * eta)
            }
        }
        return (out, next)
    }
}
