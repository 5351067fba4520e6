// The AVX2/FMA micro-kernel: a 6 x 16 tile of C held in 12 ymm accumulators. Per k it loads two
// 8-float vectors of the packed B panel, broadcasts six packed A values and issues 12 FMAs, so the
// two FMA pipes of a core stay busy (12 independent chains cover the 4-cycle FMA latency) and the
// 8 loads per 12 FMAs stay within the load ports' budget.
// Compiled for AVX2/FMA by function attribute only; gemm.c calls it after checking the CPU.
#pragma STDC FP_CONTRACT OFF

#include "gemm_internal.h"

#ifdef NASH_HAVE_AVX2_KERNEL
#include <immintrin.h>

#define TARGET __attribute__((target("avx2,fma")))

/// The epilogue for one 8-float vector of C, in the same three formulas as the scalar edge code:
/// alpha * acc, fma(alpha, acc, beta * c), fma(alpha, acc, c).
static inline TARGET __m256 combine(__m256 acc, const float *c, __m256 alpha, __m256 beta,
                                    int mode) {
    if (mode == NASH_GEMM_OVERWRITE) return _mm256_mul_ps(alpha, acc);
    __m256 old = _mm256_loadu_ps(c);
    if (mode == NASH_GEMM_SCALE) old = _mm256_mul_ps(beta, old);
    return _mm256_fmadd_ps(alpha, acc, old);
}

TARGET void nash_microkernel_avx2(int kc, const float *a, const float *b, float *c, long ldc,
                                  int mr, int nr, float alpha, float beta, int mode) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
    __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
    __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
    __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();

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
        _mm256_storeu_ps(ci, combine(c##i##0, ci, va, vb, mode));                                  \
        _mm256_storeu_ps(ci + 8, combine(c##i##1, ci + 8, va, vb, mode));                          \
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
            if (mode == NASH_GEMM_OVERWRITE) ci[j] = alpha * t;
            else if (mode == NASH_GEMM_SCALE) ci[j] = __builtin_fmaf(alpha, t, beta * ci[j]);
            else ci[j] = __builtin_fmaf(alpha, t, ci[j]);
        }
    }
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
