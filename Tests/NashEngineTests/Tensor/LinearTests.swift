import NashEngine
import Testing

/// `linear(x, w, b, relu:)` is one GEMM with the bias (and the clamp) in its epilogue; it must give the
/// bits of the unfused `matmul(x, w) + b` (`.relu()`), forward and backward, for any thread count.
@Suite struct LinearTests {
    static let shapes: [(m: Int, k: Int, n: Int)] = [
        (1, 1, 1), (7, 2, 128), (64, 128, 1), (33, 5, 4), (512, 128, 128), (100, 300, 37), (96, 513, 20),
    ]

    static func operands(_ m: Int, _ k: Int, _ n: Int, seed: UInt64) -> (Tensor, Tensor, Tensor) {
        var rng = SplitMix(seed)
        return (randomTensor([m, k], &rng), randomTensor([k, n], &rng), randomTensor([n], &rng))
    }

    static func bits(_ t: Tensor) -> [UInt32] { t.scalars.map(\.bitPattern) }

    @Test("forward: the bits of matmul + b, and of its relu", arguments: shapes.indices)
    func forwardBits(_ index: Int) {
        let (m, k, n) = Self.shapes[index]
        let (x, w, b) = Self.operands(m, k, n, seed: UInt64(10 + index))
        let plain = matmul(x, w) + b
        for threads in [1, 2] {
            Parallel.withThreadCount(threads) {
                #expect(Self.bits(linear(x, w, b)) == Self.bits(plain), "m \(m) k \(k) n \(n), \(threads) threads")
                #expect(Self.bits(linear(x, w, b, relu: true)) == Self.bits(plain.relu()),
                        "relu, m \(m) k \(k) n \(n), \(threads) threads")
            }
        }
    }

    /// The GEMM epilogue of every kernel: the product, then + bias[j], then the clamp, each rounded as
    /// the separate passes would round it; K = 0 gives the bias alone. Shapes cover full and edge tiles
    /// (6×16, 12×32), the narrow path (n ≤ 4) and two k-blocks (k = 300).
    @Test("every kernel's bias and clamp epilogue equals the product followed by the passes",
          arguments: [Gemm.Kernel.portable, .avx2FMA, .avx512])
    func epilogueOfEachKernel(_ kernel: Gemm.Kernel) {
        guard kernel.isAvailable else { return }
        for (index, (m, k, n)) in [(13, 7, 33), (12, 300, 32), (40, 5, 3), (7, 0, 20), (30, 64, 1)].enumerated() {
            var rng = SplitMix(UInt64(500 + index))
            let a = (0..<max(m * k, 1)).map { _ in rng.uniform(-1, 1) }
            let b = (0..<max(k * n, 1)).map { _ in rng.uniform(-1, 1) }
            let bias = (0..<n).map { _ in rng.uniform(-1, 1) }
            for relu in [false, true] {
                var fused = [Float](repeating: .nan, count: m * n), plain = fused
                Gemm.multiply(transA: false, transB: false, m: m, n: n, k: k, a: a, lda: max(k, 1), b: b, ldb: n,
                              c: &fused, ldc: n, bias: bias, relu: relu, kernel: kernel)
                Gemm.multiply(transA: false, transB: false, m: m, n: n, k: k, a: a, lda: max(k, 1), b: b, ldb: n,
                              c: &plain, ldc: n, kernel: kernel)
                for i in 0..<m {
                    for j in 0..<n {
                        let t = plain[i * n + j] + bias[j]
                        plain[i * n + j] = relu ? (t > 0 ? t : 0) : t
                    }
                }
                #expect(fused.map(\.bitPattern) == plain.map(\.bitPattern), "\(kernel) m \(m) k \(k) n \(n) relu \(relu)")
            }
        }
    }

    @Test("backward, first and second order: the bits of the unfused graph", arguments: [false, true])
    func backwardBits(_ relu: Bool) {
        var rng = SplitMix(77)
        let x = randomTensor([64, 6], &rng).requiringGrad()
        let w1 = randomTensor([6, 32], &rng).requiringGrad(), b1 = randomTensor([32], &rng).requiringGrad()
        let w2 = randomTensor([32, 1], &rng).requiringGrad(), b2 = randomTensor([1], &rng).requiringGrad()
        let parameters = [w1, b1, w2, b2]
        func penalty(_ fused: Bool) -> [[UInt32]] {
            let hidden = fused ? linear(x, w1, b1, relu: relu)
                               : (relu ? (matmul(x, w1) + b1).relu() : matmul(x, w1) + b1)
            let out = fused ? linear(hidden, w2, b2) : matmul(hidden, w2) + b2
            // A gradient penalty: the input gradient with a graph, differentiated again in the weights.
            let g = gradients(of: out.sum(), wrt: [x], createGraph: true)[0]
            let loss = out.mean() + g.sumOfSquares()
            return gradients(of: loss, wrt: parameters).map(Self.bits)
        }
        let fused = penalty(true), plain = penalty(false)
        #expect(fused == plain)
        #expect(fused[0].contains { $0 != 0 }, "the first layer's weight gradient is not all zero")
    }
}
