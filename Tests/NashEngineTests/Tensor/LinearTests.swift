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
