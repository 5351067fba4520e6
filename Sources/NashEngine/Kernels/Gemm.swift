import CNashKernels

/// Single-precision matrix multiply on raw row-major buffers (a blocked GEMM: packed panels and a
/// 6 x 16 or 12 x 32 register tile; see Sources/CNashKernels/gemm.c and Sources/NashEngine/README.md).
public enum Gemm {
    /// A micro-kernel. Each is deterministic on its own. `.avx512` and `.avx2FMA` give bit-identical
    /// results (the same arithmetic, `Arithmetic.fusedMultiplyAdd`); `.portable` differs from them by
    /// rounding (it does not fuse multiply and add), within the tolerance of `Gemm.tolerance`.
    public enum Kernel: Sendable, CaseIterable, Hashable {
        /// 16-wide AVX-512 with fused multiply-add, 12 x 32 tiles; needs AVX-512 F, VL, BW and DQ.
        /// The same bits as `.avx2FMA`.
        case avx512
        /// 8-wide AVX2 with fused multiply-add, 6 x 16 tiles; needs a CPU with AVX2 and FMA.
        case avx2FMA
        /// Plain C, one rounding for each product and each sum; runs everywhere.
        case portable

        var code: Int32 {
            switch self {
            case .avx512: NASH_KERNEL_AVX512
            case .avx2FMA: NASH_KERNEL_AVX2_FMA
            case .portable: NASH_KERNEL_PORTABLE
            }
        }

        init(code: Int32) {
            switch code {
            case NASH_KERNEL_AVX512: self = .avx512
            case NASH_KERNEL_AVX2_FMA: self = .avx2FMA
            default: self = .portable
            }
        }

        /// "avx512", "avx2-fma" or "portable": the instruction set (benchmarks, messages). Run files
        /// record the `arithmetic` instead.
        public var name: String {
            switch self {
            case .avx512: "avx512"
            case .avx2FMA: "avx2-fma"
            case .portable: "portable"
            }
        }

        /// The arithmetic of the kernel, i.e. which bits it computes.
        public var arithmetic: Arithmetic { self == .portable ? .portable : .fusedMultiplyAdd }

        /// Whether this CPU can run the kernel (the portable one always).
        public var isAvailable: Bool { nash_kernel_available(code) != 0 }

        /// The kernel that runs when this one is asked for: itself where available, else `.avx512`
        /// falls back to `.avx2FMA` (the same bits) and `.avx2FMA` to `.portable`.
        public var resolved: Kernel { Kernel(code: nash_kernel_resolve(code)) }

        /// The fastest kernel this CPU has.
        public static var best: Kernel { Kernel(code: nash_kernel_resolve(NASH_KERNEL_AUTO)) }
    }

    /// What a kernel computes, as run files record it (`RunHeader.kernel`). Kernels with the same
    /// arithmetic give the same bits for the same inputs, so a run replays bit for bit on any of them.
    public enum Arithmetic: String, Sendable, CaseIterable, Hashable {
        /// Each element a chain of fused multiply-adds in the order of the AVX2 6 x 16 kernel (which
        /// the AVX-512 kernel reproduces); recorded as "avx2-fma", the name it has had since the
        /// first run files.
        case fusedMultiplyAdd = "avx2-fma"
        /// Multiply, then add (two roundings per term): the portable kernel.
        case portable = "portable"

        /// The arithmetic a run file's recorded kernel denotes: "portable", or "avx2-fma" (also any
        /// name beginning with "avx2-fma" or "avx512", the kernels of that arithmetic); nil when the
        /// name is unknown.
        public init?(recorded name: String) {
            if name == "portable" {
                self = .portable
            } else if name.hasPrefix("avx2-fma") || name.hasPrefix("avx512") {
                self = .fusedMultiplyAdd
            } else {
                return nil
            }
        }
    }

    /// The kernel `multiply` uses when none is given: the best available (`.avx512`, else `.avx2FMA`,
    /// else `.portable`) unless set otherwise, process-wide, e.g. `.portable` to replay a run recorded
    /// with the portable kernel, or `.avx2FMA` to compare the kernels. Reads back the kernel that
    /// runs: setting one the CPU lacks falls back as `Kernel.resolved` says. Until first set, the
    /// environment variable `NASH_KERNEL` (`avx512`, `avx2`, `portable` or `auto`; read once) decides,
    /// so a child process can be pinned to a kernel.
    public static var defaultKernel: Kernel {
        get { Kernel(code: nash_kernel_default()) }
        set { nash_kernel_force(newValue.code) }
    }

    /// Lets the default kernel be the best available again (undoes setting `defaultKernel`, and
    /// overrides `NASH_KERNEL`).
    public static func resetDefaultKernel() { nash_kernel_force(NASH_KERNEL_AUTO) }

    /// The name of the default kernel: "avx512", "avx2-fma" or "portable" (for display; run files
    /// record `arithmetic`).
    public static var kernelName: String { String(cString: nash_kernel_name()) }

    /// The arithmetic of the default kernel; run files record its raw value ("avx2-fma" or
    /// "portable").
    public static var arithmetic: Arithmetic { defaultKernel.arithmetic }

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
    /// `Parallel.threadCount`: rows of C are split between threads, or whole k-blocks, whose
    /// partial sums are then added in the one-thread order (`nash_sgemm_k_block`).
    /// When beta == 0, C is not read (it may hold NaN); when k == 0 or alpha == 0, C = beta · C.
    public static func multiply(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        multiply(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                 b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, kernel: defaultKernel)
    }

    /// C[m,n] = op(A) · op(B) + bias, then max(·, 0) when `relu`: `bias` [n] is added to every row
    /// after the product is complete (each element rounded as `(A·B) + b` would round it), then clamped
    /// (`x > 0 ? x : 0`), both in the epilogue of the tile that writes the element (no extra pass).
    public static func multiply(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                c: UnsafeMutablePointer<Float>, ldc: Int,
                                bias: UnsafePointer<Float>, relu: Bool, kernel: Kernel = defaultKernel) {
        multiply(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb,
                 beta: 0, c: c, ldc: ldc, kernel: kernel, bias: bias, relu: relu)
    }

    /// C[m,n] = op(A) · op(B), then each element t of it multiplied by (gate[i, j] > 0 ? 1 : slope)
    /// in the epilogue of the tile that writes it: `gate` is [m, n] with row stride `ldg`. The bits of
    /// the product followed by the pass `t * (g > 0 ? 1 : slope)`, i.e. the gradient of a ReLU
    /// (slope 0) or leaky ReLU layer whose output is `gate`, without that pass or its buffer.
    public static func multiply(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                c: UnsafeMutablePointer<Float>, ldc: Int,
                                gate: UnsafePointer<Float>, ldg: Int, slope: Float,
                                kernel: Kernel = defaultKernel) {
        multiply(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb,
                 beta: 0, c: c, ldc: ldc, kernel: kernel, bias: nil, relu: false,
                 gate: gate, ldg: ldg, slope: slope)
    }

    /// `multiply` with an explicit kernel (falls back as `Kernel.resolved` says where `kernel` is
    /// unavailable).
    public static func multiply(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int,
                                kernel: Kernel) {
        multiply(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                 b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, kernel: kernel, bias: nil, relu: false)
    }

    private static func multiply(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                                 a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                 beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int,
                                 kernel: Kernel, bias: UnsafePointer<Float>?, relu: Bool,
                                 gate: UnsafePointer<Float>? = nil, ldg: Int = 0, slope: Float = 0) {
        precondition(m >= 0 && n >= 0 && k >= 0, "negative GEMM dimension")
        if m == 0 || n == 0 { return }
        let epilogue = nash_epilogue(bias: bias, relu: relu ? 1 : 0, gate: gate, ldg: Int32(ldg), slope: slope)
        let (ta, tb) = (Int32(transA ? 1 : 0), Int32(transB ? 1 : 0))
        let (mm, nn, kk) = (Int32(m), Int32(n), Int32(k))
        let threads = Parallel.effectiveThreadCount
        let flops = 2 * m * n * k
        /// The whole product by the C driver, rows cut into `chunks` calls (each packs or gathers
        /// what it needs of op(B) itself).
        func rowChunks(_ chunks: Int) {
            Parallel.forEach(chunks) { chunk in
                let (r0, r1) = split(m, into: chunks, part: chunk)
                var e = epilogue
                nash_sgemm_rows_kernel_epilogue(kernel.code, ta, tb, mm, nn, kk, alpha, a, Int32(lda), b,
                                                Int32(ldb), beta, c, Int32(ldc), Int32(r0), Int32(r1), &e)
            }
        }
        /// C = Σ_p acc_p with k-block p computed by one thread as a product of its own (K = the
        /// block's length; block 0 into C, the others into partial buffers), then the partials added
        /// into C in block order: the bits of the one-thread product (`nash_sgemm_k_block`). A
        /// weight gradient's k is the batch, so each thread reads only its own rows of the batch.
        func kBlocks(kc: Int, blocks: Int) {
            let partials = BufferPool.shared.take((blocks - 1) * m * n)
            defer { BufferPool.shared.give(partials, count: (blocks - 1) * m * n) }
            Parallel.forEach(blocks) { p in
                let (k0, kcur) = (p * kc, Swift.min(kc, k - p * kc))
                let ap = transA ? a + k0 * lda : a + k0
                let bp = transB ? b + k0 : b + k0 * ldb
                let (cp, ldcp) = p == 0 ? (c, ldc) : (partials + (p - 1) * m * n, n)
                nash_sgemm_rows_kernel_epilogue(kernel.code, ta, tb, mm, nn, Int32(kcur), 1, ap, Int32(lda), bp,
                                                Int32(ldb), 0, cp, Int32(ldcp), 0, mm, nil)
            }
            let chunks = min(m, 2 * threads)
            Parallel.forEach(chunks) { chunk in
                let (r0, r1) = split(m, into: chunks, part: chunk)
                for i in r0..<r1 {
                    let ci = c + i * ldc
                    for p in 1..<blocks {
                        let pi = partials + (p - 1) * m * n + i * n
                        for j in 0..<n { ci[j] = ci[j] + pi[j] }
                    }
                }
            }
        }

        if threads > 1 && k > 0 && k <= 4 && alpha != 0 && m >= 64 && m * n >= parallelOutputs {
            // A layer of width 1 to 4 into a wide one: few flops, but m·n results to write (a memory
            // cost the flop count misses). op(B) is a few rows, so each chunk packs it.
            return rowChunks(threads)
        }
        let narrow = nash_sgemm_uses_packed_b(kernel.code, nn, kk, alpha) == 0
        if threads > 1 && k > 0 && alpha != 0 && narrow && !transA && m >= 64 && m * k >= parallelOutputs {
            // A layer of width 1 to 4 out of a wide one (an output layer, an input gradient): often
            // below the flop threshold, but m·k values of A to read, which the threads' earlier
            // kernels left half in each thread's cache. Each thread reads its own half (the same
            // rows as every other split of the batch), instead of one fetching the other's half.
            return rowChunks(threads)
        }
        if threads == 1 || k == 0 || alpha == 0 {
            return rowChunks(1)
        }
        let kc = Int(nash_sgemm_k_block(kk)), blocks = (k + kc - 1) / kc
        let kSplit = blocks >= threads && alpha == 1 && beta == 0 && bias == nil && !relu && gate == nil
            && m * n * (blocks - 1) <= kSplitPartialFloats
        if flops < parallelFlops {
            // The weight gradient of a narrow layer (m or n <= 4: an input or an output layer's):
            // few flops, but the whole batch to read; its k-blocks are rows of the batch, so each
            // thread reads the rows it wrote.
            if kSplit && transA && k * (m + n) >= parallelOutputs {
                return kBlocks(kc: kc, blocks: blocks)
            }
            return rowChunks(1)
        }
        if kSplit && (transA || !narrow) {
            // (A narrow product with A as stored reduces over k as a dot product, not in k-blocks.)
            return kBlocks(kc: kc, blocks: blocks)
        }
        if narrow {
            // Narrow products: each row chunk gathers op(B)'s few columns itself.
            return rowChunks(min(m, 2 * threads))
        }
        if k * n < parallelPackFloats {
            // A small op(B) (a 128-wide layer's weights): one row chunk per thread, each packing
            // op(B) into its own workspace at the same time, instead of the caller packing it alone
            // while the workers wait and then every worker reading the caller's copy. `small` on
            // two threads: 597 -> 676 steps/s (near cores), 339 -> 371 (far ones).
            return rowChunks(min(m, threads))
        }
        // A large op(B): packed once into this thread's workspace, its panels split over the
        // threads; the workers only read it while we wait.
        let packed = packShared(transB: transB, n: n, k: k, b: b, ldb: ldb, chunks: threads)
        forEachTile(m: m, n: n, kernel: kernel, chunks: 2 * threads) { r0, r1, c0, c1 in
            var e = epilogue
            nash_sgemm_tile_packed_epilogue(kernel.code, ta, mm, nn, kk, alpha, a, Int32(lda), packed, beta,
                                            c, Int32(ldc), r0, r1, c0, c1, &e)
        }
    }

    /// op(B) [k, n] packed into this thread's workspace (`nash_sgemm_workspace_b`), its panels split
    /// into at most `chunks` ranges over the threads.
    private static func packShared(transB: Bool, n: Int, k: Int, b: UnsafePointer<Float>, ldb: Int,
                                   chunks: Int) -> UnsafeMutablePointer<Float> {
        let panels = (n + nr - 1) / nr
        let packed = nash_sgemm_workspace_b(nash_sgemm_packed_b_count(Int32(n), Int32(Swift.max(k, 1))))!
        let packChunks = k > 0 ? Swift.min(panels, chunks) : 0
        Parallel.forEach(packChunks) { chunk in
            let (p0, p1) = split(panels, into: packChunks, part: chunk)
            nash_sgemm_pack_b(transB ? 1 : 0, Int32(n), Int32(k), b, Int32(ldb), packed, Int32(p0), Int32(p1))
        }
        return packed
    }

    /// `body(row0, row1, col0, col1)` on at most `chunks` blocks of C [m, n] (over the threads).
    /// Tiles of C: rows first (each row chunk packs its own rows of A), columns only when there are
    /// too few row tiles to go round. Two chunks per thread absorb a late-starting worker. Chunks
    /// are whole register tiles (12 x 32 for AVX-512, 6 x 16 otherwise) where possible; the bits
    /// would be the same with any cut at multiples of 16 columns.
    private static func forEachTile(m: Int, n: Int, kernel: Kernel, chunks target: Int,
                                    _ body: (Int32, Int32, Int32, Int32) -> Void) {
        let (tileRows, tilePanels) = kernel.resolved == .avx512 ? (2 * mr, 2) : (mr, 1)
        let rowTiles = (m + tileRows - 1) / tileRows
        let colTiles = ((n + nr - 1) / nr + tilePanels - 1) / tilePanels
        let rowChunks = Swift.min(rowTiles, target)
        let colChunks = Swift.min(colTiles, (target + rowChunks - 1) / rowChunks)
        Parallel.forEach(rowChunks * colChunks) { chunk in
            let (t0, t1) = split(rowTiles, into: rowChunks, part: chunk / colChunks)
            let (q0, q1) = split(colTiles, into: colChunks, part: chunk % colChunks)
            body(Int32(t0 * tileRows), Int32(Swift.min(t1 * tileRows, m)),
                 Int32(q0 * tilePanels * nr), Int32(Swift.min(q1 * tilePanels * nr, n)))
        }
    }

    /// C[m,n] = Σ_s A_s · op(B)_s + beta · C over `segments` segments, with the bits of
    /// `multiply(transA: false, …, k: segmentLength)` called once per segment in order (the first
    /// with `beta`, the others with beta = 1), for n > `NASH_GEMM_NARROW_N` (narrower products run
    /// as dot products, in another order: call `multiply` per segment). A_s = `a + s · strideA` is
    /// [m, segmentLength] with row stride `lda`; op(B)_s is rows s·segmentLength ..< (s+1)·segmentLength
    /// of op(B) [segments · segmentLength, n] (`transB`, `ldb` as in `multiply`). One call packs op(B)
    /// once, keeps C's rows in cache across the segments and splits C's tiles over the threads once.
    /// (A convolution's filter gradient, one segment per image: `Conv.filter`.)
    public static func multiplySegments(segments: Int, segmentLength: Int, transB: Bool, m: Int, n: Int,
                                        a: UnsafePointer<Float>, lda: Int, strideA: Int,
                                        b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
                                        c: UnsafeMutablePointer<Float>, ldc: Int, kernel: Kernel = defaultKernel) {
        precondition(segments >= 0 && segmentLength >= 0 && m >= 0 && n > Int(NASH_GEMM_NARROW_N),
                     "multiplySegments needs n > \(NASH_GEMM_NARROW_N) and no negative dimension")
        if m == 0 { return }
        let k = segments * segmentLength
        let threads = Parallel.effectiveThreadCount
        let packed = packShared(transB: transB, n: n, k: k, b: b, ldb: ldb,
                                chunks: threads > 1 && k * n >= parallelPackFloats ? threads : 1)
        forEachTile(m: m, n: n, kernel: kernel, chunks: threads > 1 && 2 * m * n * k >= parallelFlops ? 2 * threads : 1) {
            r0, r1, c0, c1 in
            nash_sgemm_tile_segments(kernel.code, Int32(m), Int32(n), Int32(segments), Int32(segmentLength), a,
                                     Int32(lda), strideA, packed, beta, c, Int32(ldc), r0, r1, c0, c1)
        }
    }

    private static let mr = Int(NASH_GEMM_MR)
    private static let nr = Int(NASH_GEMM_NR)
    /// Below this many flops a GEMM runs on the calling thread: about 25 µs of work on one core,
    /// an order of magnitude above the pool's dispatch cost.
    private static let parallelFlops = 1 << 21
    /// A product with k <= 4 and at least this many results runs on all threads (about 10 µs of
    /// stores to memory outside the caches on one core).
    private static let parallelOutputs = 1 << 15
    /// op(B) with at least this many elements is packed once and shared (its panels packed by all
    /// threads); a smaller one is packed by each thread for itself.
    private static let parallelPackFloats = 1 << 16
    /// Products with alpha = 1, beta = 0, no epilogue, at least as many k-blocks as threads, and
    /// partial sums of at most this many floats split their k-blocks between threads (`kBlocks`):
    /// the weight gradients of `small` (128×128, k = 512). Those of `large` (512×512, k = 1024) would
    /// need 3 partial products (3 MiB) and ran no faster that way; they split rows.
    private static let kSplitPartialFloats = 1 << 16

    /// The `part`-th of `parts` near-equal consecutive ranges of 0..<total.
    private static func split(_ total: Int, into parts: Int, part: Int) -> (Int, Int) {
        (total * part / parts, total * (part + 1) / parts)
    }
}
