// Loops of the training step that the compiler does not vectorise well from Swift: the column sums
// of a bias gradient and the Adam update. Each keeps the exact operation order of the Swift loop it
// replaces (one rounding per operation, contraction off), so the bits do not change; the AVX-512
// versions run the same operations 16 lanes at a time.
#pragma STDC FP_CONTRACT OFF

#include "gemm_internal.h"

#include <math.h>

#ifdef NASH_HAVE_AVX512_KERNEL
#include <immintrin.h>
#define TARGET __attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma")))

TARGET static void column_sums_avx512(const float *x, int rows, int cols, long ld, float *out) {
    int j = 0;
    for (; j + 128 <= cols; j += 128) {
        __m512 s[8];
#pragma clang loop unroll(full)
        for (int v = 0; v < 8; v++) s[v] = _mm512_loadu_ps(x + j + 16 * v);
        for (int r = 1; r < rows; r++) {
            const float *row = x + (size_t)r * ld + j;
#pragma clang loop unroll(full)
            for (int v = 0; v < 8; v++) s[v] = _mm512_add_ps(s[v], _mm512_loadu_ps(row + 16 * v));
        }
#pragma clang loop unroll(full)
        for (int v = 0; v < 8; v++) _mm512_storeu_ps(out + j + 16 * v, s[v]);
    }
    for (; j < cols; j += 16) {
        __mmask16 m = cols - j >= 16 ? 0xffff : (__mmask16)((1u << (cols - j)) - 1);
        __m512 s = _mm512_maskz_loadu_ps(m, x + j);
        for (int r = 1; r < rows; r++) s = _mm512_add_ps(s, _mm512_maskz_loadu_ps(m, x + (size_t)r * ld + j));
        _mm512_mask_storeu_ps(out + j, m, s);
    }
}

TARGET static void adam_avx512(float *theta, const float *g, float *m1, float *m2, long n,
                               float b1, float b2, float ob1, float ob2, float c1, float c2,
                               float eps, float eta, float guard) {
    __m512 vb1 = _mm512_set1_ps(b1), vb2 = _mm512_set1_ps(b2), vob1 = _mm512_set1_ps(ob1);
    __m512 vob2 = _mm512_set1_ps(ob2), vc1 = _mm512_set1_ps(c1), vc2 = _mm512_set1_ps(c2);
    __m512 veps = _mm512_set1_ps(eps), veta = _mm512_set1_ps(eta), vguard = _mm512_set1_ps(guard);
    for (long j = 0; j < n; j += 16) {
        __mmask16 k = n - j >= 16 ? 0xffff : (__mmask16)((1u << (n - j)) - 1);
        __m512 gj = _mm512_maskz_loadu_ps(k, g + j);
        __m512 m = _mm512_add_ps(_mm512_mul_ps(_mm512_maskz_loadu_ps(k, m1 + j), vb1), _mm512_mul_ps(gj, vob1));
        __m512 v = _mm512_add_ps(_mm512_mul_ps(_mm512_maskz_loadu_ps(k, m2 + j), vb2),
                                 _mm512_mul_ps(_mm512_mul_ps(gj, gj), vob2));
        _mm512_mask_storeu_ps(m1 + j, k, m);
        _mm512_mask_storeu_ps(m2 + j, k, v);
        __m512 mHat = _mm512_div_ps(m, vc1), vHat = _mm512_div_ps(v, vc2);
        // vHat >= guard ? vHat : guard (NaN compares false and gives the guard, as in Swift).
        __m512 kept = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(vHat, vguard, _CMP_GE_OQ), vguard, vHat);
        __m512 root = _mm512_sqrt_ps(kept);
        __m512 step = _mm512_mul_ps(_mm512_div_ps(mHat, _mm512_add_ps(root, veps)), veta);
        _mm512_mask_storeu_ps(theta + j, k, _mm512_sub_ps(_mm512_maskz_loadu_ps(k, theta + j), step));
    }
}
#endif

void nash_column_sums(const float *x, int rows, int cols, long ld, float *out) {
    if (rows <= 0 || cols <= 0) return;
#ifdef NASH_HAVE_AVX512_KERNEL
    if (nash_kernel_available(NASH_KERNEL_AVX512)) {
        column_sums_avx512(x, rows, cols, ld, out);
        return;
    }
#endif
    for (int j = 0; j < cols; j++) out[j] = x[j];
    for (int r = 1; r < rows; r++) {
        const float *row = x + (size_t)r * ld;
        for (int j = 0; j < cols; j++) out[j] = out[j] + row[j];
    }
}

void nash_adam_step(float *theta, const float *g, float *m1, float *m2, long n, float b1, float b2,
                    float ob1, float ob2, float c1, float c2, float eps, float eta, float guard) {
#ifdef NASH_HAVE_AVX512_KERNEL
    if (nash_kernel_available(NASH_KERNEL_AVX512)) {
        adam_avx512(theta, g, m1, m2, n, b1, b2, ob1, ob2, c1, c2, eps, eta, guard);
        return;
    }
#endif
    for (long j = 0; j < n; j++) {
        float m = m1[j] * b1 + g[j] * ob1;
        float v = m2[j] * b2 + (g[j] * g[j]) * ob2;
        m1[j] = m;
        m2[j] = v;
        float mHat = m / c1, vHat = v / c2;
        float root = sqrtf(vHat >= guard ? vHat : guard);
        theta[j] = theta[j] - (mHat / (root + eps)) * eta;
    }
}
