import NashEngine

/// SplitMix64 (Steele et al. 2014): a tiny seeded generator for test inputs, independent of the engine's
/// own random streams.
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [lo, hi).
    mutating func uniform(_ lo: Float, _ hi: Float) -> Float {
        lo + (hi - lo) * Float(next() >> 40) / Float(1 << 24)
    }

    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Uniform values in `range`; with `gap` > 0 values closer than `gap` to 0 are pushed out to ±gap, so a
/// finite-difference step never crosses the kink of relu, abs or leakyRelu.
func randomTensor(_ shape: [Int], _ rng: inout SplitMix, _ range: ClosedRange<Float> = -1...1,
                  gap: Float = 0) -> Tensor {
    let n = shape.reduce(1, *)
    let values: [Float] = (0..<n).map { _ in
        let v = rng.uniform(range.lowerBound, range.upperBound)
        return abs(v) < gap ? (v < 0 ? -gap : gap) : v
    }
    return Tensor(shape: shape, scalars: values)
}

/// Finite-difference checks of first and second derivatives.
///
/// Every check differentiates the scalar L(x) = Σ w⊙y + ¼ Σ y⊙y with y = f(x) and fixed random w. The
/// quadratic term gives every op a nonzero Hessian (even linear ones), so the second-order check also
/// exercises each linear op's gradient rule under `createGraph`.
///
/// Tolerances: central differences with step ε = 1e-2 have truncation error ε²·|L'''|/6 ≈ 2e-5·|L'''|;
/// Float32 rounding of y (relative 6e-8, at most a few hundred terms of size O(1)) contributes about
/// 300 · 6e-8 / (2ε) ≈ 1e-3 in the worst case. The first-order FD sums L in Float64 and divides by the
/// step actually taken (the Float32 difference of the two perturbed inputs). An error bound of 1e-2
/// relative to max(1, ‖FD‖∞) is therefore ≥ 10× the expected error, while a wrong rule is off by O(1).
enum GradCheck {
    static let eps: Float = 1e-2
    static let tolerance = 1e-2

    static func loss(_ y: Tensor, _ w: Tensor) -> Tensor { (y * w).sum() + (y * y).sum() * 0.25 }

    static func lossInDouble(_ y: [Float], _ w: [Float]) -> Double {
        var s = 0.0
        for i in y.indices { s += Double(w[i]) * Double(y[i]) + 0.25 * Double(y[i]) * Double(y[i]) }
        return s
    }

    /// ‖analytic − FD‖∞ / max(1, ‖FD‖∞) over all inputs of ∂L/∂inputs.
    static func firstOrderError(_ inputs: [Tensor], seed: UInt64 = 7, _ f: ([Tensor]) -> Tensor) -> Double {
        let xs = inputs.map { $0.requiringGrad() }
        let y = f(xs)
        var rng = SplitMix(seed)
        let w = randomTensor(y.shape, &rng)
        let analytic = gradients(of: loss(y, w), wrt: xs).map(\.scalars)
        let ws = w.scalars
        var worst = 0.0
        for i in inputs.indices {
            var values = inputs[i].scalars
            var fd = [Double](repeating: 0, count: values.count)
            for j in values.indices {
                let x = values[j]
                var args = inputs
                values[j] = x + eps
                let xp = values[j]
                args[i] = Tensor(shape: inputs[i].shape, scalars: values)
                let lp = lossInDouble(f(args).scalars, ws)
                values[j] = x - eps
                let xm = values[j]
                args[i] = Tensor(shape: inputs[i].shape, scalars: values)
                let lm = lossInDouble(f(args).scalars, ws)
                values[j] = x
                fd[j] = (lp - lm) / (Double(xp) - Double(xm))
            }
            worst = max(worst, relativeError(analytic[i], fd))
        }
        return worst
    }

    /// Hessian-vector product H·v (by differentiating ⟨∂L/∂x, v⟩ with `createGraph`) against the central
    /// difference of first-order gradients (∇L(x + εv) − ∇L(x − εv)) / 2ε.
    static func secondOrderError(_ inputs: [Tensor], seed: UInt64 = 11, _ f: ([Tensor]) -> Tensor) -> Double {
        var rng = SplitMix(seed)
        let xs = inputs.map { $0.requiringGrad() }
        let y = f(xs)
        let w = randomTensor(y.shape, &rng)
        let v = inputs.map { randomTensor($0.shape, &rng) }
        let g = gradients(of: loss(y, w), wrt: xs, createGraph: true)
        var dot = (g[0] * v[0]).sum()
        for i in 1..<g.count { dot = dot + (g[i] * v[i]).sum() }
        let hv = gradients(of: dot, wrt: xs).map(\.scalars)

        func gradient(at t: Float) -> [[Float]] {
            let moved = inputs.indices.map { (inputs[$0] + v[$0] * t).detached().requiringGrad() }
            return gradients(of: loss(f(moved), w), wrt: moved).map(\.scalars)
        }
        let gp = gradient(at: eps), gm = gradient(at: -eps)
        var worst = 0.0
        for i in inputs.indices {
            let fd = gp[i].indices.map { (Double(gp[i][$0]) - Double(gm[i][$0])) / (2 * Double(eps)) }
            worst = max(worst, relativeError(hv[i], fd))
        }
        return worst
    }

    static func relativeError(_ a: [Float], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        var diff = 0.0, scale = 1.0
        for i in a.indices {
            diff = max(diff, abs(Double(a[i]) - b[i]))
            scale = max(scale, abs(b[i]))
        }
        return diff / scale
    }
}
