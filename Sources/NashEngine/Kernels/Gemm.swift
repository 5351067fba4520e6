import CNashKernels

/// Single-precision matrix multiply on raw row-major buffers.
public enum Gemm {
    /// C[m,n] = alpha · op(A) · op(B) + beta · C, where op(A) is [m,k] and op(B) is [k,n].
    /// `lda`, `ldb`, `ldc` are the row strides of the matrices as stored. Bit-identical for any
    /// `Parallel.threadCount`: rows of C are split between threads, never the k reduction.
    public static func multiply(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                                a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        nash_sgemm_rows(transA ? 1 : 0, transB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha,
                        a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc), 0, Int32(m))
    }

    /// The micro-kernel in use on this CPU ("avx2-fma" or "portable"); recorded in run files.
    public static var kernelName: String { String(cString: nash_kernel_name()) }
}
