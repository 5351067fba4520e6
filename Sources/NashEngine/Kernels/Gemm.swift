import CNashKernels

/// Single-precision matrix multiply on raw row-major buffers (a blocked GEMM: packed panels and a
/// 6 x 16 register tile; see Sources/CNashKernels/gemm.c and Sources/NashEngine/README.md).
public enum Gemm {
    /// A micro-kernel. Each is deterministic on its own; they differ from each other by rounding
    /// (the AVX2 kernel fuses multiply and add), within the tolerance of `Gemm.tolerance`.
    public enum Kernel: Sendable, CaseIterable, Hashable {
        /// 8-wide AVX2 with fused multiply-add; needs a CPU with AVX2 and FMA.
        case avx2FMA
        /// Plain C, one rounding for each product and each sum; runs everywhere.
        case portable

        var code: Int32 { self == .avx2FMA ? NASH_KERNEL_AVX2_FMA : NASH_KERNEL_PORTABLE }

        /// "avx2-fma" or "portable", as recorded in run files.
        public var name: String { self == .avx2FMA ? "avx2-fma" : "portable" }

        /// Whether this CPU can run the kernel (the portable one always).
        public var isAvailable: Bool { nash_kernel_available(code) != 0 }
    }

    /// The kernel `multiply` uses when none is given: `.avx2FMA` where available, unless set to
    /// `.portable` (process-wide, e.g. to replay a run recorded with the portable kernel). Setting
    /// `.avx2FMA` on a CPU without AVX2/FMA leaves the portable kernel in use.
    public static var defaultKernel: Kernel {
        get { nash_kernel_default() == NASH_KERNEL_AVX2_FMA ? .avx2FMA : .portable }
        set { nash_kernel_force_portable(newValue == .portable ? 1 : 0) }
    }

    /// The micro-kernel in use on this CPU ("avx2-fma" or "portable"); recorded in run files.
    public static var kernelName: String { String(cString: nash_kernel_name()) }

    /// A bound on |computed - exact| for one element of C:
    /// `(k + 4) · 2⁻²⁴ · (|alpha| Σₖ |a_ik b_kj| + |beta c_ij|)`, the classic γ_n bound on a
    /// recursive sum (Higham 2002, *Accuracy and Stability of Numerical Algorithms*, §3.1) with
    /// n = k + 4 roundings at most per element (k products and sums, the k-block combinations and
    /// the beta product). Either kernel is within it of the exact value, so the two kernels are
    /// within twice it of each other.
    public static func tolerance(k: Int, absoluteSum: Double) -> Double {
        Double(k + 4) * 0x1p-24 * absoluteSum
    }

    /// C[m,n] = alpha · op(A) · op(B) + beta · C, where op(A) is [m,k] and op(B) is [k,n].
    /// `lda`, `ldb`, `ldc` are the row strides of the matrices as stored. Bit-identical for any
    /// `Parallel.threadCount`: rows of C are split between threads, never the k reduction.
    /// When beta == 0, C is not read (it may hold NaN); when k == 0 or alpha == 0, C = beta · C.
    public static func multiply(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        multiply(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                 b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, kernel: defaultKernel)
    }

    /// C[m,n] = op(A) · op(B) + bias, then max(·, 0) when `relu`: `bias` [n] is added to every row
    /// after the product is complete (each element rounded as `(A·B) + b` would round it), then clamped
    /// (`x > 0 ? x : 0`), in one pass over C.
    public static func multiply(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                c: UnsafeMutablePointer<Float>, ldc: Int,
                                bias: UnsafePointer<Float>, relu: Bool) {
        multiply(transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                 c: c, ldc: ldc)
        Loops.chunked(m, grain: Swift.max(1, Loops.grain / Swift.max(n, 1))) { lo, hi in
            for i in lo..<hi {
                let row = c + i * ldc
                if relu {
                    for j in 0..<n { let t = row[j] + bias[j]; row[j] = t > 0 ? t : 0 }
                } else {
                    for j in 0..<n { row[j] = row[j] + bias[j] }
                }
            }
        }
    }

    /// `multiply` with an explicit kernel (falls back to `.portable` where `kernel` is unavailable).
    public static func multiply(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int,
                                kernel: Kernel) {
        precondition(m >= 0 && n >= 0 && k >= 0, "negative GEMM dimension")
        if m == 0 || n == 0 { return }
        let (ta, tb) = (Int32(transA ? 1 : 0), Int32(transB ? 1 : 0))
        let (mm, nn, kk) = (Int32(m), Int32(n), Int32(k))
        let threads = Parallel.effectiveThreadCount
        let flops = 2 * m * n * k
        if threads == 1 || flops < parallelFlops || k == 0 || alpha == 0 {
            nash_sgemm_rows_kernel(kernel.code, ta, tb, mm, nn, kk, alpha, a, Int32(lda), b, Int32(ldb),
                                   beta, c, Int32(ldc), 0, mm)
            return
        }
        if nash_sgemm_uses_packed_b(kernel.code, nn, kk, alpha) == 0 {
            // Narrow products: each row chunk gathers op(B)'s few columns itself.
            let rowChunks = min(m, 2 * threads)
            Parallel.forEach(rowChunks) { chunk in
                let (r0, r1) = split(m, into: rowChunks, part: chunk)
                nash_sgemm_rows_kernel(kernel.code, ta, tb, mm, nn, kk, alpha, a, Int32(lda), b, Int32(ldb),
                                       beta, c, Int32(ldc), Int32(r0), Int32(r1))
            }
            return
        }

        // Pack op(B) once into this thread's workspace; the workers only read it while we wait.
        let panels = (n + nr - 1) / nr
        let packed = nash_sgemm_workspace_b(nash_sgemm_packed_b_count(nn, kk))!
        let packChunks = k * n >= parallelPackFloats ? min(panels, threads) : 1
        Parallel.forEach(packChunks) { chunk in
            let (p0, p1) = split(panels, into: packChunks, part: chunk)
            nash_sgemm_pack_b(tb, nn, kk, b, Int32(ldb), packed, Int32(p0), Int32(p1))
        }

        // Tiles of C: rows first (each row chunk packs its own rows of A), columns only when there
        // are too few row tiles to go round. Two chunks per thread absorb a late-starting worker.
        let rowTiles = (m + mr - 1) / mr
        let target = 2 * threads
        let rowChunks = min(rowTiles, target)
        let colChunks = min(panels, (target + rowChunks - 1) / rowChunks)
        Parallel.forEach(rowChunks * colChunks) { chunk in
            let (t0, t1) = split(rowTiles, into: rowChunks, part: chunk / colChunks)
            let (p0, p1) = split(panels, into: colChunks, part: chunk % colChunks)
            nash_sgemm_tile_packed(kernel.code, ta, mm, nn, kk, alpha, a, Int32(lda), packed, beta,
                                   c, Int32(ldc), Int32(t0 * mr), Int32(min(t1 * mr, m)),
                                   Int32(p0 * nr), Int32(min(p1 * nr, n)))
        }
    }

    private static let mr = Int(NASH_GEMM_MR)
    private static let nr = Int(NASH_GEMM_NR)
    /// Below this many flops a GEMM runs on the calling thread: about 25 µs of work on one core,
    /// an order of magnitude above the pool's dispatch cost.
    private static let parallelFlops = 1 << 21
    /// op(B) with at least this many elements is packed by all threads.
    private static let parallelPackFloats = 1 << 16

    /// The `part`-th of `parts` near-equal consecutive ranges of 0..<total.
    private static func split(_ total: Int, into parts: Int, part: Int) -> (Int, Int) {
        (total * part / parts, total * (part + 1) / parts)
    }
}
