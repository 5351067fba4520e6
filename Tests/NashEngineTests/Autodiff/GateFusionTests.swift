import NashEngine
import Testing

/// Backward walks multiply a ReLU-like layer's gradient by its gate inside the product that computes
/// it (the GEMM's gate epilogue): the first-order walk as a constant, the `createGraph: true` walk as a
/// recorded `.gatedMatmul`. Both must give the bits of a backward pass written out by hand with
/// unfused operations (products, then a multiplication by the 0/1 or 1/α mask), and the recorded
/// one must differentiate as the product followed by the gate (finite differences of a penalty).
@Suite struct GateFusionTests {
    static func bits(_ tensors: [Tensor]) -> [[UInt32]] { tensors.map { $0.scalars.map(\.bitPattern) } }

    /// The first-order (fused) gradients of `loss`, after expecting them to be the bits of the
    /// `createGraph: true` walk's.
    @discardableResult
    static func expectFusedEqualsRecorded(_ loss: Tensor, wrt xs: [Tensor]) -> [Tensor] {
        let fused = gradients(of: loss, wrt: xs)
        let recorded = gradients(of: loss, wrt: xs, createGraph: true)
        #expect(bits(fused) == bits(recorded))
        return fused
    }

    /// Parameters of a four-layer MLP on [batch, 5] inputs.
    static func parameters(_ rng: inout SplitMix, widths: [Int] = [5, 48, 40, 36, 1]) -> [Tensor] {
        zip(widths, widths.dropFirst()).flatMap { (i, o) in
            [randomTensor([i, o], &rng).requiringGrad(), randomTensor([o], &rng, -0.2...0.2).requiringGrad()]
        }
    }

    /// linear+ReLU, then matmul + b with a leaky ReLU, then matmul + b with a ReLU op, then a linear
    /// output: every gate kind the walk fuses (linear(relu:), leakyRelu, relu).
    static func mlp(_ x: Tensor, _ p: [Tensor]) -> Tensor {
        let h1 = linear(x, p[0], p[1], relu: true)
        let h2 = (matmul(h1, p[2]) + p[3]).leakyRelu(0.2)
        let h3 = (matmul(h2, p[4]) + p[5]).relu()
        return linear(h3, p[6], p[7])
    }

    /// ∂(Σ out · seed)/∂p for `mlp`, written out layer by layer: each gate is a separate
    /// multiplication by a mask tensor (1 or 0, or 1 or 0.2), each product its own `matmul`.
    static func handWrittenGradients(_ x: Tensor, _ p: [Tensor], seed s: Tensor) -> [Tensor] {
        let q = p.map { $0.detached() }
        let h1 = linear(x, q[0], q[1], relu: true)
        let z2 = matmul(h1, q[2]) + q[3], h2 = z2.leakyRelu(0.2)
        let z3 = matmul(h2, q[4]) + q[5], h3 = z3.relu()
        let gz3 = matmul(s, q[6], transposeB: true) * (z3 .> 0)
        let gz2 = matmul(gz3, q[4], transposeB: true) * Tensor.where(z2 .> 0, Tensor(1), Tensor(0.2))
        let gz1 = matmul(gz2, q[2], transposeB: true) * (h1 .> 0)
        return [matmul(x, gz1, transposeA: true), gz1.sum(axes: [0]),
                matmul(h1, gz2, transposeA: true), gz2.sum(axes: [0]),
                matmul(h2, gz3, transposeA: true), gz3.sum(axes: [0]),
                matmul(h3, s, transposeA: true), s.sum(axes: [0])]
    }

    @Test("both walks give the bits of the hand-written unfused backward pass", arguments: [1, 2])
    func walksEqualHandWritten(threads: Int) {
        var rng = SplitMix(40)
        let x = randomTensor([300, 5], &rng)
        let p = Self.parameters(&rng)
        let seed = randomTensor([300, 1], &rng)
        Parallel.withThreadCount(threads) {
            let out = Self.mlp(x, p)
            let reference = Self.bits(Self.handWrittenGradients(x, p, seed: seed))
            #expect(Self.bits(gradients(of: out, wrt: p, seed: seed)) == reference)
            let recorded = gradients(of: out, wrt: p, seed: seed, createGraph: true)
            // Every gradient but the output bias's (the seed summed) depends on the parameters.
            #expect(recorded.dropLast().allSatisfy { $0.requiresGrad })
            #expect(Self.bits(recorded) == reference)
        }
    }

    /// A WGAN-GP penalty (‖∂D/∂x‖ − 1)² on a ReLU critic (`mlp`): its input gradient is built by
    /// the `createGraph` walk with every gate fused into a recorded product; the gradient of the penalty
    /// through those products must match central differences. The batch keeps only inputs whose
    /// pre-activations are all at least 0.01 away from 0, so no ±ε step crosses a kink (where the
    /// penalty is not differentiable). With `parameterGradients` the penalty also adds the squared
    /// gradients of the weights (as an unrolled optimiser step would use them): then the fused
    /// products' outputs have several consumers, and their own rule applies the gate.
    @Test(arguments: [false, true])
    func penaltyThroughFusedGatesMatchesFiniteDifferences(parameterGradients: Bool) throws {
        var rng = SplitMix(45)
        let widths = [2, 7, 6, 5, 1]
        let base = Self.parameters(&rng, widths: widths).map { $0.detached() }
        let candidates = randomTensor([64, 2], &rng, -1.5...1.5)
        let z1 = matmul(candidates, base[0]) + base[1]
        let z2 = matmul(z1.relu(), base[2]) + base[3]
        let z3 = matmul(z2.leakyRelu(0.2), base[4]) + base[5]
        let rows = (0..<64).filter { r in
            [z1, z2, z3].allSatisfy { z in
                let w = z.shape[1]
                return z.scalars[(r * w)..<((r + 1) * w)].allSatisfy { Swift.abs($0) > 0.01 }
            }
        }
        try #require(rows.count >= 6, "only \(rows.count) inputs clear of the kinks")
        let x = Tensor(shape: [6, 2],
                       scalars: rows.prefix(6).flatMap { Array(candidates.scalars[(2 * $0)..<(2 * $0 + 2)]) })
        func penalty(_ p: [Tensor], createGraph: Bool) -> Tensor {
            let xg = x.requiringGrad()
            let wrt = parameterGradients ? [xg, p[0], p[2], p[4], p[6]] : [xg]
            let g = gradients(of: Self.mlp(xg, p).sum(), wrt: wrt, createGraph: createGraph)
            let gp = (g[0].norm(axes: [1]) - 1).squared().mean()
            return g.dropFirst().reduce(gp) { $0 + $1.sumOfSquares() * 0.1 }
        }

        let p = base.map { $0.requiringGrad() }
        let analytic = gradients(of: penalty(p, createGraph: true), wrt: p).map(\.scalars)
        let eps: Float = 1e-3
        var worst = 0.0
        for (i, param) in base.enumerated() {
            var fd = [Double]()
            for j in 0..<param.count {
                func at(_ delta: Float) -> Double {
                    var v = param.scalars
                    v[j] += delta
                    var q = base
                    q[i] = Tensor(shape: param.shape, scalars: v)
                    return Double(penalty(q.map { $0.requiringGrad() }, createGraph: false).item)
                }
                fd.append((at(eps) - at(-eps)) / (2 * Double(eps)))
            }
            worst = max(worst, GradCheck.relativeError(analytic[i], fd))
            // Every weight matrix reaches ∂D/∂x (the biases of the hidden layers through the gates only).
            if i % 2 == 0 { #expect(analytic[i].contains { $0 != 0 }) }
        }
        #expect(worst < GradCheck.tolerance, "relative error \(worst)")
    }

    @Test("fused first-order gradients equal the recorded rules, bit for bit", arguments: [1, 2])
    func fusedEqualsRecorded(threads: Int) {
        var rng = SplitMix(41)
        let x = randomTensor([300, 5], &rng)
        let p = Self.parameters(&rng)
        Parallel.withThreadCount(threads) {
            let loss = Self.mlp(x, p).softplus().mean()
            let fused = Self.expectFusedEqualsRecorded(loss, wrt: p)
            // The gates matter (the first layer's ReLU is zero on part of the batch), and the first
            // layer's weights still get a gradient through all three gates.
            let h1 = linear(x, p[0], p[1], relu: true).scalars
            #expect(h1.contains(0) && h1.contains { $0 > 0 })
            #expect(fused[0].scalars.contains { $0 != 0 })
        }
    }

    /// A large batch takes the threaded GEMM path (packed B shared by the workers) for the 48 x 40
    /// products; the input gradient of a penalty is fused in its first-order part too.
    @Test func largeBatchAndInputGradient() {
        var rng = SplitMix(42)
        let x = randomTensor([2048, 5], &rng).requiringGrad()
        let p = Self.parameters(&rng, widths: [5, 256, 256, 40, 1])
        Parallel.withThreadCount(2) {
            let loss = Self.mlp(x, p).sum()
            Self.expectFusedEqualsRecorded(loss, wrt: p + [x])
        }
    }

    /// An activation with two consumers gets the sum of both parts before its gate: nothing is fused
    /// into either product, and the result is still the recorded one.
    @Test func sharedActivationIsGatedOnce() {
        var rng = SplitMix(43)
        let x = randomTensor([64, 5], &rng)
        let p = Self.parameters(&rng)
        let h1 = linear(x, p[0], p[1], relu: true)
        let w = randomTensor([48, 48], &rng).requiringGrad()
        // h1 feeds two products.
        let h2 = linear(h1, p[2], p[3], relu: true)
        let side = matmul(h1, w).sum(axes: [1], keepDims: true)
        let loss = (linear(linear(h2, p[4], p[5], relu: true), p[6], p[7]) + side).squared().mean()
        Self.expectFusedEqualsRecorded(loss, wrt: p + [w])
    }

    /// An activation asked for by `wrt` keeps its own (ungated) gradient.
    @Test func targetActivationKeepsItsGradient() {
        var rng = SplitMix(44)
        let x = randomTensor([64, 5], &rng)
        let p = Self.parameters(&rng)
        let h1 = linear(x, p[0], p[1], relu: true)
        let out = linear(linear(linear(h1, p[2], p[3], relu: true), p[4], p[5], relu: true), p[6], p[7])
        let loss = out.softplus().sum()
        let fused = Self.expectFusedEqualsRecorded(loss, wrt: [h1] + p)
        // Where h1 is 0 (a dead unit) its gradient is generally not: it was not gated.
        let dead = h1.scalars.indices.filter { h1.scalars[$0] == 0 }
        #expect(dead.contains { fused[0].scalars[$0] != 0 })
    }
}

/// `Gemm.multiply(…, gate:ldg:slope:)`: the product, then t · (g > 0 ? 1 : slope) in the epilogue,
/// must be the bits of the product followed by that pass, on every kernel and path.
@Suite struct GemmGateEpilogueTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var m: Int, n: Int, k: Int, transA = false, transB = false
        var testDescription: String { "\(transA ? "T" : "N")\(transB ? "T" : "N") \(m)x\(n)x\(k)" }
    }

    /// Full and edge tiles, two k-blocks, the narrow path (n <= 4), small k and small m (the skinny
    /// AVX-512 paths), k = 0, and a product large enough for the threaded path.
    static let shapes: [Shape] = [
        Shape(m: 13, n: 33, k: 7), Shape(m: 12, n: 32, k: 300), Shape(m: 40, n: 3, k: 5),
        Shape(m: 7, n: 20, k: 0), Shape(m: 30, n: 1, k: 64, transA: true), Shape(m: 512, n: 128, k: 2),
        Shape(m: 512, n: 128, k: 1, transB: true), Shape(m: 2, n: 128, k: 512, transA: true),
        Shape(m: 3, n: 70, k: 40, transB: true), Shape(m: 512, n: 128, k: 128, transB: true),
        Shape(m: 130, n: 100, k: 300, transA: true, transB: true),
    ]

    @Test(arguments: shapes)
    func gateEqualsProductThenPass(shape: Shape) {
        let (m, n, k) = (shape.m, shape.n, shape.k)
        var rng = SplitMix(UInt64(600 + m + n + k))
        let a = (0..<max(m * k, 1)).map { _ in rng.uniform(-1, 1) }
        let b = (0..<max(k * n, 1)).map { _ in rng.uniform(-1, 1) }
        // The mask: positive, negative, zero and NaN entries (NaN is not > 0: the slope applies).
        let mask = (0..<(m * n)).map { i -> Float in
            switch i % 7 { case 0: 0; case 3: .nan; default: rng.uniform(-1, 1) }
        }
        let (lda, ldb) = (shape.transA ? m : max(k, 1), shape.transB ? max(k, 1) : n)
        for kernel in Gemm.Kernel.allCases where kernel.isAvailable {
            for slope: Float in [0, 0.2] {
                for threads in [1, 2] {
                    var fused = [Float](repeating: .nan, count: m * n), plain = fused
                    Parallel.withThreadCount(threads) {
                        Gemm.multiply(transA: shape.transA, transB: shape.transB, m: m, n: n, k: k, a: a, lda: lda,
                                      b: b, ldb: ldb, c: &fused, ldc: n, gate: mask, ldg: n, slope: slope,
                                      kernel: kernel)
                        Gemm.multiply(transA: shape.transA, transB: shape.transB, m: m, n: n, k: k, a: a, lda: lda,
                                      b: b, ldb: ldb, c: &plain, ldc: n, kernel: kernel)
                    }
                    for i in 0..<(m * n) { plain[i] = plain[i] * (mask[i] > 0 ? 1 : slope) }
                    #expect(fused.map(\.bitPattern) == plain.map(\.bitPattern),
                            "\(kernel) \(shape.testDescription) slope \(slope), \(threads) threads")
                }
            }
        }
    }
}
