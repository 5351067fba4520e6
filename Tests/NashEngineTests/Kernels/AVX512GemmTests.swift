import CNashKernels
import NashEngine
import Testing

/// The AVX-512 kernel (12 x 32 tiles) must give the AVX2 kernel's bits (6 x 16 tiles) for every
/// element: the same chain of FMAs over k within each k-block and the same epilogue formulas.
/// Runs only where the CPU has AVX-512 (and so AVX2 too).
@Suite(.enabled(if: Gemm.Kernel.avx512.isAvailable, "needs AVX-512 F/VL/BW/DQ"))
struct AVX512GemmTests {
    /// Sizes around the tile edges (6, 12 rows; 16, 32 columns), the narrow path (n <= 4) and
    /// several k-blocks (k > 256).
    static let sizes = [1, 5, 6, 7, 11, 12, 13, 15, 16, 17, 31, 32, 33, 47, 64, 100, 130, 257, 300, 513]

    /// 100 shapes per case: every size as m, n and k, against many partners.
    static let shapes: [(Int, Int, Int)] = (0..<5).flatMap { c in
        sizes.indices.map { j in
            (sizes[(j + 3 * c) % sizes.count], sizes[j], sizes[(3 * j + 7 * c + 1) % sizes.count])
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var transA: Bool, transB: Bool, alpha: Float, beta: Float
        var testDescription: String { "\(transA ? "T" : "N")\(transB ? "T" : "N") alpha \(alpha) beta \(beta)" }
    }

    static let cases: [Case] = [(false, false), (true, false), (false, true), (true, true)].flatMap { ta, tb in
        [(Float(1), Float(0)), (1, 1), (1, 0.5), (-0.7, 0), (-0.7, 1), (-0.7, 0.5)].map { alpha, beta in
            Case(transA: ta, transB: tb, alpha: alpha, beta: beta)
        }
    }

    /// Expects the AVX-512 kernel to give the AVX2 kernel's bits for `c` at m×n×k, on one thread.
    static func expectAVX2Bits(_ c: Case, m: Int, n: Int, k: Int) {
        let problem = GemmProblem(transA: c.transA, transB: c.transB, m: m, n: n, k: k, alpha: c.alpha, beta: c.beta)
        let operands = problem.operands()
        let avx2 = problem.run(kernel: .avx2FMA, operands)
        let avx512 = problem.run(kernel: .avx512, operands)
        #expect(avx512.map(\.bitPattern) == avx2.map(\.bitPattern), "\(problem.testDescription)")
    }

    @Test(arguments: cases)
    func bitIdenticalToAVX2(c: Case) {
        Parallel.withThreadCount(1) {
            for (m, n, k) in Self.shapes { Self.expectAVX2Bits(c, m: m, n: n, k: k) }
        }
    }

    /// The skinny paths (k <= 4 four rows at a time; m <= 4 with B read in place or packed) keep the
    /// tile kernels' bits: every m and k from 1 to 5 against widths around the 16-column vectors and
    /// the 96- and 128-column chunks, several k-blocks for small m.
    @Test(arguments: cases)
    func skinnyShapesBitIdenticalToAVX2(c: Case) {
        Parallel.withThreadCount(1) {
            for small in 1...5 {
                for n in [5, 17, 96, 128, 200] {
                    for other in [1, 3, 300, 600] {
                        for (m, k) in [(small, other), (other, small)] { Self.expectAVX2Bits(c, m: m, n: n, k: k) }
                    }
                }
            }
        }
    }

    /// Row ranges and column ranges (multiples of 16, so tiles start on odd panels too) through the
    /// C tile API, with the AVX-512 kernel, give the bits of one AVX2 call.
    @Test(arguments: [GemmProblem(m: 97, n: 83, k: 600, alpha: 1.5, beta: -0.5),
                      GemmProblem(transA: true, m: 130, n: 130, k: 257, alpha: -0.7, beta: 1),
                      GemmProblem(transB: true, m: 47, n: 100, k: 33, alpha: 1, beta: 0),
                      GemmProblem(transA: true, transB: true, m: 31, n: 50, k: 70, alpha: 1, beta: 0.5)])
    func tileRangesMatchAVX2(problem: GemmProblem) {
        let operands = problem.operands()
        let (a, b) = (operands.a, operands.b)
        let avx2 = problem.run(kernel: .avx2FMA, operands)
        let count = nash_sgemm_packed_b_count(Int32(problem.n), Int32(problem.k))
        let packed = UnsafeMutablePointer<Float>(
            OpaquePointer(UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64)))
        defer { packed.deallocate() }
        nash_sgemm_pack_b(problem.transB ? 1 : 0, Int32(problem.n), Int32(problem.k), b, Int32(problem.ldb),
                          packed, 0, Int32((problem.n + 15) / 16))
        for (rowCuts, colCuts) in [([0, 1, 7, 12, 13, 30, 42], [0, 16, 48, 64]),
                                   ([0, 6, 18, 19, 31], [0, 32, 48, 80]),
                                   ([0, 11, 23, 24, 25, 36, 60, 72, 84, 96], [0, 16, 32, 96])] {
            var c = operands.c
            let rows = rowCuts.filter { $0 < problem.m } + [problem.m]
            let cols = colCuts.filter { $0 < problem.n } + [problem.n]
            for (r0, r1) in zip(rows, rows.dropFirst()) {
                for (c0, c1) in zip(cols, cols.dropFirst()) {
                    nash_sgemm_tile_packed(NASH_KERNEL_AVX512, problem.transA ? 1 : 0, Int32(problem.m),
                                           Int32(problem.n), Int32(problem.k), problem.alpha, a,
                                           Int32(problem.lda), packed, problem.beta, &c, Int32(problem.ldc),
                                           Int32(r0), Int32(r1), Int32(c0), Int32(c1))
                }
            }
            #expect(c.map(\.bitPattern) == avx2.map(\.bitPattern), "rows \(rows), columns \(cols)")
        }
    }

    /// Within Gemm.tolerance of the Float64 result, element by element, with C's padding untouched.
    @Test(arguments: [(12, 32, 256), (24, 64, 257), (13, 33, 7), (144, 96, 513), (100, 130, 300), (5, 17, 1)])
    func matchesFloat64Reference(m: Int, n: Int, k: Int) throws {
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            for (alpha, beta) in [(Float(1), Float(0)), (-0.7, 0.5)] {
                let problem = GemmProblem(transA: ta, transB: tb, m: m, n: n, k: k, alpha: alpha, beta: beta)
                let operands = problem.operands()
                let (value, absoluteSum) = problem.reference(operands)
                let c = problem.run(kernel: .avx512, operands)
                for i in 0..<m {
                    for j in 0..<n {
                        let got = Double(c[i * problem.ldc + j]), exact = value[i * n + j]
                        let bound = Gemm.tolerance(k: k, absoluteSum: absoluteSum[i * n + j])
                        try #require(abs(got - exact) <= bound, "\(problem.testDescription) C[\(i),\(j)] = \(got), exact \(exact)")
                    }
                    try #require(c[(i * problem.ldc + n)..<((i + 1) * problem.ldc)].allSatisfy { $0.isNaN },
                                 "\(problem.testDescription): wrote C's padding")
                }
            }
        }
    }

    /// With beta == 0, C (all NaN here) is never read, in full and in edge tiles alike.
    @Test func zeroBetaDoesNotReadC() {
        for (m, n, k) in [(12, 32, 8), (13, 33, 8), (7, 17, 300), (24, 100, 5)] {
            for ta in [false, true] {
                let problem = GemmProblem(transA: ta, m: m, n: n, k: k, alpha: -0.7, beta: 0)
                let operands = problem.operands()
                #expect(operands.c.allSatisfy { $0.isNaN })
                let c = problem.run(kernel: .avx512, operands)
                for i in 0..<m {
                    #expect(c[(i * problem.ldc)..<(i * problem.ldc + n)].allSatisfy { $0.isFinite },
                            "\(problem.testDescription) row \(i)")
                }
            }
        }
    }

    /// 1, 2 and 3 threads give the AVX2 kernel's single-thread bits, including splits into column
    /// chunks (few row tiles: m = 13) and a width that leaves one 16-column panel (208 = 6.5 x 32).
    @Test(arguments: [GemmProblem(m: 512, n: 128, k: 128), GemmProblem(m: 13, n: 1000, k: 200),
                      GemmProblem(m: 13, n: 208, k: 300, alpha: 0.5, beta: 1),
                      GemmProblem(transA: true, transB: true, m: 130, n: 70, k: 300, alpha: -1, beta: 0.25),
                      GemmProblem(transA: true, m: 128, n: 128, k: 512),
                      // k <= 4 products with many results are split into row chunks.
                      GemmProblem(m: 512, n: 128, k: 2), GemmProblem(transB: true, m: 301, n: 130, k: 1, alpha: 1, beta: 0.5)])
    func threadsGiveTheAVX2Bits(problem: GemmProblem) {
        let operands = problem.operands()
        let avx2 = Parallel.withThreadCount(1) { problem.run(kernel: .avx2FMA, operands) }
        for threads in [1, 2, 3] {
            let got = Parallel.withThreadCount(threads) { problem.run(kernel: .avx512, operands) }
            #expect(got.map(\.bitPattern) == avx2.map(\.bitPattern), "\(threads) threads")
        }
    }

    /// The FMA peak probe of the AVX-512 kernel runs here.
    @Test func peakProbeRuns() {
        #expect(nash_fma512_peak_probe(1000).isFinite)
    }
}
