// Private to the GEMM sources: the micro-kernel contract shared by gemm.c, gemm_avx2.c and
// gemm_avx512.c.
#ifndef NASH_GEMM_INTERNAL_H
#define NASH_GEMM_INTERNAL_H

#include "nash_kernels.h"

#define MR NASH_GEMM_MR
#define NR NASH_GEMM_NR
/// Longest k-block. K is cut into ceil(K / KC_MAX) near-equal blocks (see k_block in gemm.c).
#define KC_MAX 256

/// How a micro-kernel combines its k-block sum `acc` with C (the same formula, with the same
/// roundings, in the vector and the scalar edge code of each kernel):
enum nash_gemm_mode {
    NASH_GEMM_OVERWRITE = 0,  ///< first k-block, beta == 0: c = alpha * acc (C is not read)
    NASH_GEMM_SCALE = 1,      ///< first k-block, beta != 0: c = alpha * acc + beta * c
    NASH_GEMM_ACCUMULATE = 2, ///< later k-blocks:           c = alpha * acc + c
};

/// The gate of the epilogue, after the bias and the clamp: t * (g > 0 ? 1 : slope), one rounding
/// (t * 1 is t), as a separate pass over the product would compute it.
static inline float nash_gate(float t, float g, float slope) { return t * (g > 0.0f ? 1.0f : slope); }

/// The last k-block's scalar epilogue after the mode's formula: t + bias[j] when `bias` is not NULL,
/// then the clamp t > 0 ? t : 0 when `relu` (NaN and -0 give +0), each a separate IEEE operation.
/// Every scalar path uses it; the vector paths apply the same two operations lane by lane.
static inline float nash_bias_clamp(float t, const float *bias, int j, int relu) {
    if (bias) t = t + bias[j];
    if (relu) t = t > 0.0f ? t : 0.0f;
    return t;
}

/// Packs rows [i0, i0 + mc) and columns [p0, p0 + kc) of op(A) into ceil(mc / MR) panels of
/// kc x MR floats (k-major; panel p at packed + p * MR * kc), zero-padding the rows past mc.
void nash_pack_a(int transA, const float *A, int lda, int i0, int mc, int p0, int kc,
                 float *packed);

/// Computes the MR x NR tile acc[i][j] = sum_k a[k*MR + i] * b[k*NR + j] (k ascending, from 0) and
/// writes its top-left mr x nr corner into C (row stride ldc) according to `mode`, then, in the
/// last k-block only (the driver passes NULL / 0 before), t = t + bias[j] when `bias` is not NULL
/// (bias points at the tile's first column) and t = t > 0 ? t : 0 when `relu`: each a separate
/// IEEE operation, so the bits are those of adding the bias and clamping in later passes.
/// `b` is 32-byte aligned (a packed B panel).
typedef void (*nash_microkernel)(int kc, const float *a, const float *b, float *c, long ldc,
                                 int mr, int nr, float alpha, float beta, int mode,
                                 const float *bias, int relu);

void nash_microkernel_portable(int kc, const float *a, const float *b, float *c, long ldc,
                               int mr, int nr, float alpha, float beta, int mode,
                               const float *bias, int relu);

#if defined(__x86_64__) || defined(__i386__)
#define NASH_HAVE_AVX2_KERNEL 1
void nash_microkernel_avx2(int kc, const float *a, const float *b, float *c, long ldc,
                           int mr, int nr, float alpha, float beta, int mode,
                           const float *bias, int relu);

/// Rows [row0, row1) of C = alpha op(A) B + beta C for N <= NASH_GEMM_NARROW_N, K >= 1, alpha != 0,
/// where `bcols` holds the N columns of op(B), each K floats contiguous. See gemm_avx2.c for the
/// summation order.
void nash_sgemm_narrow_avx2(int transA, int N, int K, float alpha, const float *A, int lda,
                            const float *bcols, float beta, float *C, int ldc, int row0, int row1,
                            const float *bias, int relu);

#define NASH_HAVE_AVX512_KERNEL 1

/// The AVX-512 kernel's loop over one block of op(A) (mc rows, k-block length kc) and `cols`
/// columns of packed B (`packedB` points at the first column panel's k-block, consecutive panels
/// `panel_stride` = K * NR floats apart): 12 x 32 tiles, with 6-row and 16-column tiles at the
/// edges, writing C[0..<mc, 0..<cols] (row stride ldc) by `mode`, then the bias, clamp and gate
/// (gate rows ldg apart; NULL: none). op(A) is read in place: element (i, k)
/// of the mc x kc block is a[i * rsa + k * csa], with rsa = 1 or csa = 1 (A as stored, or
/// transposed). Full 12-row tiles broadcast straight from A; the last mc % 12 rows are packed into a
/// stack buffer (kc <= 256) and run through the packed tiles. The same bits as the packed kernel.
void nash_macrokernel_avx512_direct(int kc, const float *a, long rsa, long csa, int mc,
                                    const float *packedB, size_t panel_stride, int cols, float *c,
                                    long ldc, float alpha, float beta, int mode, const float *bias,
                                    int relu, const float *gate, long ldg, float slope);

/// nash_sgemm_pack_b with AVX-512 loads, stores and 16 x 16 transposes: the same packed panels.
/// `packed` is 64-byte aligned (the workspace is).
void nash_sgemm_pack_b_avx512(int transB, int N, int K, const float *B, int ldb, float *packed,
                              int panel0, int panel1);

/// Rows [row0, row1) of C = alpha op(A) op(B) + beta C for 1 <= K <= 4, op(B) packed by
/// nash_sgemm_pack_b (64-byte aligned): the tile kernels' bits, four rows at a time.
void nash_sgemm_small_k_avx512(int transA, int N, int K, float alpha, const float *A, int lda,
                               const float *packedB, float beta, float *C, int ldc, int row0,
                               int row1, const float *bias, int relu, const float *gate, long ldg,
                               float slope);

/// C[row0..<row1, col0..<col1] of a segmented product (nash_sgemm_tile_segments) whose segments are
/// one k-block each (seg_len <= KC_MAX), C held in registers across the segments; op(B) packed
/// (K = segments * seg_len), col0 a multiple of 16. The bits of the tile driver.
void nash_segments_avx512(int segments, int seg_len, const float *A, int lda, long seg_strideA,
                          const float *packedB, float beta, float *C, int ldc, int row0, int row1,
                          int col0, int col1, int K);

/// Rows [row0, row1) of C, at most 4 rows, any K (k-blocks of length kc, the driver's): op(B)'s
/// 16 floats (k, 16 v ...) at b + k * bks + v * bvs, i.e. B as stored (bks = ldb, bvs = 16, not
/// transposed) or packed panels (bks = 16, bvs = K * 16). The tile kernels' bits.
void nash_sgemm_small_m_avx512(int transA, int N, int K, int kc, float alpha, const float *A,
                               int lda, const float *b, size_t bks, size_t bvs, float beta, float *C,
                               int ldc, int row0, int row1, const float *bias, int relu,
                               const float *gate, long ldg, float slope);
#endif

#endif
