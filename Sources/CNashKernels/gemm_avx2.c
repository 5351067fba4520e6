// The AVX2/FMA code: the GEMM micro-kernel, the narrow-product path and the FMA peak probe.
//
// Micro-kernel: a 6 x 16 tile of C held in 12 ymm accumulators. Per k it loads two 8-float
// vectors of the packed B panel, broadcasts six packed A values and issues 12 FMAs, so the two FMA
// pipes of a core stay busy (12 independent chains cover the 4-cycle FMA latency) and the 8 loads
// per 12 FMAs stay within the load ports' budget.
// Compiled for AVX2/FMA by function attribute only; gemm.c calls in here after checking the CPU.
#pragma STDC FP_CONTRACT OFF

#include "gemm_internal.h"

#ifdef NASH_HAVE_AVX2_KERNEL
#include <immintrin.h>

#define TARGET __attribute__((target("avx2,fma")))

/// The epilogue for one 8-float vector of C, in the same formulas as the scalar edge code:
/// alpha * acc, fma(alpha, acc, beta * c), fma(alpha, acc, c); then + bias (when `bias`) and the
/// clamp max(t, 0) (when `relu`; maxps returns its second operand unless t > 0, so NaN and -0
/// become +0 exactly as `t > 0 ? t : 0`).
static inline TARGET __m256 combine(__m256 acc, const float *c, __m256 alpha, __m256 beta,
                                    int mode, const float *bias, int relu) {
    __m256 r;
    if (mode == NASH_GEMM_OVERWRITE) {
        r = _mm256_mul_ps(alpha, acc);
    } else {
        __m256 old = _mm256_loadu_ps(c);
        if (mode == NASH_GEMM_SCALE) old = _mm256_mul_ps(beta, old);
        r = _mm256_fmadd_ps(alpha, acc, old);
    }
    if (bias) r = _mm256_add_ps(r, _mm256_loadu_ps(bias));
    if (relu) r = _mm256_max_ps(r, _mm256_setzero_ps());
    return r;
}

TARGET void nash_microkernel_avx2(int kc, const float *a, const float *b, float *c, long ldc,
                                  int mr, int nr, float alpha, float beta, int mode,
                                  const float *bias, int relu) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
    __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
    __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
    __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();

    // The tile of C is needed only after the k loop: fetch its lines meanwhile.
    for (int i = 0; i < mr; i++) {
        _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + i * ldc + NR - 1), _MM_HINT_T0);
    }

#define ROW(i)                                                                                     \
    do {                                                                                           \
        __m256 ai = _mm256_broadcast_ss(a + (i));                                                  \
        c##i##0 = _mm256_fmadd_ps(ai, b0, c##i##0);                                                \
        c##i##1 = _mm256_fmadd_ps(ai, b1, c##i##1);                                                \
    } while (0)

#pragma clang loop unroll_count(4)
    for (int k = 0; k < kc; k++) {
        __m256 b0 = _mm256_load_ps(b);
        __m256 b1 = _mm256_load_ps(b + 8);
        ROW(0); ROW(1); ROW(2); ROW(3); ROW(4); ROW(5);
        a += MR;
        b += NR;
    }
#undef ROW

    __m256 va = _mm256_set1_ps(alpha), vb = _mm256_set1_ps(beta);
    if (mr == MR && nr == NR) {
#define STORE(i)                                                                                   \
    do {                                                                                           \
        float *ci = c + (i) * ldc;                                                                 \
        _mm256_storeu_ps(ci, combine(c##i##0, ci, va, vb, mode, bias, relu));                      \
        _mm256_storeu_ps(ci + 8, combine(c##i##1, ci + 8, va, vb, mode, bias ? bias + 8 : 0, relu)); \
    } while (0)
        STORE(0); STORE(1); STORE(2); STORE(3); STORE(4); STORE(5);
#undef STORE
        return;
    }

    // Edge tile: spill the accumulators, then apply the same formulas element by element
    // (a fused multiply-add rounds once, in a vector lane or in fmaf alike).
    _Alignas(32) float acc[MR][NR];
    _mm256_store_ps(acc[0], c00); _mm256_store_ps(acc[0] + 8, c01);
    _mm256_store_ps(acc[1], c10); _mm256_store_ps(acc[1] + 8, c11);
    _mm256_store_ps(acc[2], c20); _mm256_store_ps(acc[2] + 8, c21);
    _mm256_store_ps(acc[3], c30); _mm256_store_ps(acc[3] + 8, c31);
    _mm256_store_ps(acc[4], c40); _mm256_store_ps(acc[4] + 8, c41);
    _mm256_store_ps(acc[5], c50); _mm256_store_ps(acc[5] + 8, c51);
    for (int i = 0; i < mr; i++) {
        float *ci = c + i * ldc;
        for (int j = 0; j < nr; j++) {
            float t = acc[i][j];
            if (mode == NASH_GEMM_OVERWRITE) t = alpha * t;
            else if (mode == NASH_GEMM_SCALE) t = __builtin_fmaf(alpha, t, beta * ci[j]);
            else t = __builtin_fmaf(alpha, t, ci[j]);
            t = nash_bias_clamp(t, bias, j, relu);
            ci[j] = t;
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Narrow products (N <= NASH_GEMM_NARROW_N): a padded 16-column tile would waste most of its lanes,
// so each element is a dot product instead (A as stored), or a tile kernel's k-blocked chain run 8
// rows per vector (A transposed). `bcols` holds op(B)'s columns contiguously (N x K).
// ---------------------------------------------------------------------------------------------------

static inline TARGET float finish(float acc, float *c, float alpha, float beta, const float *bias,
                                  int j, int relu) {
    float t = beta == 0.0f ? alpha * acc : __builtin_fmaf(alpha, acc, beta * *c);
    return nash_bias_clamp(t, bias, j, relu);
}

/// Sum of the 8 lanes in a fixed tree: ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7)).
static inline TARGET float lanes_sum(__m256 v) {
    __m128 h = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    h = _mm_add_ps(h, _mm_movehl_ps(h, h));
    h = _mm_add_ss(h, _mm_movehdup_ps(h));
    return _mm_cvtss_f32(h);
}

/// op(A) = A: row i is contiguous, so C[i, j] = dot(A[i, :], bcols[j]) with 32 lane-partial sums
/// (k mod 32, k ascending, over the first K - K % 32 terms), the next whole 8-blocks added into the
/// first 8 lanes, the lanes summed in a fixed tree, then the last K % 8 terms added in order.
static TARGET void narrow_rows(int N, int K, float alpha, const float *A, int lda,
                               const float *bcols, float beta, float *C, int ldc, int row0,
                               int row1, const float *bias, int relu) {
    int k32 = K - K % 32, k8 = K - K % 8;
    for (int i = row0; i < row1; i++) {
        const float *a = A + (size_t)i * lda;
        for (int j = 0; j < N; j++) {
            const float *b = bcols + (size_t)j * K;
            __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
            __m256 s2 = _mm256_setzero_ps(), s3 = _mm256_setzero_ps();
            int k = 0;
            for (; k < k32; k += 32) {
                s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + k), _mm256_loadu_ps(b + k), s0);
                s1 = _mm256_fmadd_ps(_mm256_loadu_ps(a + k + 8), _mm256_loadu_ps(b + k + 8), s1);
                s2 = _mm256_fmadd_ps(_mm256_loadu_ps(a + k + 16), _mm256_loadu_ps(b + k + 16), s2);
                s3 = _mm256_fmadd_ps(_mm256_loadu_ps(a + k + 24), _mm256_loadu_ps(b + k + 24), s3);
            }
            for (; k < k8; k += 8)
                s0 = _mm256_fmadd_ps(_mm256_loadu_ps(a + k), _mm256_loadu_ps(b + k), s0);
            float acc = lanes_sum(_mm256_add_ps(_mm256_add_ps(s0, s1), _mm256_add_ps(s2, s3)));
            for (; k < K; k++) acc = __builtin_fmaf(a[k], b[k], acc);
            float *c = C + (size_t)i * ldc + j;
            *c = finish(acc, c, alpha, beta, bias, j, relu);
        }
    }
}

/// Element (i, j) after the k-block that starts at p0, given `prev`, its value after the blocks
/// before: the tile kernels' formulas (alpha · acc, or fma(alpha, acc, beta · c), for the first
/// block; fma(alpha, acc, prev) for the others, which is acc + prev when alpha = 1).
static inline float after_block(float acc, float prev, int p0, float alpha, float beta, const float *c) {
    if (p0 > 0) return __builtin_fmaf(alpha, acc, prev);
    return beta == 0.0f ? alpha * acc : __builtin_fmaf(alpha, acc, beta * *c);
}

/// Rows [i, i + 8 V) (V = 1 or 8 vectors) of column j of C for op(A) = Aᵀ, whose rows
/// op(A)[i..i+7, k] are contiguous: per k-block, each element is the chain acc = fma(a_ik, b_kj,
/// acc) from +0, k ascending, and the blocks combine as the tile kernels combine them (after_block),
/// so the element has the bits of a tile kernel's. The same rule as every product of a batch
/// reduction (a weight gradient): its k-blocks are rows of the batch, which threads can own.
static inline __attribute__((always_inline)) TARGET void
narrow_column_rows(const int V, int i, int j, int K, int kc, float alpha, const float *A, int lda,
                   const float *b, float beta, float *C, int ldc, const float *bias, int relu) {
    float t[64];
    for (int p0 = 0; p0 < K; p0 += kc) {
        int p1 = K - p0 < kc ? K : p0 + kc;
        __m256 s[8];
        for (int g = 0; g < V; g++) s[g] = _mm256_setzero_ps();
        for (int k = p0; k < p1; k++) {
            const float *a = A + (size_t)k * lda + i;
            __m256 bk = _mm256_broadcast_ss(b + k);
            for (int g = 0; g < V; g++) s[g] = _mm256_fmadd_ps(_mm256_loadu_ps(a + 8 * g), bk, s[g]);
        }
        _Alignas(32) float acc[64];
        for (int g = 0; g < V; g++) _mm256_store_ps(acc + 8 * g, s[g]);
        for (int r = 0; r < 8 * V; r++)
            t[r] = after_block(acc[r], t[r], p0, alpha, beta, C + (size_t)(i + r) * ldc + j);
    }
    for (int r = 0; r < 8 * V; r++) {
        float *c = C + (size_t)(i + r) * ldc + j;
        *c = nash_bias_clamp(t[r], bias, j, relu);
    }
}

/// op(A) = Aᵀ: 64 rows at a time (8 chains in flight), then 8, then single rows in scalar fmaf,
/// every element by the k-block rule of narrow_column_rows.
static TARGET void narrow_columns(int N, int K, float alpha, const float *A, int lda,
                                  const float *bcols, float beta, float *C, int ldc, int row0,
                                  int row1, const float *bias, int relu) {
    const int kc = nash_sgemm_k_block(K);
    for (int j = 0; j < N; j++) {
        const float *b = bcols + (size_t)j * K;
        int i = row0;
        for (; i + 64 <= row1; i += 64)
            narrow_column_rows(8, i, j, K, kc, alpha, A, lda, b, beta, C, ldc, bias, relu);
        for (; i + 8 <= row1; i += 8)
            narrow_column_rows(1, i, j, K, kc, alpha, A, lda, b, beta, C, ldc, bias, relu);
        for (; i < row1; i++) {
            float *c = C + (size_t)i * ldc + j;
            float t = 0.0f;
            for (int p0 = 0; p0 < K; p0 += kc) {
                int p1 = K - p0 < kc ? K : p0 + kc;
                float acc = 0.0f;
                for (int k = p0; k < p1; k++) acc = __builtin_fmaf(A[(size_t)k * lda + i], b[k], acc);
                t = after_block(acc, t, p0, alpha, beta, c);
            }
            *c = nash_bias_clamp(t, bias, j, relu);
        }
    }
}

TARGET void nash_sgemm_narrow_avx2(int transA, int N, int K, float alpha, const float *A, int lda,
                                   const float *bcols, float beta, float *C, int ldc, int row0,
                                   int row1, const float *bias, int relu) {
    if (transA) narrow_columns(N, K, alpha, A, lda, bcols, beta, C, ldc, row0, row1, bias, relu);
    else narrow_rows(N, K, alpha, A, lda, bcols, beta, C, ldc, row0, row1, bias, relu);
}

/// 12 independent chains of 8-wide FMAs, as many as the micro-kernel keeps in flight.
TARGET static double peak_loop(long iterations) {
    __m256 x0 = _mm256_set1_ps(1.0f), x1 = _mm256_set1_ps(1.1f), x2 = _mm256_set1_ps(1.2f);
    __m256 x3 = _mm256_set1_ps(1.3f), x4 = _mm256_set1_ps(1.4f), x5 = _mm256_set1_ps(1.5f);
    __m256 x6 = _mm256_set1_ps(1.6f), x7 = _mm256_set1_ps(1.7f), x8 = _mm256_set1_ps(1.8f);
    __m256 x9 = _mm256_set1_ps(1.9f), xa = _mm256_set1_ps(2.0f), xb = _mm256_set1_ps(2.1f);
    // NB: m * x + d with m slightly below 1 and d > 0 converges to d / (1 - m): no overflow,
    // no denormals, and the compiler cannot fold the chain.
    volatile float mv = 0.9999f, dv = 1e-4f;
    __m256 m = _mm256_set1_ps(mv), d = _mm256_set1_ps(dv);
    for (long i = 0; i < iterations; i++) {
        x0 = _mm256_fmadd_ps(m, x0, d); x1 = _mm256_fmadd_ps(m, x1, d);
        x2 = _mm256_fmadd_ps(m, x2, d); x3 = _mm256_fmadd_ps(m, x3, d);
        x4 = _mm256_fmadd_ps(m, x4, d); x5 = _mm256_fmadd_ps(m, x5, d);
        x6 = _mm256_fmadd_ps(m, x6, d); x7 = _mm256_fmadd_ps(m, x7, d);
        x8 = _mm256_fmadd_ps(m, x8, d); x9 = _mm256_fmadd_ps(m, x9, d);
        xa = _mm256_fmadd_ps(m, xa, d); xb = _mm256_fmadd_ps(m, xb, d);
    }
    __m256 s = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(x0, x1), _mm256_add_ps(x2, x3)),
                             _mm256_add_ps(_mm256_add_ps(x4, x5), _mm256_add_ps(x6, x7)));
    s = _mm256_add_ps(s, _mm256_add_ps(_mm256_add_ps(x8, x9), _mm256_add_ps(xa, xb)));
    _Alignas(32) float lanes[8];
    _mm256_store_ps(lanes, s);
    double total = 0;
    for (int i = 0; i < 8; i++) total += lanes[i];
    return total;
}

double nash_fma_peak_probe(long iterations) {
    if (!nash_kernel_available(NASH_KERNEL_AVX2_FMA)) return __builtin_nan("");
    return peak_loop(iterations);
}

#else

double nash_fma_peak_probe(long iterations) {
    (void)iterations;
    return __builtin_nan("");
}

#endif
