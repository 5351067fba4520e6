import CNashKernels
import NashEngine
import Testing

/// Reductions over a batch follow the GEMM's k-block schedule (`nash_sgemm_k_block`: blocks of at
/// most 256 rows; each block's sum from its start, the blocks' sums added in block order), so
/// threads can split a batch reduction by rows of the batch and the bits depend on the shape alone.
/// Written-out references for the two reductions that are not tile products: narrow weight
/// gradients (n <= 4, A transposed) and column sums (bias gradients).
@Suite struct BatchReductionTests {
    static func kBlocks(_ k: Int) -> [Range<Int>] {
        let kc = Int(nash_sgemm_k_block(Int32(k)))
        return stride(from: 0, to: k, by: kc).map { $0..<Swift.min(k, $0 + kc) }
    }

    /// The tile kernels' element: per k-block the chain acc = fma(a_ik, b_kj, acc) from +0, k
    /// ascending; alpha · acc (or fma(alpha, acc, beta · c)) for the first block, fma(alpha, acc, c)
    /// for the others.
    static func tileElement(_ p: GemmProblem, _ o: (a: [Float], b: [Float], c: [Float]), _ i: Int, _ j: Int) -> Float {
        var t: Float = 0
        for (index, block) in kBlocks(p.k).enumerated() {
            var acc: Float = 0
            for q in block { acc = acc.addingProduct(p.opA(o.a, i, q), p.opB(o.b, q, j)) }
            if index > 0 {
                t = t.addingProduct(p.alpha, acc)
            } else {
                t = p.beta == 0 ? p.alpha * acc : (p.beta * o.c[i * p.ldc + j]).addingProduct(p.alpha, acc)
            }
        }
        return t
    }

    static let narrowProblems: [GemmProblem] = [1, 2, 3, 4].flatMap { n in
        [(70, 300, Float(1), Float(0)), (130, 1030, 1, 0), (64, 512, -0.7, 0.5), (9, 257, 1, 1), (3, 100, 1, 0)]
            .map { m, k, alpha, beta in GemmProblem(transA: true, m: m, n: n, k: k, alpha: alpha, beta: beta) }
    }

    /// A narrow weight gradient (A transposed, n <= 4) has the bits of the tile kernels' element,
    /// with both FMA kernels and on 1, 2 and 3 threads (which split it by k-blocks).
    @Test(arguments: narrowProblems)
    func narrowTransposedProductIsKBlocked(problem: GemmProblem) {
        let operands = problem.operands()
        var want = operands.c
        for i in 0..<problem.m {
            for j in 0..<problem.n { want[i * problem.ldc + j] = Self.tileElement(problem, operands, i, j) }
        }
        for kernel in [Gemm.Kernel.avx2FMA, .avx512] where kernel.isAvailable {
            for threads in [1, 2, 3] {
                let got = Parallel.withThreadCount(threads) { problem.run(kernel: kernel, operands) }
                #expect(got.map(\.bitPattern) == want.map(\.bitPattern), "\(kernel.name), \(threads) threads")
            }
        }
    }

    /// The same column of C from the narrow path (n = 1) and from the tile path (n = 20, B's first
    /// column the same): one arithmetic for every weight gradient, whatever the layer's width.
    @Test func narrowColumnEqualsTheTileColumn() {
        for kernel in [Gemm.Kernel.avx2FMA, .avx512] where kernel.isAvailable {
            let wide = GemmProblem(transA: true, m: 100, n: 20, k: 600)
            let narrow = GemmProblem(transA: true, m: 100, n: 1, k: 600)
            let o = wide.operands()
            let b1 = (0..<600).map { o.b[$0 * wide.ldb] }
            var bNarrow = [Float](repeating: .nan, count: 600 * narrow.ldb)
            for q in 0..<600 { bNarrow[q * narrow.ldb] = b1[q] }
            let cWide = wide.run(kernel: kernel, o)
            let cNarrow = narrow.run(kernel: kernel, (o.a, bNarrow, [Float](repeating: .nan, count: 100 * narrow.ldc)))
            #expect((0..<100).map { cNarrow[$0 * narrow.ldc].bitPattern } == (0..<100).map { cWide[$0 * wide.ldc].bitPattern },
                    "\(kernel.name)")
        }
    }

    /// Column sums of [outer, r, inner] over r: per k-block of rows a running sum from the block's
    /// first row, then the blocks' sums in order; on 1, 2 and 3 threads.
    @Test(arguments: [(1, 2, 5), (1, 256, 128), (1, 257, 3), (1, 512, 128), (1, 600, 37), (1, 1030, 1500),
                      (3, 700, 9)])
    func columnSumsAreKBlocked(shape: (outer: Int, r: Int, inner: Int)) {
        let (outer, r, inner) = shape
        let values = RandomStream(seed: 3, name: "colsum/\(outer)x\(r)x\(inner)").at(step: 0)
            .uniform(count: outer * r * inner).map { 2 * $0 - 1 }
        var want = [Float](repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for j in 0..<inner {
                var total: Float = 0
                for (index, block) in Self.kBlocks(r).enumerated() {
                    var s = values[(o * r + block.lowerBound) * inner + j]
                    for q in block.dropFirst() { s = s + values[(o * r + q) * inner + j] }
                    total = index == 0 ? s : total + s
                }
                want[o * inner + j] = total
            }
        }
        let x = Tensor(shape: [outer, r, inner], scalars: values)
        for threads in [1, 2, 3] {
            let got = Parallel.withThreadCount(threads) { x.sum(axes: [1]) }
            #expect(got.shape == [outer, inner])
            #expect(got.scalars.map(\.bitPattern) == want.map(\.bitPattern), "\(threads) threads")
        }
    }
}
