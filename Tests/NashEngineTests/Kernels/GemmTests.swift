import CNashKernels
import Foundation
import NashEngine
import Testing

@Suite struct GemmTests {
    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (1, 17, 1), (6, 16, 1), (7, 17, 3), (5, 1, 40), (13, 31, 33), (64, 64, 64),
        (100, 37, 255), (12, 16, 257), (5, 200, 513), (512, 128, 2), (512, 1, 128), (37, 23, 600),
        (130, 3, 45), (70, 4, 300), (200, 2, 37), (75, 5, 64),
    ]
    static let scalings: [(Float, Float)] = [(1, 0), (0.5, -1.5), (-2, 1)]

    static var problems: [GemmProblem] {
        shapes.flatMap { m, n, k in
            [(false, false), (true, false), (false, true), (true, true)].flatMap { ta, tb in
                scalings.map { alpha, beta in
                    GemmProblem(transA: ta, transB: tb, m: m, n: n, k: k, alpha: alpha, beta: beta)
                }
            }
        }
    }

    /// Every kernel is within Gemm.tolerance of the Float64 result, element by element, never
    /// touches C's padding, and the FMA and portable arithmetics agree within twice the tolerance.
    /// (Where the CPU lacks a kernel, its fallback runs instead.)
    @Test(arguments: problems)
    func matchesFloat64Reference(problem: GemmProblem) throws {
        let operands = problem.operands()
        let (value, absoluteSum) = problem.reference(operands)
        var results: [[Float]] = []
        for kernel in [Gemm.Kernel.avx2FMA, .portable, .avx512] {
            let c = problem.run(kernel: kernel, operands)
            for i in 0..<problem.m {
                for j in 0..<problem.n {
                    let got = Double(c[i * problem.ldc + j])
                    let bound = Gemm.tolerance(k: problem.k, absoluteSum: absoluteSum[i * problem.n + j])
                    try #require(abs(got - value[i * problem.n + j]) <= bound,
                                 "\(kernel.name) C[\(i),\(j)] = \(got), exact \(value[i * problem.n + j])")
                }
                let pad = c[(i * problem.ldc + problem.n)..<((i + 1) * problem.ldc)]
                try #require(pad.allSatisfy { $0.isNaN }, "\(kernel.name) wrote C's padding")
            }
            results.append(c)
        }
        for idx in 0..<problem.m * problem.ldc where idx % problem.ldc < problem.n {
            let bound = Gemm.tolerance(k: problem.k, absoluteSum: absoluteSum[idx / problem.ldc * problem.n + idx % problem.ldc])
            #expect(abs(Double(results[0][idx]) - Double(results[1][idx])) <= 2 * bound)
        }
        // AVX-512 and AVX2 share one arithmetic (and where either is missing, both fall back alike).
        #expect(results[2].map(\.bitPattern) == results[0].map(\.bitPattern))
    }

    /// Run files record the arithmetic; every name a Nash version has recorded maps onto one.
    @Test func recordedKernelNamesMapToArithmetics() {
        #expect(Gemm.Arithmetic(recorded: "avx2-fma") == .fusedMultiplyAdd)
        #expect(Gemm.Arithmetic(recorded: "avx2-fma 6x16") == .fusedMultiplyAdd)
        #expect(Gemm.Arithmetic(recorded: "avx512") == .fusedMultiplyAdd)
        #expect(Gemm.Arithmetic(recorded: "portable") == .portable)
        #expect(Gemm.Arithmetic(recorded: "neon") == nil)
        #expect(Gemm.Arithmetic.fusedMultiplyAdd.rawValue == "avx2-fma")
        for kernel in Gemm.Kernel.allCases {
            #expect(Gemm.Arithmetic(recorded: kernel.name) == kernel.arithmetic)
        }
        #expect(Gemm.arithmetic == Gemm.defaultKernel.arithmetic)
    }

    /// The AVX2 kernel is offered exactly when the CPU reports AVX2 and FMA, the AVX-512 one when it
    /// also reports AVX-512 F, VL, BW and DQ (read from /proc/cpuinfo where it exists); unavailable
    /// kernels fall back along AVX-512 → AVX2 → portable; and the AVX2 kernel really is a different
    /// arithmetic from the portable one: it fuses multiply-add, so some roundings differ.
    @Test func kernelSelectionFollowsTheCPU() throws {
        #expect(Gemm.Kernel.portable.isAvailable)
        #expect(Gemm.Kernel.best.isAvailable && Gemm.Kernel.best.resolved == Gemm.Kernel.best)
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) {
            let set = Set(flags.split(separator: " ").map(String.init))
            let avx2 = set.contains("avx2") && set.contains("fma")
            #expect(Gemm.Kernel.avx2FMA.isAvailable == avx2)
            #expect(Gemm.Kernel.avx512.isAvailable
                    == (avx2 && ["avx512f", "avx512vl", "avx512bw", "avx512dq"].allSatisfy(set.contains)))
        }
        for kernel in Gemm.Kernel.allCases {
            #expect(kernel.resolved.isAvailable)
            #expect(kernel.isAvailable == (kernel.resolved == kernel))
            #expect(kernel.resolved.arithmetic == kernel.arithmetic || kernel.resolved == .portable)
        }
        #expect(Gemm.Kernel.avx512.arithmetic == .fusedMultiplyAdd && Gemm.Kernel.avx2FMA.arithmetic == .fusedMultiplyAdd)
        #expect(Gemm.Kernel.portable.arithmetic == .portable)
        guard Gemm.Kernel.avx2FMA.isAvailable else { return }
        let problem = GemmProblem(m: 64, n: 64, k: 300)
        let operands = problem.operands()
        #expect(problem.run(kernel: .avx2FMA, operands) != problem.run(kernel: .portable, operands))
    }

    @Test func zeroDepthGivesBetaTimesC() {
        for beta: Float in [0, 2] {
            let problem = GemmProblem(m: 9, n: 20, k: 0, alpha: 3, beta: beta)
            let operands = problem.operands()
            let before = operands.c, after = problem.run(kernel: nil, operands)
            for i in 0..<9 {
                for j in 0..<20 {
                    #expect(after[i * problem.ldc + j] == (beta == 0 ? 0 : beta * before[i * problem.ldc + j]))
                }
            }
        }
    }

    @Test func zeroAlphaDoesNotReadAOrB() {
        let nan = [Float](repeating: .nan, count: 64)
        var c = [Float](repeating: 1.5, count: 64)
        Gemm.multiply(transA: false, transB: false, m: 8, n: 8, k: 8, alpha: 0, a: nan, lda: 8, b: nan, ldb: 8,
                      beta: 2, c: &c, ldc: 8)
        #expect(c.allSatisfy { $0 == 3 })
    }

    @Test func emptyOutputIsANoOp() {
        var c: [Float] = [7]
        let a: [Float] = [1], b: [Float] = [1]
        Gemm.multiply(transA: false, transB: false, m: 0, n: 1, k: 1, a: a, lda: 1, b: b, ldb: 1, c: &c, ldc: 1)
        Gemm.multiply(transA: false, transB: false, m: 1, n: 0, k: 1, a: a, lda: 1, b: b, ldb: 1, c: &c, ldc: 1)
        #expect(c == [7])
    }

    static let threadedProblems: [GemmProblem] = [
        GemmProblem(m: 512, n: 128, k: 128),
        GemmProblem(transA: true, m: 128, n: 128, k: 512),
        GemmProblem(transB: true, m: 512, n: 128, k: 128, alpha: 0.5, beta: 1),
        GemmProblem(transA: true, transB: true, m: 130, n: 70, k: 300, alpha: -1, beta: 0.25),
        GemmProblem(m: 13, n: 1000, k: 200),  // few row tiles: columns are split too
        GemmProblem(m: 1000, n: 3, k: 700),
        // alpha = 1, beta = 0, several k-blocks: threads take whole k-blocks (weight gradients),
        // partial sums added in block order. Three blocks (234, 234, 232), five (206 each), two
        // (129, 128), with every transpose.
        GemmProblem(transA: true, transB: true, m: 64, n: 96, k: 700),
        GemmProblem(transB: true, m: 100, n: 40, k: 1030),
        GemmProblem(m: 120, n: 130, k: 257),
        // Below the flop threshold for threads, split anyway for their memory traffic: narrow
        // products by rows (an output layer, a 2-wide input gradient), the weight gradient of a
        // narrow input by k-blocks (two, and three of 234, 234, 232).
        GemmProblem(m: 512, n: 1, k: 128),
        GemmProblem(transB: true, m: 512, n: 2, k: 128),
        GemmProblem(transA: true, m: 2, n: 128, k: 512),
        GemmProblem(transA: true, m: 3, n: 40, k: 700),
        // Narrow weight gradients (n <= 4, A transposed), which are k-blocked too: an output
        // layer's below the threshold, and one above it.
        GemmProblem(transA: true, m: 128, n: 1, k: 512),
        GemmProblem(transA: true, m: 700, n: 2, k: 1000),
    ]

    /// The same bits for 1, 2 and 3 threads, and for repeated calls, with either kernel.
    @Test(arguments: threadedProblems)
    func bitIdenticalForAnyThreadCount(problem: GemmProblem) {
        for kernel in Gemm.Kernel.allCases where kernel.isAvailable {
            let one = Parallel.withThreadCount(1) { problem.run(kernel: kernel) }
            for threads in [1, 2, 3] {
                let other = Parallel.withThreadCount(threads) { problem.run(kernel: kernel) }
                #expect(other.map(\.bitPattern) == one.map(\.bitPattern), "\(kernel.name), \(threads) threads")
            }
        }
    }

    /// Any split of C into row and column ranges (the C tile API, no threads) gives the same bits
    /// as one call: the per-element summation order does not depend on the tiling.
    @Test(arguments: [GemmProblem(m: 97, n: 83, k: 600, alpha: 1.5, beta: -0.5),
                      GemmProblem(transA: true, transB: true, m: 31, n: 50, k: 70)])
    func tileSplitsDoNotChangeBits(problem: GemmProblem) {
        let operands = problem.operands()
        let (a, b) = (operands.a, operands.b)
        for kernel in Gemm.Kernel.allCases where kernel.isAvailable {
            let whole = problem.run(kernel: kernel, operands)
            let code = switch kernel {
            case .avx512: NASH_KERNEL_AVX512
            case .avx2FMA: NASH_KERNEL_AVX2_FMA
            case .portable: NASH_KERNEL_PORTABLE
            }
            let count = nash_sgemm_packed_b_count(Int32(problem.n), Int32(problem.k))
            let packed = UnsafeMutablePointer<Float>(
                OpaquePointer(UnsafeMutableRawPointer.allocate(byteCount: count * 4, alignment: 64)))
            defer { packed.deallocate() }
            let panels = Int32((problem.n + 15) / 16)
            nash_sgemm_pack_b(problem.transB ? 1 : 0, Int32(problem.n), Int32(problem.k), b, Int32(problem.ldb),
                              packed, 0, panels)
            var c = operands.c
            let rowCuts = [0, 1, 7, 8, 30, problem.m].filter { $0 <= problem.m }
            let colCuts = [0, 16, 48, problem.n].filter { $0 <= problem.n }
            for (r0, r1) in zip(rowCuts, rowCuts.dropFirst()) {
                for (c0, c1) in zip(colCuts, colCuts.dropFirst()) {
                    nash_sgemm_tile_packed(code, problem.transA ? 1 : 0, Int32(problem.m), Int32(problem.n),
                                           Int32(problem.k), problem.alpha, a, Int32(problem.lda), packed,
                                           problem.beta, &c, Int32(problem.ldc), Int32(r0), Int32(r1),
                                           Int32(c0), Int32(c1))
                }
            }
            #expect(c.map(\.bitPattern) == whole.map(\.bitPattern), "\(kernel.name)")
        }
    }

    /// The original row-range entry point still computes exactly the rows asked for.
    @Test func rowsEntryPointComputesOnlyItsRows() {
        let problem = GemmProblem(m: 20, n: 9, k: 5)
        let operands = problem.operands()
        let (a, b, whole) = (operands.a, operands.b, problem.run(kernel: nil, operands))
        var c = [Float](repeating: 42, count: problem.m * problem.ldc)
        nash_sgemm_rows(0, 0, 20, 9, 5, 1, a, Int32(problem.lda), b, Int32(problem.ldb), 0, &c,
                        Int32(problem.ldc), 4, 11)
        for i in 0..<20 {
            for j in 0..<9 {
                let want = (4..<11).contains(i) ? whole[i * problem.ldc + j] : 42
                #expect(c[i * problem.ldc + j].bitPattern == want.bitPattern)
            }
        }
    }
}
