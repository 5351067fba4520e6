import NashEngine

/// The additive penalties of `Nash.Regularizer`, as engine operations that stay differentiable in D's
/// parameters (the input gradients are built with `createGraph`, so D's update differentiates through
/// them: second order). Notation: D is the critic as a function of its input batch, E the batch mean,
/// ‖·‖ the Euclidean norm of one sample's gradient over all its coordinates.
public enum Penalties {
    /// (λ/2)·Σ‖W‖²_F over `weights` (Goodfellow et al. 2016, *Deep Learning*, §7.1.1); gradient λ·W.
    public static func weight(_ weights: [Tensor], lambda: Double) -> Tensor {
        let total = weights.map { $0.sumOfSquares() }.reduce(Tensor(0), +)
        return total * Float(lambda / 2)
    }

    /// WGAN-GP (Gulrajani et al. 2017, arXiv:1704.00028): x̂ = εx + (1 − ε)x̃ row by row with the given
    /// ε ∈ [0, 1) per sample, λ·E[(‖∇ₓD(x̂)‖ − target)²].
    ///
    /// NB: the norm is √(Σg² + 1e-12): at a zero gradient (a dead ReLU critic) the exact norm's
    /// derivative is 0/0; the guard changes the norm by less than Float32 resolution whenever Σg² ≳ 1e-5.
    public static func gradient(critic: (Tensor) -> Tensor, real: Tensor, fake: Tensor, epsilon: [Float],
                                weight: Double, target: Double) -> Tensor {
        let batch = real.shape[0]
        precondition(epsilon.count == batch && fake.shape == real.shape)
        let e = Tensor(shape: [batch] + [Int](repeating: 1, count: real.rank - 1), scalars: epsilon)
        let mixed = real * e + fake * (1 - e)
        let (_, g) = inputGradient(critic, mixed)
        let norms = g.reshaped(to: [batch, -1]).norm(axes: [1], epsilon: 1e-12)
        return (norms - Float(target)).squared().mean() * Float(weight)
    }

    /// R1 or R2 (Mescheder et al. 2018, arXiv:1801.04406): (γ/2)·E[‖∇ₓD(x)‖²] over `input` (real data
    /// for R1, generated for R2), given the critic's `gradient` there (from `inputGradient`).
    public static func gradientSquared(gradient: Tensor, gamma: Double) -> Tensor {
        let batch = gradient.shape[0]
        return gradient.reshaped(to: [batch, -1]).sumOfSquares(axes: [1]).mean() * Float(gamma / 2)
    }

    /// Roth et al. 2017 (arXiv:1705.09367): with ψ = D's logit and φ = σ(ψ),
    /// (γ/2)·(E_real[(1 − φ)²‖∇ₓψ‖²] + E_fake[φ²‖∇ₓψ‖²]), from the logits and input gradients on
    /// both batches.
    public static func roth(realLogits: Tensor, realGradient: Tensor, fakeLogits: Tensor, fakeGradient: Tensor,
                            gamma: Double) -> Tensor {
        func term(_ logits: Tensor, _ gradient: Tensor, real: Bool) -> Tensor {
            let batch = gradient.shape[0]
            let squared = gradient.reshaped(to: [batch, -1]).sumOfSquares(axes: [1])
            let phi = logits.reshaped(to: [batch]).sigmoid()
            let factor = real ? (1 - phi).squared() : phi.squared()
            return (factor * squared).mean()
        }
        let omega = term(realLogits, realGradient, real: true) + term(fakeLogits, fakeGradient, real: false)
        return omega * Float(gamma / 2)
    }

    /// D(x) and ∇ₓΣD(x) (the per-sample input gradients when samples do not interact), with a graph.
    /// A constant `x` becomes a leaf for this; an `x` that already has a graph (G's output in a
    /// simultaneous step) is used as is, so gradients still reach G through it.
    public static func inputGradient(_ critic: (Tensor) -> Tensor, _ x: Tensor) -> (output: Tensor, gradient: Tensor) {
        let input = x.requiresGrad ? x : x.requiringGrad()
        let output = critic(input)
        let g = gradients(of: output.sum(), wrt: [input], createGraph: true)[0]
        return (output, g)
    }
}
