// Blocked single-precision GEMM in the style of Goto & van de Geijn (2008, "Anatomy of
// high-performance matrix multiplication") and BLIS (Van Zee & van de Geijn 2015):
//
//   op(B) is packed once into panels of NR = 16 columns (k-major, zero-padded);
//   for each block of up to MC rows of C (the caller's row range only):
//     for each k-block [pc, pc + kc) of a fixed schedule that depends on K alone:
//       pack the MC x kc block of op(A) into panels of MR = 6 rows (k-major, zero-padded);
//       for each B panel (16 columns), for each A panel (6 rows): one micro-kernel call.
//   The AVX-512 kernel reads op(A) in place instead (12 x 32 tiles over two B panels, only the
//   block's last MC % 12 rows packed) and has its own paths for k <= 4 and m <= 4 (gemm_avx512.c).
//   Every path ends with the epilogue of nash_epilogue: bias, clamp, gate.
//
// Determinism. Every element of C is computed as
//   acc_p = (...((0 + a_0 b_0) + a_1 b_1) + ...)   over the k of block p, k ascending,
//   c     = alpha acc_0 [+ beta c]  then  c = alpha acc_p + c  for p = 1, 2, ...
// with the same roundings whether the element sits in a full or an edge tile, in whichever row or
// column chunk: the padding lives in separate lanes, and the edge code repeats the vector formula
// in scalar form. So results do not depend on how callers split rows/columns among threads.
// (With the AVX2 and AVX-512 kernels, products with N <= NASH_GEMM_NARROW_N are dot products
// instead, in the fixed orders documented in gemm_avx2.c; the choice depends on N alone, never on
// the rows.) The AVX-512 kernel computes each element with the AVX2 kernel's chain of FMAs and its
// epilogue, so the two give the same bits (gemm_avx512.c): they share one arithmetic, "avx2-fma".
//
// NB: contraction is off in this file, so the portable kernel rounds every product and every sum
// (two roundings per term) on every compiler and target; the AVX2 kernel fuses them explicitly.
#pragma STDC FP_CONTRACT OFF

#include "gemm_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Rows of C per packed A block (a multiple of 2 MR): MC x KC_MAX floats = 144 KiB, well inside
/// the 1 MiB L2 of the machines we run on, while one B panel (KC_MAX x 16 floats = 16 KiB) stays
/// in L1 across the MC / MR micro-kernel calls that reuse it.
#define MC 144

/// Floats of C per block of a segmented product (nash_sgemm_tile_segments): 256 KiB, in L2 while
/// every segment's k-blocks are added into it.
#define SEGMENT_C_FLOATS (1 << 16)

// ---------------------------------------------------------------------------------------------------
// Kernel selection
// ---------------------------------------------------------------------------------------------------

static atomic_int cpu_fast = -1;   // AVX2 + FMA; -1: not probed yet
static atomic_int cpu_avx512 = -1; // AVX-512 F/VL/BW/DQ (and AVX2 + FMA); -1: not probed yet
/// The kernel asked for as the default: NASH_KERNEL_AUTO (the best available), a kernel code, or
/// FORCED_UNSET before the first selection reads NASH_KERNEL from the environment.
#define FORCED_UNSET (-2)
static atomic_int forced = FORCED_UNSET;

static int cpu_has_avx2_fma(void) {
    int v = atomic_load_explicit(&cpu_fast, memory_order_relaxed);
    if (v < 0) {
#ifdef NASH_HAVE_AVX2_KERNEL
        __builtin_cpu_init();
        v = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
        v = 0;
#endif
        atomic_store_explicit(&cpu_fast, v, memory_order_relaxed);
    }
    return v;
}

static int cpu_has_avx512(void) {
    int v = atomic_load_explicit(&cpu_avx512, memory_order_relaxed);
    if (v < 0) {
#ifdef NASH_HAVE_AVX512_KERNEL
        __builtin_cpu_init();
        // NB: __builtin_cpu_supports reports AVX-512 only when the OS saves the zmm state (XCR0).
        v = cpu_has_avx2_fma() && __builtin_cpu_supports("avx512f") &&
            __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512dq");
#else
        v = 0;
#endif
        atomic_store_explicit(&cpu_avx512, v, memory_order_relaxed);
    }
    return v;
}

/// NASH_KERNEL=avx512|avx2|portable|auto pins the default kernel of a process (read once, at the
/// first selection); anything else is reported on stderr and ignored.
static int kernel_from_environment(void) {
    const char *e = getenv("NASH_KERNEL");
    if (!e || !*e || !strcmp(e, "auto")) return NASH_KERNEL_AUTO;
    if (!strcmp(e, "avx512")) return NASH_KERNEL_AVX512;
    if (!strcmp(e, "avx2") || !strcmp(e, "avx2-fma")) return NASH_KERNEL_AVX2_FMA;
    if (!strcmp(e, "portable")) return NASH_KERNEL_PORTABLE;
    fprintf(stderr, "nash: ignoring NASH_KERNEL=%s (expected avx512, avx2, portable or auto)\n", e);
    return NASH_KERNEL_AUTO;
}

static int forced_kernel(void) {
    int f = atomic_load(&forced);
    if (f == FORCED_UNSET) {
        int expected = FORCED_UNSET;
        atomic_compare_exchange_strong(&forced, &expected, kernel_from_environment());
        f = atomic_load(&forced);
    }
    return f;
}

void nash_kernel_force(int kernel) {
    if (kernel != NASH_KERNEL_PORTABLE && kernel != NASH_KERNEL_AVX2_FMA &&
        kernel != NASH_KERNEL_AVX512)
        kernel = NASH_KERNEL_AUTO;
    atomic_store(&forced, kernel);
}

void nash_kernel_force_portable(int force) {
    nash_kernel_force(force ? NASH_KERNEL_PORTABLE : NASH_KERNEL_AUTO);
}

int nash_kernel_available(int kernel) {
    if (kernel == NASH_KERNEL_PORTABLE) return 1;
    if (kernel == NASH_KERNEL_AVX2_FMA) return cpu_has_avx2_fma();
    if (kernel == NASH_KERNEL_AVX512) return cpu_has_avx512();
    return 0;
}

int nash_kernel_resolve(int kernel) {
    if (kernel == NASH_KERNEL_AUTO) kernel = NASH_KERNEL_AVX512;
    if (kernel == NASH_KERNEL_AVX512 && cpu_has_avx512()) return NASH_KERNEL_AVX512;
    if ((kernel == NASH_KERNEL_AVX512 || kernel == NASH_KERNEL_AVX2_FMA) && cpu_has_avx2_fma())
        return NASH_KERNEL_AVX2_FMA;
    return NASH_KERNEL_PORTABLE;
}

int nash_kernel_default(void) { return nash_kernel_resolve(forced_kernel()); }

const char *nash_kernel_name_of(int kernel) {
    switch (nash_kernel_resolve(kernel)) {
    case NASH_KERNEL_AVX512: return "avx512";
    case NASH_KERNEL_AVX2_FMA: return "avx2-fma";
    default: return "portable";
    }
}

const char *nash_kernel_name(void) { return nash_kernel_name_of(nash_kernel_default()); }

const char *nash_kernel_arithmetic_of(int kernel) {
    return nash_kernel_resolve(kernel) == NASH_KERNEL_PORTABLE ? "portable" : "avx2-fma";
}

const char *nash_kernel_arithmetic(void) { return nash_kernel_arithmetic_of(nash_kernel_default()); }

static nash_microkernel microkernel_for(int kernel) {
#ifdef NASH_HAVE_AVX2_KERNEL
    if (nash_kernel_resolve(kernel) != NASH_KERNEL_PORTABLE) return nash_microkernel_avx2;
#endif
    (void)kernel;
    return nash_microkernel_portable;
}

// ---------------------------------------------------------------------------------------------------
// Per-thread scratch buffers (freed by a pthread key destructor when the thread exits)
// ---------------------------------------------------------------------------------------------------

typedef struct { float *data; size_t capacity; } buffer;
typedef struct { buffer a, b; } workspace;

static pthread_key_t workspace_key;
static pthread_once_t workspace_once = PTHREAD_ONCE_INIT;

static void workspace_free(void *p) {
    workspace *w = p;
    free(w->a.data);
    free(w->b.data);
    free(w);
}

static void workspace_make_key(void) { pthread_key_create(&workspace_key, workspace_free); }

static workspace *thread_workspace(void) {
    pthread_once(&workspace_once, workspace_make_key);
    workspace *w = pthread_getspecific(workspace_key);
    if (!w) {
        w = calloc(1, sizeof *w);
        if (!w) abort();
        pthread_setspecific(workspace_key, w);
    }
    return w;
}

static float *buffer_reserve(buffer *buf, size_t count) {
    if (count > buf->capacity) {
        size_t bytes = ((count * sizeof(float)) + 63) & ~(size_t)63;
        free(buf->data);
        buf->data = aligned_alloc(64, bytes);
        if (!buf->data) abort();
        buf->capacity = bytes / sizeof(float);
    }
    return buf->data;
}

float *nash_sgemm_workspace_b(size_t count) {
    return buffer_reserve(&thread_workspace()->b, count ? count : 1);
}

// ---------------------------------------------------------------------------------------------------
// Packing
// ---------------------------------------------------------------------------------------------------

size_t nash_sgemm_packed_b_count(int N, int K) {
    size_t panels = ((size_t)N + NR - 1) / NR;
    return panels * NR * (size_t)K;
}

void nash_sgemm_pack_b(int transB, int N, int K, const float *B, int ldb, float *packed,
                       int panel0, int panel1) {
#ifdef NASH_HAVE_AVX512_KERNEL
    // Data movement only: the same panels whichever kernel reads them.
    if (cpu_has_avx512() && ((uintptr_t)packed & 63) == 0) {
        nash_sgemm_pack_b_avx512(transB, N, K, B, ldb, packed, panel0, panel1);
        return;
    }
#endif
    for (int p = panel0; p < panel1; p++) {
        float *dst = packed + (size_t)p * K * NR;
        int j0 = p * NR;
        int cols = N - j0 < NR ? N - j0 : NR;
        if (!transB) {
            for (int k = 0; k < K; k++) {
                const float *src = B + (size_t)k * ldb + j0;
                float *d = dst + (size_t)k * NR;
                for (int c = 0; c < cols; c++) d[c] = src[c];
                for (int c = cols; c < NR; c++) d[c] = 0.0f;
            }
        } else {
            // op(B)[k, j] = B[j, k]: read each stored row contiguously, write with stride NR.
            for (int c = 0; c < cols; c++) {
                const float *src = B + (size_t)(j0 + c) * ldb;
                for (int k = 0; k < K; k++) dst[(size_t)k * NR + c] = src[k];
            }
            for (int c = cols; c < NR; c++)
                for (int k = 0; k < K; k++) dst[(size_t)k * NR + c] = 0.0f;
        }
    }
}

// nash_pack_a (gemm_internal.h): op(A)'s block into panels of MR rows, zero-padded.
void nash_pack_a(int transA, const float *A, int lda, int i0, int mc, int p0, int kc,
                 float *packed) {
    for (int ir = 0; ir < mc; ir += MR) {
        float *dst = packed + (size_t)ir * kc;
        int rows = mc - ir < MR ? mc - ir : MR;
        if (!transA && rows == MR) {
            // Six row streams in, one contiguous stream out.
            const float *s0 = A + (size_t)(i0 + ir) * lda + p0;
            const float *s1 = s0 + lda, *s2 = s1 + lda, *s3 = s2 + lda, *s4 = s3 + lda, *s5 = s4 + lda;
            for (int k = 0; k < kc; k++) {
                float *d = dst + (size_t)k * MR;
                d[0] = s0[k]; d[1] = s1[k]; d[2] = s2[k]; d[3] = s3[k]; d[4] = s4[k]; d[5] = s5[k];
            }
        } else if (!transA) {
            for (int r = 0; r < rows; r++) {
                const float *src = A + (size_t)(i0 + ir + r) * lda + p0;
                for (int k = 0; k < kc; k++) dst[(size_t)k * MR + r] = src[k];
            }
        } else {
            for (int k = 0; k < kc; k++) {
                const float *src = A + (size_t)(p0 + k) * lda + i0 + ir;
                for (int r = 0; r < rows; r++) dst[(size_t)k * MR + r] = src[r];
            }
        }
        for (int r = rows; r < MR; r++)
            for (int k = 0; k < kc; k++) dst[(size_t)k * MR + r] = 0.0f;
    }
}

// ---------------------------------------------------------------------------------------------------
// Portable micro-kernel
// ---------------------------------------------------------------------------------------------------

void nash_microkernel_portable(int kc, const float *a, const float *b, float *c, long ldc,
                               int mr, int nr, float alpha, float beta, int mode,
                               const float *bias, int relu) {
    float acc[MR][NR];
    memset(acc, 0, sizeof acc);
    for (int k = 0; k < kc; k++) {
        const float *bk = b + (size_t)k * NR;
        for (int i = 0; i < MR; i++) {
            float ai = a[(size_t)k * MR + i];
            for (int j = 0; j < NR; j++) acc[i][j] += ai * bk[j];
        }
    }
    for (int i = 0; i < mr; i++) {
        float *ci = c + i * ldc;
        for (int j = 0; j < nr; j++) {
            float t = alpha * acc[i][j];
            if (mode == NASH_GEMM_SCALE) t = t + beta * ci[j];
            else if (mode == NASH_GEMM_ACCUMULATE) t = t + ci[j];
            t = nash_bias_clamp(t, bias, j, relu);
            ci[j] = t;
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Drivers
// ---------------------------------------------------------------------------------------------------

/// The k-block length: K is cut into nk = ceil(K / KC_MAX) blocks of kc = ceil(K / nk) (the last
/// one shorter). A function of K alone, so every caller sums every element in the same order.
static int k_block(int K) {
    int nk = (K + KC_MAX - 1) / KC_MAX;
    return (K + nk - 1) / nk;
}

int nash_sgemm_k_block(int K) { return K > 0 ? k_block(K) : 0; }

/// C = beta * C on the tile (C = 0 when beta == 0, without reading C), then the bias and the clamp.
static void scale_tile(float *C, int ldc, int row0, int row1, int col0, int col1, float beta,
                       const float *bias, int relu) {
    for (int i = row0; i < row1; i++) {
        float *ci = C + (size_t)i * ldc;
        for (int j = col0; j < col1; j++) {
            float t = beta == 0.0f ? 0.0f : beta * ci[j];
            t = nash_bias_clamp(t, bias, j, relu);
            ci[j] = t;
        }
    }
}

void nash_sgemm_tile_packed(int kernel, int transA, int M, int N, int K, float alpha,
                            const float *A, int lda, const float *packedB, float beta,
                            float *C, int ldc, int row0, int row1, int col0, int col1) {
    nash_sgemm_tile_packed_bias(kernel, transA, M, N, K, alpha, A, lda, packedB, beta, C, ldc,
                                row0, row1, col0, col1, NULL, 0);
}

/// The gate of an epilogue as a pass over C[row0..<row1, col0..<col1], for the paths whose kernels
/// do not apply it themselves (the same operation, so the same bits).
static void gate_region(float *C, int ldc, int row0, int row1, int col0, int col1,
                        const nash_epilogue *e) {
    if (!e || !e->gate) return;
    for (int i = row0; i < row1; i++) {
        float *ci = C + (size_t)i * ldc;
        const float *gi = e->gate + (size_t)i * e->ldg;
        for (int j = col0; j < col1; j++) ci[j] = nash_gate(ci[j], gi[j], e->slope);
    }
}

void nash_sgemm_tile_packed_bias(int kernel, int transA, int M, int N, int K, float alpha,
                                 const float *A, int lda, const float *packedB, float beta,
                                 float *C, int ldc, int row0, int row1, int col0, int col1,
                                 const float *bias, int relu) {
    nash_epilogue e = {bias, relu, NULL, 0, 0.0f};
    nash_sgemm_tile_packed_epilogue(kernel, transA, M, N, K, alpha, A, lda, packedB, beta, C, ldc,
                                    row0, row1, col0, col1, &e);
}

/// The tile driver. K = segments * seg_len; segment s of op(A) starts at A + s * seg_strideA and
/// each segment is cut into k-blocks by k_block(seg_len): the k-blocks of the product of one segment
/// alone. With one segment (seg_len = K) this is the plain product.
static void tile_driver(int kernel, int transA, int N, int K, float alpha, const float *A, int lda,
                        int seg_len, long seg_strideA, const float *packedB, float beta, float *C,
                        int ldc, int row0, int row1, int col0, int col1, const nash_epilogue *e);

void nash_sgemm_tile_packed_epilogue(int kernel, int transA, int M, int N, int K, float alpha,
                                     const float *A, int lda, const float *packedB, float beta,
                                     float *C, int ldc, int row0, int row1, int col0, int col1,
                                     const nash_epilogue *e) {
    (void)M;
    tile_driver(kernel, transA, N, K, alpha, A, lda, K, 0, packedB, beta, C, ldc, row0, row1, col0,
                col1, e);
}

void nash_sgemm_tile_segments(int kernel, int M, int N, int segments, int seg_len, const float *A,
                              int lda, long seg_strideA, const float *packedB, float beta, float *C,
                              int ldc, int row0, int row1, int col0, int col1) {
    (void)M;
    if (col1 > N) col1 = N;
    if (segments <= 0 || seg_len <= 0) {
        scale_tile(C, ldc, row0, row1, col0, col1, beta, NULL, 0);
        return;
    }
#ifdef NASH_HAVE_AVX512_KERNEL
    if (seg_len <= KC_MAX && nash_kernel_resolve(kernel) == NASH_KERNEL_AVX512) {
        nash_segments_avx512(segments, seg_len, A, lda, seg_strideA, packedB, beta, C, ldc, row0, row1,
                             col0, col1, segments * seg_len);
        return;
    }
#endif
    tile_driver(kernel, 0, N, segments * seg_len, 1.0f, A, lda, seg_len, seg_strideA, packedB, beta,
                C, ldc, row0, row1, col0, col1, NULL);
}

static void tile_driver(int kernel, int transA, int N, int K, float alpha, const float *A, int lda,
                        int seg_len, long seg_strideA, const float *packedB, float beta, float *C,
                        int ldc, int row0, int row1, int col0, int col1, const nash_epilogue *e) {
    const float *bias = e ? e->bias : NULL;
    int relu = e ? e->relu : 0;
    if (col1 > N) col1 = N;
    if (row0 >= row1 || col0 >= col1) return;
    if (K == 0 || alpha == 0.0f) {
        scale_tile(C, ldc, row0, row1, col0, col1, beta, bias, relu);
        gate_region(C, ldc, row0, row1, col0, col1, e);
        return;
    }
    int use_avx512 = nash_kernel_resolve(kernel) == NASH_KERNEL_AVX512;
    nash_microkernel kernel_fn = microkernel_for(kernel);
    int kc = k_block(seg_len);
    int mc_max = row1 - row0 < MC ? row1 - row0 : MC;
    int mc_rounded = (mc_max + MR - 1) / MR * MR;
    // The AVX-512 kernel reads A in place; the others pack it here.
    float *packedA = use_avx512 ? NULL : buffer_reserve(&thread_workspace()->a, (size_t)mc_rounded * kc);

    // Columns in blocks of nc: a segmented product adds every segment's k-blocks into the same
    // MC x nc block of C, which must stay in L2 (a 100 x 6272 filter gradient of 1-pixel segments
    // would otherwise stream all of C from memory once per segment). One segment: one block, as
    // before (the order of blocks changes no bits: each element is computed the same way).
    int nc = col1 - col0;
    if (seg_len < K) {
        nc = SEGMENT_C_FLOATS / mc_rounded / (2 * NR) * (2 * NR);
        if (nc < 2 * NR) nc = 2 * NR;
    }
    for (int ic = row0; ic < row1; ic += MC) {
        int mc = row1 - ic < MC ? row1 - ic : MC;
        for (int jc = col0; jc < col1; jc += nc) {
            int jend = col1 - jc < nc ? col1 : jc + nc;
            // NB: pk advances by kcur: a segment's last k-block may be shorter than kc.
            for (int pk = 0, kcur = 0; pk < K; pk += kcur) {
                // pk: the k-block's start in K; pc: in its segment, whose op(A) starts at As.
                int seg = pk / seg_len, pc = pk - seg * seg_len;
                kcur = seg_len - pc < kc ? seg_len - pc : kc;
                const float *As = A + seg * seg_strideA;
                int mode = pk > 0 ? NASH_GEMM_ACCUMULATE
                                  : (beta == 0.0f ? NASH_GEMM_OVERWRITE : NASH_GEMM_SCALE);
                // The bias and the clamp belong to the last k-block's epilogue.
                int last = pk + kcur == K;
                const float *bias_now = last ? bias : NULL;
                int relu_now = last && relu;
#ifdef NASH_HAVE_AVX512_KERNEL
                if (use_avx512) {
                    // A is read in place (no packing): rows of A as stored, or its columns when
                    // transposed; the same bits as the packed kernel (gemm_avx512.c).
                    const float *ablock = transA ? As + (size_t)pc * lda + ic : As + (size_t)ic * lda + pc;
                    const float *gate_now = last && e && e->gate ? e->gate + (size_t)ic * e->ldg + jc : NULL;
                    nash_macrokernel_avx512_direct(kcur, ablock, transA ? 1 : lda, transA ? lda : 1, mc,
                                                   packedB + (size_t)(jc / NR) * K * NR + (size_t)pk * NR,
                                                   (size_t)K * NR, jend - jc, C + (size_t)ic * ldc + jc,
                                                   ldc, alpha, beta, mode, bias_now ? bias_now + jc : NULL,
                                                   relu_now, gate_now, e ? e->ldg : 0, e ? e->slope : 0.0f);
                    continue;
                }
#endif
                nash_pack_a(transA, As, lda, ic, mc, pc, kcur, packedA);
                for (int jr = jc; jr < jend; jr += NR) {
                    const float *bp = packedB + (size_t)(jr / NR) * K * NR + (size_t)pk * NR;
                    int nr = jend - jr < NR ? jend - jr : NR;
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = mc - ir < MR ? mc - ir : MR;
                        kernel_fn(kcur, packedA + (size_t)ir * kcur, bp,
                                  C + (size_t)(ic + ir) * ldc + jr, ldc, mr, nr, alpha, beta, mode,
                                  bias_now ? bias_now + jr : NULL, relu_now);
                    }
                }
            }
        }
        if (!use_avx512) gate_region(C, ldc, ic, ic + mc, col0, col1, e);
    }
}

int nash_sgemm_uses_packed_b(int kernel, int N, int K, float alpha) {
    if (K == 0 || alpha == 0.0f) return 0;
    return !(microkernel_for(kernel) != nash_microkernel_portable && N <= NASH_GEMM_NARROW_N);
}

void nash_sgemm_rows_kernel(int kernel, int transA, int transB, int M, int N, int K, float alpha,
                            const float *A, int lda, const float *B, int ldb, float beta,
                            float *C, int ldc, int row0, int row1) {
    nash_sgemm_rows_kernel_bias(kernel, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc,
                                row0, row1, NULL, 0);
}

void nash_sgemm_rows_kernel_bias(int kernel, int transA, int transB, int M, int N, int K,
                                 float alpha, const float *A, int lda, const float *B, int ldb,
                                 float beta, float *C, int ldc, int row0, int row1,
                                 const float *bias, int relu) {
    nash_epilogue e = {bias, relu, NULL, 0, 0.0f};
    nash_sgemm_rows_kernel_epilogue(kernel, transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C,
                                    ldc, row0, row1, &e);
}

void nash_sgemm_rows_kernel_epilogue(int kernel, int transA, int transB, int M, int N, int K,
                                     float alpha, const float *A, int lda, const float *B, int ldb,
                                     float beta, float *C, int ldc, int row0, int row1,
                                     const nash_epilogue *e) {
    if (row0 >= row1 || N <= 0) return;
    const float *bias = e ? e->bias : NULL;
    int relu = e ? e->relu : 0;
    const float *gate = e ? e->gate : NULL;
    long ldg = e ? e->ldg : 0;
    float slope = e ? e->slope : 0.0f;
#ifdef NASH_HAVE_AVX2_KERNEL
    if (K > 0 && alpha != 0.0f && !nash_sgemm_uses_packed_b(kernel, N, K, alpha)) {
        float *bcols = buffer_reserve(&thread_workspace()->b, (size_t)N * K);
        for (int j = 0; j < N; j++)
            for (int k = 0; k < K; k++)
                bcols[(size_t)j * K + k] = transB ? B[(size_t)j * ldb + k] : B[(size_t)k * ldb + j];
        nash_sgemm_narrow_avx2(transA, N, K, alpha, A, lda, bcols, beta, C, ldc, row0, row1, bias,
                               relu);
        gate_region(C, ldc, row0, row1, 0, N, e);
        return;
    }
#endif
#ifdef NASH_HAVE_AVX512_KERNEL
    // Skinny products (a layer of width 1 to 4 on either side): no 12 x 32 tiles, the same bits.
    if (K > 0 && alpha != 0.0f && nash_kernel_resolve(kernel) == NASH_KERNEL_AVX512) {
        if (K <= 4) {
            float *packed = buffer_reserve(&thread_workspace()->b, nash_sgemm_packed_b_count(N, K));
            nash_sgemm_pack_b(transB, N, K, B, ldb, packed, 0, (N + NR - 1) / NR);
            nash_sgemm_small_k_avx512(transA, N, K, alpha, A, lda, packed, beta, C, ldc, row0, row1,
                                      bias, relu, gate, ldg, slope);
            return;
        }
        if (row1 - row0 <= 4) {
            if (!transB) {
                nash_sgemm_small_m_avx512(transA, N, K, k_block(K), alpha, A, lda, B, (size_t)ldb, 16,
                                          beta, C, ldc, row0, row1, bias, relu, gate, ldg, slope);
            } else {
                float *packed = buffer_reserve(&thread_workspace()->b, nash_sgemm_packed_b_count(N, K));
                nash_sgemm_pack_b(transB, N, K, B, ldb, packed, 0, (N + NR - 1) / NR);
                nash_sgemm_small_m_avx512(transA, N, K, k_block(K), alpha, A, lda, packed, NR,
                                          (size_t)K * NR, beta, C, ldc, row0, row1, bias, relu, gate,
                                          ldg, slope);
            }
            return;
        }
    }
#endif
    float *packedB = NULL;
    if (K > 0 && alpha != 0.0f) {
        packedB = buffer_reserve(&thread_workspace()->b, nash_sgemm_packed_b_count(N, K));
        nash_sgemm_pack_b(transB, N, K, B, ldb, packedB, 0, (N + NR - 1) / NR);
    }
    nash_sgemm_tile_packed_epilogue(kernel, transA, M, N, K, alpha, A, lda, packedB, beta, C, ldc,
                                    row0, row1, 0, N, e);
}

void nash_sgemm_rows(int transA, int transB, int M, int N, int K, float alpha,
                     const float *A, int lda, const float *B, int ldb, float beta,
                     float *C, int ldc, int row0, int row1) {
    nash_sgemm_rows_kernel(nash_kernel_default(), transA, transB, M, N, K, alpha, A, lda, B, ldb,
                           beta, C, ldc, row0, row1);
}
