// Numerical kernels of the Nash engine, in C so that AVX2/FMA and AVX-512 paths can be chosen at run
// time without unsafe compiler flags (`__attribute__((target("avx2,fma")))` and the like).
#ifndef NASH_KERNELS_H
#define NASH_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// ---------------------------------------------------------------------------------------------------
// GEMM (gemm.c, gemm_avx2.c, gemm_avx512.c)
// ---------------------------------------------------------------------------------------------------

/// Micro-kernels. The portable one is plain C (multiply, then add: two roundings per term); the
/// AVX2/FMA one (6 x 16 tiles) fuses each multiply-add (one rounding); the AVX-512 one (12 x 32
/// tiles) computes every element with the same chain of FMAs and the same epilogue as the AVX2 one,
/// so the two give bit-identical results: one *arithmetic*, named "avx2-fma". The portable and the
/// FMA arithmetic differ by at most the tolerance stated in Sources/NashEngine/README.md.
#define NASH_KERNEL_PORTABLE 0
#define NASH_KERNEL_AVX2_FMA 1
#define NASH_KERNEL_AVX512 2
/// For nash_kernel_force and nash_kernel_resolve: the best kernel this CPU has.
#define NASH_KERNEL_AUTO (-1)

/// Rows and columns of one register tile; packed B is stored in panels of NASH_GEMM_NR columns.
#define NASH_GEMM_MR 6
#define NASH_GEMM_NR 16
/// With the AVX2 and AVX-512 kernels, products with at most this many columns (N) are computed as
/// dot products (see nash_sgemm_uses_packed_b) instead of padded 16-column tiles.
#define NASH_GEMM_NARROW_N 4

/// C[M,N] = alpha * op(A)[M,K] · op(B)[K,N] + beta * C, row-major, op = transpose when trans* != 0.
/// lda/ldb/ldc are row strides in elements of the stored (untransposed) matrices.
/// Computes only the rows [row0, row1) of C, so callers can split work over output tiles; the
/// summation order of every element is fixed and independent of how rows are split.
/// Uses the default kernel (nash_kernel_default). When beta == 0, C is never read (NaN in C does
/// not propagate); when K == 0 or alpha == 0, C = beta * C.
void nash_sgemm_rows(int transA, int transB, int M, int N, int K, float alpha,
                     const float *A, int lda, const float *B, int ldb, float beta,
                     float *C, int ldc, int row0, int row1);

/// Which micro-kernel nash_sgemm_rows uses on this CPU: "avx512", "avx2-fma" or "portable".
const char *nash_kernel_name(void);

/// The arithmetic of the default kernel, as run files record it: "avx2-fma" (the AVX2 and the
/// AVX-512 kernel, bit-identical) or "portable".
const char *nash_kernel_arithmetic(void);

/// Sets the process-wide default kernel: NASH_KERNEL_PORTABLE, NASH_KERNEL_AVX2_FMA,
/// NASH_KERNEL_AVX512 (each falling back as nash_kernel_resolve says when the CPU lacks it) or
/// NASH_KERNEL_AUTO (the best available; any other value means this too). Before the first call,
/// the environment variable NASH_KERNEL (avx512, avx2, portable or auto; read once, at the first
/// kernel selection) sets it; unset, it is NASH_KERNEL_AUTO.
void nash_kernel_force(int kernel);

/// nash_kernel_force(NASH_KERNEL_PORTABLE) when force != 0, else nash_kernel_force(NASH_KERNEL_AUTO).
void nash_kernel_force_portable(int force);

/// The default kernel: nash_kernel_resolve of the kernel set by nash_kernel_force / NASH_KERNEL,
/// i.e. NASH_KERNEL_AVX512 on a CPU with AVX-512 F/VL/BW/DQ unless another kernel is forced.
int nash_kernel_default(void);

/// The kernel that runs when `kernel` is asked for on this CPU: AVX-512 falls back to AVX2/FMA (the
/// same bits), AVX2/FMA to portable; NASH_KERNEL_AUTO is the best available.
int nash_kernel_resolve(int kernel);

/// 1 when `kernel` can run on this CPU.
int nash_kernel_available(int kernel);

/// "avx512", "avx2-fma" or "portable": the name of nash_kernel_resolve(kernel).
const char *nash_kernel_name_of(int kernel);

/// "avx2-fma" or "portable": the arithmetic of nash_kernel_resolve(kernel).
const char *nash_kernel_arithmetic_of(int kernel);

/// Number of floats of the packed form of op(B)[K,N]: K * roundup(N, NASH_GEMM_NR).
size_t nash_sgemm_packed_b_count(int N, int K);

/// Packs the column panels [panel0, panel1) of op(B)[K,N] (panel p = columns 16p..16p+15, zero-
/// padded past N). Layout: panel p occupies packed[p*K*16 ..< (p+1)*K*16], k-major, 16 floats per k.
/// `packed` must be 32-byte aligned. Panels are independent, so threads may pack disjoint ranges.
void nash_sgemm_pack_b(int transB, int N, int K, const float *B, int ldb, float *packed,
                       int panel0, int panel1);

/// Like nash_sgemm_rows, with op(B) already packed by nash_sgemm_pack_b, an explicit kernel and
/// a column range: computes C[row0..<row1, col0..<col1]. col0 must be a multiple of NASH_GEMM_NR
/// (col1 too, unless col1 == N). Each element's result depends only on (kernel, M, N, K, alpha,
/// beta, its row of op(A), its column of op(B), its old value), never on the ranges.
void nash_sgemm_tile_packed(int kernel, int transA, int M, int N, int K, float alpha,
                            const float *A, int lda, const float *packedB, float beta,
                            float *C, int ldc, int row0, int row1, int col0, int col1);

/// nash_sgemm_tile_packed followed, in the same epilogue, by C[i, j] = C[i, j] + bias[j] when `bias`
/// is not NULL (bias indexed by the absolute column j) and C[i, j] = C[i, j] > 0 ? C[i, j] : 0 when
/// `relu`: each rounded as a separate operation after the whole product, so the bits are those of
/// the plain product followed by a bias pass and a clamp pass.
void nash_sgemm_tile_packed_bias(int kernel, int transA, int M, int N, int K, float alpha,
                                 const float *A, int lda, const float *packedB, float beta,
                                 float *C, int ldc, int row0, int row1, int col0, int col1,
                                 const float *bias, int relu);

/// What the GEMM does to each element t of the product after it is complete, in the epilogue of the
/// tile that writes it (no extra pass), each step a separate IEEE operation in this order:
/// t = t + bias[j] when `bias` is not NULL; t = t > 0 ? t : 0 when `relu`; and
/// t = t * (gate[i * ldg + j] > 0 ? 1 : slope) when `gate` is not NULL, with (i, j) the absolute row
/// and column of C. The bits are those of the plain product followed by a bias pass, a clamp pass
/// and a gate pass (the gradient of a ReLU or leaky ReLU layer whose output is `gate`).
typedef struct {
    const float *bias;
    int relu;
    const float *gate;
    int ldg;
    float slope;
} nash_epilogue;

/// nash_sgemm_tile_packed with the epilogue `e` (NULL: none).
void nash_sgemm_tile_packed_epilogue(int kernel, int transA, int M, int N, int K, float alpha,
                                     const float *A, int lda, const float *packedB, float beta,
                                     float *C, int ldc, int row0, int row1, int col0, int col1,
                                     const nash_epilogue *e);

/// C[row0..<row1, col0..<col1] = Σ_s A_s · op(B)_s + beta · C over `segments` segments, with the
/// bits of one product per segment added in segment order (the first with beta, the others with
/// beta = 1): A_s = A + s * seg_strideA is [M, seg_len] with row stride lda (not transposed), and
/// op(B)_s is rows [s * seg_len, (s + 1) * seg_len) of op(B) [segments * seg_len, N], packed whole by
/// nash_sgemm_pack_b. Alpha is 1 and there is no epilogue. Each element is the chain of each of its
/// segment's k-blocks (k_block(seg_len)) added into C in order, as the products one by one would
/// give it on the tile path; one call instead keeps C's rows in cache and packs op(B) once. (A
/// convolution's filter gradient: one segment per image, K = the image's pixels.)
void nash_sgemm_tile_segments(int kernel, int M, int N, int segments, int seg_len, const float *A,
                              int lda, long seg_strideA, const float *packedB, float beta, float *C,
                              int ldc, int row0, int row1, int col0, int col1);

/// nash_sgemm_rows_kernel with the epilogue `e` (NULL: none).
void nash_sgemm_rows_kernel_epilogue(int kernel, int transA, int transB, int M, int N, int K,
                                     float alpha, const float *A, int lda, const float *B, int ldb,
                                     float beta, float *C, int ldc, int row0, int row1,
                                     const nash_epilogue *e);

/// The length of the k-blocks every path cuts K into (ceil(K / ceil(K / 256)); the last block may
/// be shorter). With alpha = 1 and beta = 0 an element of C is acc_0 + acc_1 + ... summed left to
/// right, acc_p the FMA chain of block p from 0: so blocks computed as separate products (K = the
/// block's length, into separate buffers) and then added in block order give the same bits.
int nash_sgemm_k_block(int K);

/// 1 when nash_sgemm_rows_kernel computes this shape from a packed op(B) with the tile driver, so
/// a parallel caller may pack B once (nash_sgemm_pack_b) and split C over nash_sgemm_tile_packed;
/// 0 when it uses another path (narrow products, K == 0, alpha == 0), which callers then split by
/// calling nash_sgemm_rows_kernel on row ranges. Depends only on the arguments, never on the rows.
int nash_sgemm_uses_packed_b(int kernel, int N, int K, float alpha);

/// Like nash_sgemm_rows with an explicit kernel.
void nash_sgemm_rows_kernel(int kernel, int transA, int transB, int M, int N, int K, float alpha,
                            const float *A, int lda, const float *B, int ldb, float beta,
                            float *C, int ldc, int row0, int row1);

/// nash_sgemm_rows_kernel with the bias and clamp epilogue of nash_sgemm_tile_packed_bias.
void nash_sgemm_rows_kernel_bias(int kernel, int transA, int transB, int M, int N, int K,
                                 float alpha, const float *A, int lda, const float *B, int ldb,
                                 float beta, float *C, int ldc, int row0, int row1,
                                 const float *bias, int relu);

/// A 64-byte aligned scratch buffer of at least `count` floats owned by the calling thread (grown
/// on demand, freed when the thread exits), for callers that pack B once and share it with workers
/// while this thread waits. Invalidated by the next call on the same thread and by nash_sgemm_rows.
float *nash_sgemm_workspace_b(size_t count);

/// Runs `iterations` rounds of 12 independent 8-wide FMAs (AVX2) and returns a value that depends
/// on all of them (so the loop is not optimised away); 192 flops per iteration. Returns NAN when
/// the CPU lacks AVX2/FMA. For measuring one core's FMA peak.
double nash_fma_peak_probe(long iterations);

/// Like nash_fma_peak_probe with 24 independent 16-wide FMAs (AVX-512, as many accumulators as the
/// AVX-512 micro-kernel): 768 flops per iteration. Returns NAN when the CPU lacks AVX-512.
double nash_fma512_peak_probe(long iterations);

// ---------------------------------------------------------------------------------------------------
// Convolution data movement (im2col.c): copies, and col2im's additions in the order (a, b) ascending
// per pixel, so every path gives the same bits.
// ---------------------------------------------------------------------------------------------------

/// An image [c, h, w], a kernel kh x kw, stride and zero padding, and the output map ho x wo.
typedef struct {
    int c, h, w, kh, kw, stride, pad, ho, wo;
} nash_conv_geometry;

/// Rows [row0, row1) of the im2col matrix of `count` consecutive images of x:
/// cols[(ch * kh + a) * kw + b, n * ho * wo + i * wo + j] = x_n[ch, i * stride - pad + a,
/// j * stride - pad + b] (0 outside the image), cols' rows `ld` floats apart.
void nash_im2col(const nash_conv_geometry *g, const float *x, int count, float *cols, long ld,
                 int row0, int row1);

/// Planes [plane0, plane1) (plane n * c + ch: channel ch of image n) of the adjoint of nash_im2col:
/// each pixel of x is the sum of the cols entries that read it, added in the order (a, b) ascending
/// from 0.
void nash_col2im(const nash_conv_geometry *g, const float *cols, long ld, float *x, int plane0,
                 int plane1);

// ---------------------------------------------------------------------------------------------------
// Training-step loops (reduce_adam.c): the same operations, in the same order, as the Swift loops
// they replace, so the same bits; AVX-512 where the CPU has it.
// ---------------------------------------------------------------------------------------------------

/// out[j] = ((x[0, j] + x[1, j]) + x[2, j]) + ... over `rows` rows `ld` floats apart, j < cols.
void nash_column_sums(const float *x, int rows, int cols, long ld, float *out);

/// One Adam update of n parameters, in place, each element exactly as
/// m = m1·b1 + g·ob1; v = m2·b2 + (g·g)·ob2; m1 = m; m2 = v; θ = θ − ((m / c1) / (√max(v / c2, guard) + eps))·eta,
/// every product, sum, quotient and root rounded once (max keeps `guard` when v / c2 is NaN).
void nash_adam_step(float *theta, const float *g, float *m1, float *m2, long n, float b1, float b2,
                    float ob1, float ob2, float c1, float c2, float eps, float eta, float guard);

// ---------------------------------------------------------------------------------------------------
// Thread pool (parallel.c)
// ---------------------------------------------------------------------------------------------------

typedef void (*nash_task_fn)(void *context, long index);

/// Calls fn(context, i) for every i in [0, count) using up to `threads` threads (the caller plus
/// threads - 1 persistent workers). Indices are claimed dynamically (the caller from the front, the
/// workers from the back), so any thread may run any index; fn must write only outputs that belong
/// to index i. Runs inline when threads <= 1, count <= 1, when called from inside a running job
/// (nesting), or when another thread's job is using the pool. Returns after every index has
/// completed.
void nash_parallel_for(int threads, long count, nash_task_fn fn, void *context);

/// Number of persistent worker threads currently alive (the pool grows and shrinks to threads - 1).
int nash_parallel_worker_count(void);

/// The time of one round trip of a cache line between this thread and a new thread that spins on
/// it (`rounds` round trips, then the thread ends), in nanoseconds: the two threads pinned to the
/// first two CPUs the caller may use (its affinity restored afterwards); -1 when it may use only
/// one CPU or no thread could start.
/// With both threads runnable on different CPUs this is the host's core-to-core latency, which
/// bounds what handing work between threads costs (bench/README.md, "Two threads": 60-90 ns
/// between cores of one complex, ~350 ns across complexes on the 2-vCPU benchmark host).
double nash_core_round_trip_ns(long rounds);

// ---------------------------------------------------------------------------------------------------
// Counter-based random numbers (philox.c)
// ---------------------------------------------------------------------------------------------------

/// Philox4x32-10 (Salmon, Moraes, Dror, Shaw 2011, "Parallel random numbers: as easy as 1, 2, 3").
void nash_philox4x32_10(const uint32_t counter[4], const uint32_t key[2], uint32_t out[4]);

/// The key of stream `name` (UTF-8, `length` bytes) under `seed`:
/// key = first two words of Philox4x32-10(counter = (lo32(h), hi32(h), 0, 0), key = (lo32(seed),
/// hi32(seed))), h = FNV-1a-64 of the name's bytes.
void nash_philox_stream_key(uint64_t seed, const char *name, size_t length, uint32_t key[2]);

/// Raw words: block b (b = first_block ..< first_block + blocks) is Philox4x32-10 of counter
/// (lo32(b), hi32(b), lo32(step), hi32(step)) under `key`, written to out[4*(b-first_block) ..].
void nash_random_blocks(const uint32_t key[2], uint64_t step, uint64_t first_block, size_t blocks,
                        uint32_t *out);

/// Draws with indices first ..< first + count (out[j] is draw first + j). Draw i uses word i % 4 of
/// block i / 4: uniform u = (w >> 8) * 2^-24 in [0, 1).
void nash_random_uniform(const uint32_t key[2], uint64_t step, uint64_t first, size_t count,
                         float *out);

/// Standard normal by Box–Muller: draws 4b..4b+3 come from block b's words (w0, w1, w2, w3):
/// pairs (w0, w1) -> (z0, z1), (w2, w3) -> (z2, z3), with u = (w0 + 1/2) 2^-32 in (0, 1),
/// r = sqrt(-2 ln u), theta = 2 pi w1 / 2^32, z0 = r cos theta, z1 = r sin theta; out = mean +
/// std * z. ln, sin and cos are our own polynomials (no libm; ln u from 1 - u = (~w0 + 1/2) 2^-32
/// when u > 3/4), so results are identical on every platform and for any vector width.
void nash_random_normal(const uint32_t key[2], uint64_t step, uint64_t first, size_t count,
                        float mean, float std, float *out);

/// Bernoulli(p) as 0 / 1 floats: 1 when the uniform draw u (as in nash_random_uniform) is < p.
void nash_random_bernoulli(const uint32_t key[2], uint64_t step, uint64_t first, size_t count,
                           float p, float *out);

/// Uniform integers in [0, n), n >= 1: draw i uses words 2(i%2), 2(i%2)+1 of block i / 2 as the
/// 64-bit x = lo | hi << 32 and returns floor(x * n / 2^64) (bias at most n / 2^64).
void nash_random_below(const uint32_t key[2], uint64_t step, uint64_t first, size_t count,
                       uint64_t n, int64_t *out);

/// A uniformly random permutation of 0 ..< n by Fisher–Yates (Durstenfeld): for t in 0 ..< n-1,
/// swap out[t] with out[t + floor(x_t * (n - t) / 2^64)], x_t the 64-bit value of draw t as in
/// nash_random_below.
void nash_random_permutation(const uint32_t key[2], uint64_t step, size_t n, int64_t *out);

#ifdef __cplusplus
}
#endif
#endif
