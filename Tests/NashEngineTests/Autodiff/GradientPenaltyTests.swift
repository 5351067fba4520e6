import Testing
import NashEngine

/// A three-layer critic D: R² → R with tanh, leakyRelu and softplus, the shape of the networks that
/// WGAN-GP (Gulrajani et al. 2017, arXiv:1704.00028) and R1 (Mescheder et al. 2018, arXiv:1801.04406)
/// penalise.
struct TinyCritic {
    var params: [Tensor]

    init(seed: UInt64) {
        var rng = SplitMix(seed)
        params = [[2, 5], [5], [5, 5], [5], [5, 1], [1]].map { randomTensor($0, &rng, -0.9...0.9) }
    }

    func callAsFunction(_ x: Tensor, _ p: [Tensor]) -> Tensor {
        let h1 = (matmul(x, p[0]) + p[1]).tanh()
        let h2 = (matmul(h1, p[2]) + p[3]).leakyRelu(0.2)
        return (matmul(h2, p[4]) + p[5]).softplus()
    }
}

/// R1-style ‖∂D/∂x‖² averaged over the batch, and the WGAN-GP form (‖∂D/∂x‖ − 1)².
func penalty(_ d: TinyCritic, _ p: [Tensor], _ x: Tensor, wgan: Bool, createGraph: Bool) -> Tensor {
    let xg = x.requiringGrad()
    let gx = gradients(of: d(xg, p).sum(), wrt: [xg], createGraph: createGraph)[0]
    if wgan { return (gx.norm(axes: [1]) - 1).squared().mean() }
    return gx.sumOfSquares(axes: [1]).mean()
}

@Test("gradient of a gradient penalty matches finite differences", arguments: [false, true])
func gradientPenaltyGradient(wgan: Bool) throws {
    let d = TinyCritic(seed: 5)
    var rng = SplitMix(6)
    let x = randomTensor([4, 2], &rng, -1.5...1.5)
    let p = d.params.map { $0.requiringGrad() }
    let value = penalty(d, p, x, wgan: wgan, createGraph: true)
    #expect(value.requiresGrad)
    let analytic = gradients(of: value, wrt: p).map(\.scalars)

    // FD in Float32 with ε = 1e-2: the penalty is O(1) and smooth, so the error of the difference is
    // about 1e-7/ε + ε²·|P'''| ≈ 1e-4, far below the 1e-2 bound (see GradCheck).
    let eps: Float = 1e-2
    var worst = 0.0
    for (i, param) in d.params.enumerated() {
        var fd = [Double]()
        for j in 0..<param.count {
            func at(_ delta: Float) -> Double {
                var v = param.scalars
                v[j] += delta
                var q = d.params
                q[i] = Tensor(shape: param.shape, scalars: v)
                return Double(penalty(d, q, x, wgan: wgan, createGraph: false).item)
            }
            fd.append((at(eps) - at(-eps)) / (2 * Double(eps)))
        }
        worst = max(worst, GradCheck.relativeError(analytic[i], fd))
        // The penalty depends on every parameter except the last bias (∂D/∂x does not see it).
        if i < 5 { #expect(analytic[i].contains { $0 != 0 }) }
    }
    #expect(worst < GradCheck.tolerance, "relative error \(worst)")
}

@Test func penaltyWithoutCreateGraphCarriesNoGraph() {
    let d = TinyCritic(seed: 5)
    let p = d.params.map { $0.requiringGrad() }
    var rng = SplitMix(6)
    let value = penalty(d, p, randomTensor([4, 2], &rng), wgan: false, createGraph: false)
    #expect(!value.requiresGrad)
}
