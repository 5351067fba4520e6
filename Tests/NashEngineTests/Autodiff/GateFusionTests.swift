import NashEngine
import Testing

/// First-order backward walks multiply a ReLU-like layer's gradient by its gate inside the product
/// that computes it (the GEMM's gate epilogue). The walk with `createGraph: true` runs every rule as
/// recorded operations, gates included, so it is the unfused reference: both must give the same bits.
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
