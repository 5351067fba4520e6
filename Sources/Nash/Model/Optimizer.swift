/// The optimiser of one network. g is the gradient of that network's loss, θ a parameter, and
/// η_t = learningRate × schedule.factor(at: t, of: T) the step size at round t (see `Training`).
/// State (moments) is per parameter, starts at zero, and belongs to the network: every update of
/// that network in the schedule advances the same state.
public struct Optimizer: Codable, Hashable, Sendable {
    public enum Method: Codable, Hashable, Sendable {
        /// Plain gradient descent: θ ← θ − η·g.
        case sgd
        /// Heavy-ball momentum (Polyak 1964; Sutskever et al. 2013), PyTorch's form without
        /// dampening: v ← μ·v + g, then θ ← θ − η·v, or θ ← θ − η·(g + μ·v) when `nesterov`.
        case momentum(momentum: Double, nesterov: Bool)
        /// Adam (Kingma & Ba 2014, arXiv:1412.6980): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
        /// m̂ = m/(1 − β₁ᵏ), v̂ = v/(1 − β₂ᵏ) with k the 1-based count of this optimiser's steps,
        /// θ ← θ − η·m̂/(√v̂ + ε).
        case adam(beta1: Double, beta2: Double, epsilon: Double)
        /// RMSProp (Tieleman & Hinton 2012, Coursera *Neural Networks for Machine Learning*, lecture
        /// 6.5): s ← ρs + (1 − ρ)g², θ ← θ − η·g/(√s + ε).
        case rmsprop(decay: Double, epsilon: Double)

        var name: String {
            switch self {
            case .sgd: return "SGD"
            case .momentum: return "momentum"
            case .adam: return "Adam"
            case .rmsprop: return "RMSProp"
            }
        }
    }

    public var method: Method
    /// η, before the schedule's factor. Must be positive.
    public var learningRate: Double
    public var schedule: LearningRateSchedule

    public init(_ method: Method, learningRate: Double, schedule: LearningRateSchedule = .constant) {
        self.method = method
        self.learningRate = learningRate
        self.schedule = schedule
    }

    /// Plain SGD.
    public static func sgd(lr: Double) -> Optimizer { Optimizer(.sgd, learningRate: lr) }

    /// SGD with momentum μ (default 0.9, the customary value of Sutskever et al. 2013).
    public static func momentum(lr: Double, momentum: Double = 0.9, nesterov: Bool = false) -> Optimizer {
        Optimizer(.momentum(momentum: momentum, nesterov: nesterov), learningRate: lr)
    }

    /// Adam with the paper's defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8. GANs commonly take β₁ = 0.5
    /// (Radford et al. 2015, arXiv:1511.06434); that is a choice to state, not a hidden default.
    public static func adam(lr: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) -> Optimizer {
        Optimizer(.adam(beta1: beta1, beta2: beta2, epsilon: epsilon), learningRate: lr)
    }

    /// RMSProp with ρ = 0.9 (the lecture's value) and ε = 1e-8 unless given. WGAN used RMSProp with
    /// η = 5e-5 (Arjovsky et al. 2017).
    public static func rmsprop(lr: Double, decay: Double = 0.9, epsilon: Double = 1e-8) -> Optimizer {
        Optimizer(.rmsprop(decay: decay, epsilon: epsilon), learningRate: lr)
    }

    /// The same optimiser with a learning-rate schedule.
    public func scheduled(_ schedule: LearningRateSchedule) -> Optimizer {
        var copy = self
        copy.schedule = schedule
        return copy
    }
}
