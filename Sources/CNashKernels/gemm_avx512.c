// The AVX-512 code: a 12 x 32 GEMM micro-kernel over the same packed panels as the AVX2 6 x 16 one,
// and the 512-bit FMA peak probe.
//
// Micro-kernel: a 12 x 32 tile of C in 24 zmm accumulators. It reads TWO packed A panels (6 rows
// each, the layout pack_a writes: panel ir at packedA + ir * kc) and TWO packed B panels (16
// columns each: panel p at packedB + p * K * 16 + pc * 16). Per k: two 16-float loads of B (one per
// panel), 12 broadcasts of A (folded into the FMAs as {1to16} memory operands) and 24 FMAs, so the
// two 512-bit FMA pipes see 24 independent chains (the latency needs 8) and 14 loads per 24 FMAs.
// In L1 at kc = 256: the two B panels (32 KiB) stay while the A panels (12 KiB per tile) stream
// from L2.
//
// Bit-identity with the AVX2 kernel. Element (i, j) of a tile is lane j % 16 of accumulator
// (i, j / 16): acc = fma(a_ik, b_kj, acc) for k = 0, 1, ..., kc - 1 from acc = +0, exactly the
// chain the AVX2 kernel runs in lane j % 8 of its accumulator (i % 6, j / 8). A fused multiply-add
// rounds once, the same in any lane of any vector width, and lanes never mix. The epilogue uses the
// AVX2 kernel's three formulas (alpha * acc, fma(alpha, acc, beta * c), fma(alpha, acc, c)), and
// the k-blocks are the driver's (a function of K alone). So every element of C gets the same bits
// as with the AVX2 kernel, whichever tile shape computes it; the tests compare bit patterns.
//
// Edge tiles (fewer than 12 rows, or 16 or fewer columns left) run the same code with 6 rows and/or
// one B panel; partial columns use masked loads and stores (the same vector formulas, masked lanes
// neither read nor written). Compiled for AVX-512 by function attribute only; gemm.c calls in here
// after checking the CPU.
#pragma STDC FP_CONTRACT OFF

#include "gemm_internal.h"

#ifdef NASH_HAVE_AVX512_KERNEL
#include <immintrin.h>

#define TARGET __attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma")))
#define ALWAYS_INLINE inline __attribute__((always_inline))

/// The epilogue for one 16-float vector of C: alpha * acc, fma(alpha, acc, beta * c) or
/// fma(alpha, acc, c), written to the lanes of `mask` (C is not read when mode is OVERWRITE).
/// NB: with alpha == 1 (`unit`), 1 * acc is acc and fma(1, acc, old) is acc + old, exactly (one
/// rounding of the same value), so the multiply is skipped: the same bits for fewer operations.
static ALWAYS_INLINE TARGET void store_combined(float *c, __m512 acc, __m512 alpha, __m512 beta,
                                                int mode, int full, __mmask16 mask,
                                                const float *bias, int relu, int unit,
                                                const float *gate, __m512 slope) {
    __m512 r;
    if (mode == NASH_GEMM_OVERWRITE) {
        r = unit ? acc : _mm512_mul_ps(alpha, acc);
    } else {
        __m512 old = full ? _mm512_loadu_ps(c) : _mm512_maskz_loadu_ps(mask, c);
        if (mode == NASH_GEMM_SCALE) old = _mm512_mul_ps(beta, old);
        r = unit ? _mm512_add_ps(acc, old) : _mm512_fmadd_ps(alpha, acc, old);
    }
    // The bias and the clamp of the last k-block, as in the AVX2 kernel (maxps(t, 0) is t > 0 ? t : 0).
    if (bias) r = _mm512_add_ps(r, full ? _mm512_loadu_ps(bias) : _mm512_maskz_loadu_ps(mask, bias));
    if (relu) r = _mm512_max_ps(r, _mm512_setzero_ps());
    // The gate of the next layer's gradient: r * (gate > 0 ? 1 : slope), one rounding, as a pass
    // over the finished product would do it.
    if (gate) {
        __m512 g = full ? _mm512_loadu_ps(gate) : _mm512_maskz_loadu_ps(mask, gate);
        __mmask16 open = _mm512_cmp_ps_mask(g, _mm512_setzero_ps(), _CMP_GT_OQ);
        r = _mm512_mul_ps(r, _mm512_mask_blend_ps(open, slope, _mm512_set1_ps(1.0f)));
    }
    if (full) _mm512_storeu_ps(c, r);
    else _mm512_mask_storeu_ps(c, mask, r);
}

/// Asks for the tile's lines of C, and of the gate when there is one, before its k loop: they are
/// needed only after it.
static ALWAYS_INLINE TARGET void prefetch_tile(const float *c, long ldc, const float *gate, long ldg,
                                               int rows, int nr) {
    for (int i = 0; i < rows; i++) {
        const char *ci = (const char *)(c + i * ldc);
        _mm_prefetch(ci, _MM_HINT_T0);
        _mm_prefetch(ci + 4 * (nr - 1), _MM_HINT_T0);
        if (nr > 16) _mm_prefetch(ci + 64, _MM_HINT_T0);
    }
    if (!gate) return;
    for (int i = 0; i < rows; i++) {
        const char *gi = (const char *)(gate + i * ldg);
        _mm_prefetch(gi, _MM_HINT_T0);
        _mm_prefetch(gi + 4 * (nr - 1), _MM_HINT_T0);
        if (nr > 16) _mm_prefetch(gi + 64, _MM_HINT_T0);
    }
}

/// The epilogue of a ROWS x (16 PANELS) tile: the top-left mr x nr corner of `acc` into C by
/// store_combined, whole vectors when the tile is full, masked lanes at the edges.
static ALWAYS_INLINE TARGET void store_tile(const int ROWS, const int PANELS, __m512 acc[12][2],
                                            float *c, long ldc, int mr, int nr, float alpha,
                                            float beta, int mode, const float *bias, int relu,
                                            const float *gate, long ldg, __m512 vs) {
    __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
    const int unit = alpha == 1.0f;
    if (mr == ROWS && nr == 16 * PANELS) {
#pragma clang loop unroll(full)
        for (int i = 0; i < ROWS; i++) {
            float *ci = c + i * ldc;
            store_combined(ci, acc[i][0], va, vb, mode, 1, 0xffff, bias, relu, unit,
                           gate ? gate + i * ldg : NULL, vs);
            if (PANELS == 2)
                store_combined(ci + 16, acc[i][1], va, vb, mode, 1, 0xffff, bias ? bias + 16 : 0, relu, unit,
                               gate ? gate + i * ldg + 16 : NULL, vs);
        }
        return;
    }
    // Edge tile: the same formulas on the valid lanes only.
    __mmask16 m0 = nr >= 16 ? 0xffff : (__mmask16)((1u << nr) - 1);
    __mmask16 m1 = nr >= 32 ? 0xffff : nr > 16 ? (__mmask16)((1u << (nr - 16)) - 1) : 0;
#pragma clang loop unroll(full)
    for (int i = 0; i < ROWS; i++) {
        if (i < mr) {
            float *ci = c + i * ldc;
            store_combined(ci, acc[i][0], va, vb, mode, 0, m0, bias, relu, unit,
                           gate ? gate + i * ldg : NULL, vs);
            if (PANELS == 2 && m1)
                store_combined(ci + 16, acc[i][1], va, vb, mode, 0, m1, bias ? bias + 16 : 0, relu, unit,
                               gate ? gate + i * ldg + 16 : NULL, vs);
        }
    }
}

/// One tile of ROWS (6 or 12) x 16 PANELS (1 or 2) columns: rows 0-5 from the A panel `a0`, rows
/// 6-11 from `a1`; columns 0-15 from the B panel `b0`, 16-31 from `b1`. Writes the top-left
/// mr x nr corner (mr <= ROWS, nr <= 16 PANELS) of C. ROWS and PANELS are constants at every call,
/// so the accumulator array lives in registers.
static ALWAYS_INLINE TARGET void tile(const int ROWS, const int PANELS, int kc, const float *a0,
                                      const float *a1, const float *b0, const float *b1, float *c,
                                      long ldc, int mr, int nr, float alpha, float beta, int mode,
                                      const float *bias, int relu, const float *gate, long ldg,
                                      __m512 vs) {
    __m512 acc[12][2];
#pragma clang loop unroll(full)
    for (int i = 0; i < 12; i++) {
        acc[i][0] = _mm512_setzero_ps();
        acc[i][1] = _mm512_setzero_ps();
    }

    prefetch_tile(c, ldc, gate, ldg, mr, nr);

#pragma clang loop unroll_count(4)
    for (int k = 0; k < kc; k++) {
        __m512 v0 = _mm512_loadu_ps(b0);
        __m512 v1 = PANELS == 2 ? _mm512_loadu_ps(b1) : v0;
#pragma clang loop unroll(full)
        for (int i = 0; i < 6; i++) {
            __m512 ai = _mm512_set1_ps(a0[i]);
            acc[i][0] = _mm512_fmadd_ps(ai, v0, acc[i][0]);
            if (PANELS == 2) acc[i][1] = _mm512_fmadd_ps(ai, v1, acc[i][1]);
        }
        if (ROWS == 12) {
#pragma clang loop unroll(full)
            for (int i = 0; i < 6; i++) {
                __m512 ai = _mm512_set1_ps(a1[i]);
                acc[6 + i][0] = _mm512_fmadd_ps(ai, v0, acc[6 + i][0]);
                if (PANELS == 2) acc[6 + i][1] = _mm512_fmadd_ps(ai, v1, acc[6 + i][1]);
            }
        }
        a0 += MR;
        a1 += MR;
        b0 += NR;
        b1 += NR;
    }

    store_tile(ROWS, PANELS, acc, c, ldc, mr, nr, alpha, beta, mode, bias, relu, gate, ldg, vs);
}

/// A full 12 x (16 PANELS) tile whose A is read in place, not from a packed panel: element (i, k)
/// of op(A) is a[i * rsa + k * csa] (rsa = lda, csa = 1 for A as stored; rsa = 1, csa = lda for a
/// transposed A). Per k it broadcasts the same 12 values the packed tile would read from its two
/// panels, into the same accumulators in the same order, and finishes with the same epilogue, so
/// every element gets the same bits; it only skips the copy into the panel.
static ALWAYS_INLINE TARGET void tile_direct(const int PANELS, const int TRANSPOSED, int kc,
                                             const float *a, long rsa, long csa, const float *b0,
                                             const float *b1, float *c, long ldc, int nr,
                                             float alpha, float beta, int mode, const float *bias,
                                             int relu, const float *gate, long ldg, __m512 vs) {
    __m512 acc[12][2];
#pragma clang loop unroll(full)
    for (int i = 0; i < 12; i++) {
        acc[i][0] = _mm512_setzero_ps();
        acc[i][1] = _mm512_setzero_ps();
    }
    prefetch_tile(c, ldc, gate, ldg, 12, nr);
    if (TRANSPOSED) {
        // Row k of the stored A holds op(A)'s 12 values of column k side by side.
#pragma clang loop unroll_count(4)
        for (int k = 0; k < kc; k++) {
            __m512 v0 = _mm512_loadu_ps(b0);
            __m512 v1 = PANELS == 2 ? _mm512_loadu_ps(b1) : v0;
#pragma clang loop unroll(full)
            for (int i = 0; i < 12; i++) {
                __m512 ai = _mm512_set1_ps(a[i]);
                acc[i][0] = _mm512_fmadd_ps(ai, v0, acc[i][0]);
                if (PANELS == 2) acc[i][1] = _mm512_fmadd_ps(ai, v1, acc[i][1]);
            }
            a += csa;
            b0 += NR;
            b1 += NR;
        }
    } else {
        // Twelve row streams, each read forward in k.
        const float *r0 = a, *r4 = a + 4 * rsa, *r8 = a + 8 * rsa;
        const long l1 = rsa, l2 = 2 * rsa, l3 = 3 * rsa;
#pragma clang loop unroll_count(4)
        for (int k = 0; k < kc; k++) {
            __m512 v0 = _mm512_loadu_ps(b0);
            __m512 v1 = PANELS == 2 ? _mm512_loadu_ps(b1) : v0;
            const float row[12] = {r0[k], r0[k + l1], r0[k + l2], r0[k + l3],
                                   r4[k], r4[k + l1], r4[k + l2], r4[k + l3],
                                   r8[k], r8[k + l1], r8[k + l2], r8[k + l3]};
#pragma clang loop unroll(full)
            for (int i = 0; i < 12; i++) {
                __m512 ai = _mm512_set1_ps(row[i]);
                acc[i][0] = _mm512_fmadd_ps(ai, v0, acc[i][0]);
                if (PANELS == 2) acc[i][1] = _mm512_fmadd_ps(ai, v1, acc[i][1]);
            }
            b0 += NR;
            b1 += NR;
        }
    }

    store_tile(12, PANELS, acc, c, ldc, 12, nr, alpha, beta, mode, bias, relu, gate, ldg, vs);
}

TARGET void nash_macrokernel_avx512_direct(int kc, const float *a, long rsa, long csa, int mc,
                                           const float *packedB, size_t panel_stride, int cols,
                                           float *c, long ldc, float alpha, float beta, int mode,
                                           const float *bias, int relu, const float *gate,
                                           long ldg, float slope) {
    __m512 vs = _mm512_set1_ps(slope);
    int full = mc / (2 * MR) * (2 * MR);
    int rest = mc - full;
    // NB: the driver's k-blocks are never longer than KC_MAX.
    float edge[2 * MR * KC_MAX] __attribute__((aligned(64)));
    // The last rows, packed (csa != 1: A transposed, row k of the stored A is op(A)'s column k).
    if (rest) nash_pack_a(csa != 1, a, csa != 1 ? (int)csa : (int)rsa, full, rest, 0, kc, edge);
    for (int jr = 0; jr < cols; jr += 2 * NR) {
        int nr = cols - jr < 2 * NR ? cols - jr : 2 * NR;
        const float *b0 = packedB + (size_t)(jr / NR) * panel_stride;
        const float *b1 = b0 + panel_stride;
        const float *tb = bias ? bias + jr : NULL;
        for (int ir = 0; ir < full; ir += 2 * MR) {
            const float *at = a + (size_t)ir * rsa;
            float *ct = c + (size_t)ir * ldc + jr;
            const float *gt = gate ? gate + (size_t)ir * ldg + jr : NULL;
            if (csa == 1) {
                if (nr > NR) tile_direct(2, 0, kc, at, rsa, 1, b0, b1, ct, ldc, nr, alpha, beta, mode, tb, relu, gt, ldg, vs);
                else tile_direct(1, 0, kc, at, rsa, 1, b0, b0, ct, ldc, nr, alpha, beta, mode, tb, relu, gt, ldg, vs);
            } else {
                if (nr > NR) tile_direct(2, 1, kc, at, 1, csa, b0, b1, ct, ldc, nr, alpha, beta, mode, tb, relu, gt, ldg, vs);
                else tile_direct(1, 1, kc, at, 1, csa, b0, b0, ct, ldc, nr, alpha, beta, mode, tb, relu, gt, ldg, vs);
            }
        }
        if (rest) {
            float *ct = c + (size_t)full * ldc + jr;
            const float *gt = gate ? gate + (size_t)full * ldg + jr : NULL;
            const float *a1 = edge + (size_t)MR * kc;
            if (rest > MR) {
                if (nr > NR) tile(12, 2, kc, edge, a1, b0, b1, ct, ldc, rest, nr, alpha, beta, mode, tb, relu, gt, ldg, vs);
                else tile(12, 1, kc, edge, a1, b0, b0, ct, ldc, rest, nr, alpha, beta, mode, tb, relu, gt, ldg, vs);
            } else {
                if (nr > NR) tile(6, 2, kc, edge, edge, b0, b1, ct, ldc, rest, nr, alpha, beta, mode, tb, relu, gt, ldg, vs);
                else tile(6, 1, kc, edge, edge, b0, b0, ct, ldc, rest, nr, alpha, beta, mode, tb, relu, gt, ldg, vs);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Skinny products. Each element is still the tile kernels' chain acc = fma(a_ik, b_kj, acc) from +0,
// k ascending within each k-block, finished by store_combined: the same bits as a 12 x 32 tile, with
// none of its padding (a 12-row tile for 2 rows) or packing (a 16-column panel copy of all of B).
// ---------------------------------------------------------------------------------------------------

/// R rows (R <= 4) of C for K = KK <= 4: op(B) in packed panels (K x 16 each, `panel_stride`
/// apart). KK, R and the epilogue's switches are constants at each call (see
/// nash_sgemm_small_k_avx512), so nothing but loads, FMAs and stores is left in the loop.
static ALWAYS_INLINE TARGET void small_k_rows(const int R, const int KK, int transA, int N,
                                              float alpha, const float *A, int lda,
                                              const float *packedB, size_t panel_stride,
                                              float beta, float *C, int ldc, int i,
                                              const float *bias, const int relu, const int mode,
                                              const int unit, const float *gate, long ldg,
                                              __m512 vs) {
    __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
    __m512 a[4][4];
#pragma clang loop unroll(full)
    for (int r = 0; r < R; r++)
#pragma clang loop unroll(full)
        for (int k = 0; k < KK; k++)
            a[r][k] = _mm512_set1_ps(transA ? A[(size_t)k * lda + i + r] : A[(size_t)(i + r) * lda + k]);
    // Whole panels, then the last partial one (`full` is a constant in each loop).
    for (int j = 0; j < N; j += NR) {
        int full = N - j >= NR;
        const float *bp = packedB + (size_t)(j / NR) * panel_stride;
        __m512 acc[4];
#pragma clang loop unroll(full)
        for (int r = 0; r < R; r++) acc[r] = _mm512_setzero_ps();
#pragma clang loop unroll(full)
        for (int k = 0; k < KK; k++) {
            __m512 bk = _mm512_load_ps(bp + (size_t)k * NR);
#pragma clang loop unroll(full)
            for (int r = 0; r < R; r++) acc[r] = _mm512_fmadd_ps(a[r][k], bk, acc[r]);
        }
        __mmask16 mask = full ? 0xffff : (__mmask16)((1u << (N - j)) - 1);
#pragma clang loop unroll(full)
        for (int r = 0; r < R; r++)
            store_combined(C + (size_t)(i + r) * ldc + j, acc[r], va, vb, mode, full, mask,
                           bias ? bias + j : NULL, relu, unit,
                           gate ? gate + (size_t)(i + r) * ldg + j : NULL, vs);
    }
}

/// All rows of [row0, row1) for one K = KK and one epilogue: four at a time, then one at a time.
static ALWAYS_INLINE TARGET void small_k_all(const int KK, int transA, int N, float alpha,
                                             const float *A, int lda, const float *packedB,
                                             float beta, float *C, int ldc, int row0, int row1,
                                             const float *bias, const int relu, const int mode,
                                             const int unit, const float *gate, long ldg,
                                             float slope) {
    size_t panel_stride = (size_t)KK * NR;
    __m512 vs = _mm512_set1_ps(slope);
    int i = row0;
    for (; i + 4 <= row1; i += 4)
        small_k_rows(4, KK, transA, N, alpha, A, lda, packedB, panel_stride, beta, C, ldc, i, bias,
                     relu, mode, unit, gate, ldg, vs);
    for (; i < row1; i++)
        small_k_rows(1, KK, transA, N, alpha, A, lda, packedB, panel_stride, beta, C, ldc, i, bias,
                     relu, mode, unit, gate, ldg, vs);
}

static ALWAYS_INLINE TARGET void small_k_epilogue(const int KK, int transA, int N, float alpha,
                                                  const float *A, int lda, const float *packedB,
                                                  float beta, float *C, int ldc, int row0,
                                                  int row1, const float *bias, int relu,
                                                  const float *gate, long ldg, float slope) {
    if (beta == 0.0f && alpha == 1.0f && !gate) {
        // The common case (a layer's product), with the bias and clamp switches as constants.
        if (bias && relu)
            small_k_all(KK, transA, N, alpha, A, lda, packedB, beta, C, ldc, row0, row1, bias, 1, NASH_GEMM_OVERWRITE, 1, NULL, 0, 0.0f);
        else if (bias)
            small_k_all(KK, transA, N, alpha, A, lda, packedB, beta, C, ldc, row0, row1, bias, 0, NASH_GEMM_OVERWRITE, 1, NULL, 0, 0.0f);
        else
            small_k_all(KK, transA, N, alpha, A, lda, packedB, beta, C, ldc, row0, row1, NULL, relu, NASH_GEMM_OVERWRITE, 1, NULL, 0, 0.0f);
    } else {
        int mode = beta == 0.0f ? NASH_GEMM_OVERWRITE : NASH_GEMM_SCALE;
        small_k_all(KK, transA, N, alpha, A, lda, packedB, beta, C, ldc, row0, row1, bias, relu, mode, alpha == 1.0f, gate, ldg, slope);
    }
}

TARGET void nash_sgemm_small_k_avx512(int transA, int N, int K, float alpha, const float *A,
                                      int lda, const float *packedB, float beta, float *C, int ldc,
                                      int row0, int row1, const float *bias, int relu,
                                      const float *gate, long ldg, float slope) {
    switch (K) {
    case 1: small_k_epilogue(1, transA, N, alpha, A, lda, packedB, beta, C, ldc, row0, row1, bias, relu, gate, ldg, slope); break;
    case 2: small_k_epilogue(2, transA, N, alpha, A, lda, packedB, beta, C, ldc, row0, row1, bias, relu, gate, ldg, slope); break;
    case 3: small_k_epilogue(3, transA, N, alpha, A, lda, packedB, beta, C, ldc, row0, row1, bias, relu, gate, ldg, slope); break;
    case 4: small_k_epilogue(4, transA, N, alpha, A, lda, packedB, beta, C, ldc, row0, row1, bias, relu, gate, ldg, slope); break;
    default: break;
    }
}

/// R rows (R <= 4) of C for any K, op(B)'s 16 floats (k, 16v ..) at b + k * bks + v * bvs; NV
/// vectors (16 NV columns) at a time, every k-block of K finished before the next columns.
static ALWAYS_INLINE TARGET void small_m_rows(const int R, const int NV, int transA, int N, int K,
                                              int kc, float alpha, const float *A, int lda,
                                              const float *b, size_t bks, size_t bvs, float beta,
                                              float *C, int ldc, int i, const float *bias,
                                              int relu, const float *gate, long ldg, float slope) {
    __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta), vs = _mm512_set1_ps(slope);
    const int unit = alpha == 1.0f;
    for (int j0 = 0; j0 < N; j0 += 16 * NV) {
        int vectors = (N - j0 + 15) / 16 < NV ? (N - j0 + 15) / 16 : NV;
        int tail = N - j0 - 16 * (vectors - 1);   // columns in the last vector, 1 ... 16
        __mmask16 last = tail >= 16 ? 0xffff : (__mmask16)((1u << tail) - 1);
        for (int pc = 0; pc < K; pc += kc) {
            int kcur = K - pc < kc ? K - pc : kc;
            int mode = pc > 0 ? NASH_GEMM_ACCUMULATE : (beta == 0.0f ? NASH_GEMM_OVERWRITE : NASH_GEMM_SCALE);
            __m512 acc[4][8];
#pragma clang loop unroll(full)
            for (int r = 0; r < R; r++)
#pragma clang loop unroll(full)
                for (int v = 0; v < NV; v++) acc[r][v] = _mm512_setzero_ps();
            if (vectors == NV && tail >= 16) {
                // Whole vectors only: no masks, no tests in the loop.
                for (int k = pc; k < pc + kcur; k++) {
                    __m512 ak[4];
#pragma clang loop unroll(full)
                    for (int r = 0; r < R; r++)
                        ak[r] = _mm512_set1_ps(transA ? A[(size_t)k * lda + i + r] : A[(size_t)(i + r) * lda + k]);
                    const float *bk = b + (size_t)k * bks + (size_t)(j0 / 16) * bvs;
#pragma clang loop unroll(full)
                    for (int v = 0; v < NV; v++) {
                        __m512 bv = _mm512_loadu_ps(bk + v * bvs);
#pragma clang loop unroll(full)
                        for (int r = 0; r < R; r++) acc[r][v] = _mm512_fmadd_ps(ak[r], bv, acc[r][v]);
                    }
                }
            } else {
                for (int k = pc; k < pc + kcur; k++) {
                    __m512 ak[4];
#pragma clang loop unroll(full)
                    for (int r = 0; r < R; r++)
                        ak[r] = _mm512_set1_ps(transA ? A[(size_t)k * lda + i + r] : A[(size_t)(i + r) * lda + k]);
                    const float *bk = b + (size_t)k * bks + (size_t)(j0 / 16) * bvs;
#pragma clang loop unroll(full)
                    for (int v = 0; v < NV; v++) {
                        if (v < vectors) {
                            __m512 bv = v == vectors - 1 ? _mm512_maskz_loadu_ps(last, bk + v * bvs)
                                                         : _mm512_loadu_ps(bk + v * bvs);
#pragma clang loop unroll(full)
                            for (int r = 0; r < R; r++) acc[r][v] = _mm512_fmadd_ps(ak[r], bv, acc[r][v]);
                        }
                    }
                }
            }
            int final = pc + kcur == K;
            const float *bj = final && bias ? bias + j0 : NULL;
#pragma clang loop unroll(full)
            for (int r = 0; r < R; r++) {
                float *ci = C + (size_t)(i + r) * ldc + j0;
#pragma clang loop unroll(full)
                for (int v = 0; v < NV; v++) {
                    if (v < vectors) {
                        int full = v < vectors - 1 || tail >= 16;
                        store_combined(ci + 16 * v, acc[r][v], va, vb, mode, full, full ? 0xffff : last,
                                       bj ? bj + 16 * v : NULL, final && relu, unit,
                                       final && gate ? gate + (size_t)(i + r) * ldg + j0 + 16 * v : NULL, vs);
                    }
                }
            }
        }
    }
}

TARGET void nash_sgemm_small_m_avx512(int transA, int N, int K, int kc, float alpha,
                                      const float *A, int lda, const float *b, size_t bks,
                                      size_t bvs, float beta, float *C, int ldc, int row0, int row1,
                                      const float *bias, int relu, const float *gate, long ldg,
                                      float slope) {
    switch (row1 - row0) {
    case 1: small_m_rows(1, 8, transA, N, K, kc, alpha, A, lda, b, bks, bvs, beta, C, ldc, row0, bias, relu, gate, ldg, slope); break;
    case 2: small_m_rows(2, 8, transA, N, K, kc, alpha, A, lda, b, bks, bvs, beta, C, ldc, row0, bias, relu, gate, ldg, slope); break;
    case 3: small_m_rows(3, 6, transA, N, K, kc, alpha, A, lda, b, bks, bvs, beta, C, ldc, row0, bias, relu, gate, ldg, slope); break;
    case 4: small_m_rows(4, 6, transA, N, K, kc, alpha, A, lda, b, bks, bvs, beta, C, ldc, row0, bias, relu, gate, ldg, slope); break;
    default: break;
    }
}

/// Transposes the 16 x 16 block held in r[0..15] (row i in r[i]) in place: afterwards r[j] holds
/// column j. Three rounds: pairs of rows interleaved, 4 x 4 blocks within each 128-bit lane, then
/// 128-bit lanes across registers.
static ALWAYS_INLINE TARGET void transpose16(__m512 r[16]) {
    __m512 t[16];
#pragma clang loop unroll(full)
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    // r[4g + q]: column 4L + q of rows 4g .. 4g + 3 in lane L.
#pragma clang loop unroll(full)
    for (int g = 0; g < 4; g++) {
        r[4 * g + 0] = _mm512_shuffle_ps(t[4 * g], t[4 * g + 2], 0x44);
        r[4 * g + 1] = _mm512_shuffle_ps(t[4 * g], t[4 * g + 2], 0xee);
        r[4 * g + 2] = _mm512_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0x44);
        r[4 * g + 3] = _mm512_shuffle_ps(t[4 * g + 1], t[4 * g + 3], 0xee);
    }
#pragma clang loop unroll(full)
    for (int q = 0; q < 4; q++) {
        t[q] = _mm512_shuffle_f32x4(r[q], r[4 + q], 0x88);       // lanes 0, 2 of rows 0-3, 4-7
        t[4 + q] = _mm512_shuffle_f32x4(r[q], r[4 + q], 0xdd);   // lanes 1, 3
        t[8 + q] = _mm512_shuffle_f32x4(r[8 + q], r[12 + q], 0x88);
        t[12 + q] = _mm512_shuffle_f32x4(r[8 + q], r[12 + q], 0xdd);
    }
#pragma clang loop unroll(full)
    for (int q = 0; q < 4; q++) {
        r[q] = _mm512_shuffle_f32x4(t[q], t[8 + q], 0x88);           // column q
        r[4 + q] = _mm512_shuffle_f32x4(t[4 + q], t[12 + q], 0x88);  // column 4 + q
        r[8 + q] = _mm512_shuffle_f32x4(t[q], t[8 + q], 0xdd);       // column 8 + q
        r[12 + q] = _mm512_shuffle_f32x4(t[4 + q], t[12 + q], 0xdd); // column 12 + q
    }
}

TARGET void nash_sgemm_pack_b_avx512(int transB, int N, int K, const float *B, int ldb,
                                     float *packed, int panel0, int panel1) {
    for (int p = panel0; p < panel1; p++) {
        float *dst = packed + (size_t)p * K * NR;
        int j0 = p * NR;
        int cols = N - j0 < NR ? N - j0 : NR;
        __mmask16 mask = cols >= 16 ? 0xffff : (__mmask16)((1u << cols) - 1);
        if (!transB) {
            const float *src = B + j0;
            for (int k = 0; k < K; k++)
                _mm512_store_ps(dst + (size_t)k * NR, _mm512_maskz_loadu_ps(mask, src + (size_t)k * ldb));
            continue;
        }
        // op(B)[k, j] = B[j, k]: 16 rows of B (zero past cols) by 16 k at a time, transposed.
        const float *src = B + (size_t)j0 * ldb;
        int k = 0;
        for (; k + 16 <= K; k += 16) {
            __m512 r[16];
#pragma clang loop unroll(full)
            for (int c = 0; c < 16; c++)
                r[c] = c < cols ? _mm512_loadu_ps(src + (size_t)c * ldb + k) : _mm512_setzero_ps();
            transpose16(r);
#pragma clang loop unroll(full)
            for (int t = 0; t < 16; t++) _mm512_store_ps(dst + (size_t)(k + t) * NR, r[t]);
        }
        for (; k < K; k++) {
            float *d = dst + (size_t)k * NR;
            for (int c = 0; c < NR; c++) d[c] = c < cols ? src[(size_t)c * ldb + k] : 0.0f;
        }
    }
}

// ---------------------------------------------------------------------------------------------------
// Segmented products (nash_sgemm_tile_segments): C = sum over segments s of A_s op(B)_s, each
// segment one k-block. A 6 x 32 tile keeps C in 12 zmm and the segment's chains in 12 more, so C is
// read and written once however many segments there are (a filter gradient of one-pixel images has
// one FMA per element per segment). Per element: acc = fma(a_ik, b_kj, acc) over the segment from
// +0, then c = acc (first segment, OVERWRITE) or c = acc + c (SCALE: c = beta * c first), the
// epilogue of the tile path with alpha = 1, so the same bits as one tile product per segment.
// ---------------------------------------------------------------------------------------------------

static ALWAYS_INLINE TARGET void segments_tile(const int PANELS, int segments, int seg_len,
                                               const float *a, long lda, long seg_strideA, int mr,
                                               const float *b0, const float *b1, float *c, long ldc,
                                               int nr, float beta, int mode) {
    __mmask16 m0 = (__mmask16)(nr >= 16 ? 0xffff : (1u << nr) - 1);
    __mmask16 m1 = (__mmask16)(nr >= 32 ? 0xffff : nr > 16 ? (1u << (nr - 16)) - 1 : 0);
    __m512 vbeta = _mm512_set1_ps(beta);
    __m512 cr[6][2];
    long rows[6];
#pragma clang loop unroll(full)
    for (int i = 0; i < 6; i++) {
        // Rows past mr repeat row 0 (valid memory) and are never stored.
        rows[i] = (i < mr ? i : 0) * lda;
        cr[i][0] = _mm512_setzero_ps();
        cr[i][1] = _mm512_setzero_ps();
        if (mode != NASH_GEMM_OVERWRITE && i < mr) {
            cr[i][0] = _mm512_maskz_loadu_ps(m0, c + (size_t)i * ldc);
            if (PANELS == 2) cr[i][1] = _mm512_maskz_loadu_ps(m1, c + (size_t)i * ldc + 16);
            if (mode == NASH_GEMM_SCALE) {
                cr[i][0] = _mm512_mul_ps(vbeta, cr[i][0]);
                cr[i][1] = _mm512_mul_ps(vbeta, cr[i][1]);
            }
        }
    }
    for (int s = 0; s < segments; s++) {
        const float *as = a + (size_t)s * seg_strideA;
        __m512 acc[6][2];
#pragma clang loop unroll(full)
        for (int i = 0; i < 6; i++) {
            acc[i][0] = _mm512_setzero_ps();
            acc[i][1] = _mm512_setzero_ps();
        }
        for (int p = 0; p < seg_len; p++) {
            __m512 v0 = _mm512_load_ps(b0), v1 = PANELS == 2 ? _mm512_load_ps(b1) : v0;
#pragma clang loop unroll(full)
            for (int i = 0; i < 6; i++) {
                __m512 ai = _mm512_set1_ps(as[rows[i] + p]);
                acc[i][0] = _mm512_fmadd_ps(ai, v0, acc[i][0]);
                if (PANELS == 2) acc[i][1] = _mm512_fmadd_ps(ai, v1, acc[i][1]);
            }
            b0 += NR;
            b1 += NR;
        }
        if (s == 0 && mode == NASH_GEMM_OVERWRITE) {
#pragma clang loop unroll(full)
            for (int i = 0; i < 6; i++) {
                cr[i][0] = acc[i][0];
                cr[i][1] = acc[i][1];
            }
        } else {
#pragma clang loop unroll(full)
            for (int i = 0; i < 6; i++) {
                cr[i][0] = _mm512_add_ps(acc[i][0], cr[i][0]);
                if (PANELS == 2) cr[i][1] = _mm512_add_ps(acc[i][1], cr[i][1]);
            }
        }
    }
    for (int i = 0; i < mr; i++) {
        _mm512_mask_storeu_ps(c + (size_t)i * ldc, m0, cr[i][0]);
        if (PANELS == 2) _mm512_mask_storeu_ps(c + (size_t)i * ldc + 16, m1, cr[i][1]);
    }
}

TARGET void nash_segments_avx512(int segments, int seg_len, const float *A, int lda, long seg_strideA,
                                 const float *packedB, float beta, float *C, int ldc, int row0,
                                 int row1, int col0, int col1, int K) {
    int mode = beta == 0.0f ? NASH_GEMM_OVERWRITE : NASH_GEMM_SCALE;
    for (int jr = col0; jr < col1; jr += 2 * NR) {
        int nr = col1 - jr < 2 * NR ? col1 - jr : 2 * NR;
        const float *b0 = packedB + (size_t)(jr / NR) * K * NR;
        const float *b1 = b0 + (size_t)K * NR;
        for (int ir = row0; ir < row1; ir += 6) {
            int mr = row1 - ir < 6 ? row1 - ir : 6;
            const float *a = A + (size_t)ir * lda;
            float *c = C + (size_t)ir * ldc + jr;
            if (nr > NR) segments_tile(2, segments, seg_len, a, lda, seg_strideA, mr, b0, b1, c, ldc, nr, beta, mode);
            else segments_tile(1, segments, seg_len, a, lda, seg_strideA, mr, b0, b0, c, ldc, nr, beta, mode);
        }
    }
}

/// 24 independent chains of 16-wide FMAs, as many as the micro-kernel keeps in flight.
TARGET static double peak_loop(long iterations) {
    __m512 x[24];
#pragma clang loop unroll(full)
    for (int i = 0; i < 24; i++) x[i] = _mm512_set1_ps(1.0f + 0.1f * (float)i);
    // NB: m * x + d with m slightly below 1 and d > 0 converges to d / (1 - m): no overflow,
    // no denormals, and the compiler cannot fold the chain.
    volatile float mv = 0.9999f, dv = 1e-4f;
    __m512 m = _mm512_set1_ps(mv), d = _mm512_set1_ps(dv);
    for (long n = 0; n < iterations; n++) {
#pragma clang loop unroll(full)
        for (int i = 0; i < 24; i++) x[i] = _mm512_fmadd_ps(m, x[i], d);
    }
    __m512 s = _mm512_setzero_ps();
#pragma clang loop unroll(full)
    for (int i = 0; i < 24; i++) s = _mm512_add_ps(s, x[i]);
    return (double)_mm512_reduce_add_ps(s);
}

double nash_fma512_peak_probe(long iterations) {
    if (!nash_kernel_available(NASH_KERNEL_AVX512)) return __builtin_nan("");
    return peak_loop(iterations);
}

#else

double nash_fma512_peak_probe(long iterations) {
    (void)iterations;
    return __builtin_nan("");
}

#endif
