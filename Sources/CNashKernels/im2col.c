// im2col and its adjoint col2im for the convolutions (Sources/NashEngine/Tensor/Conv.swift).
//
// im2col only copies (and writes zeros), so every path gives the same bits. col2im adds: each pixel
// receives its terms in the order (a, b) ascending, one term per kernel offset (a, b) at most (the
// output position (i, j) that reads pixel (ih, iw) through (a, b) is unique), and the AVX-512 path
// adds the same terms in the same order, one IEEE addition each, in lanes that never mix.
//
// The AVX-512 paths handle strides 1 and 2 (every layer of a DCGAN): an output row of Wo values reads
// the input row at iw = j * stride + offset; for stride 2 two 16-float loads of the input row are
// compacted to their even lanes (or a row of cols is spread to even lanes for col2im). Loads and
// stores are masked to the valid range, so nothing outside a row is read or written.
#pragma STDC FP_CONTRACT OFF

#include "gemm_internal.h"

#include <string.h>

/// The output positions j in [0, count) whose input j * stride + offset lies in [0, size).
static void valid_range(int count, int size, int offset, int stride, int *lo, int *hi) {
    int l = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
    int top = size - 1 - offset;
    int h = top < 0 ? 0 : top / stride + 1;
    if (h > count) h = count;
    if (l > h) l = h;
    *lo = l;
    *hi = h;
}

static void im2col_row_scalar(const float *src, int stride, int wo, int lo, int hi, float *dst) {
    for (int j = 0; j < lo; j++) dst[j] = 0.0f;
    for (int j = lo; j < hi; j++) dst[j] = src[(long)j * stride];
    for (int j = hi; j < wo; j++) dst[j] = 0.0f;
}

static void col2im_row_scalar(const float *src, int stride, int lo, int hi, float *dst) {
    for (int j = lo; j < hi; j++) dst[(long)j * stride] += src[j];
}

#ifdef NASH_HAVE_AVX512_KERNEL
#include <immintrin.h>
#define TARGET __attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma")))

/// Lanes [lo, hi) of a 16-lane mask (empty when hi <= lo); lo, hi clamped to [0, 16].
static inline __mmask16 lanes(int lo, int hi) {
    if (lo < 0) lo = 0;
    if (hi > 16) hi = 16;
    if (hi <= lo) return 0;
    return (__mmask16)(((1u << (hi - lo)) - 1u) << lo);
}

/// Rows [row0, row1) of im2col for strides 1 and 2 and any width: each output row of cols (wo values)
/// is one masked load (stride 1) or two masked loads compacted to their even lanes (stride 2) per
/// 16 values, and one masked store. The masks depend on the row's (a, b) only, so they are computed
/// once per row of cols, not per image row.
TARGET static void im2col_avx512(const nash_conv_geometry *g, const float *x, int count, float *cols,
                                 long ld, int row0, int row1) {
    const __m512i even = _mm512_set_epi32(30, 28, 26, 24, 22, 20, 18, 16, 14, 12, 10, 8, 6, 4, 2, 0);
    const int s = g->stride, wo = g->wo, chunks = (wo + 15) / 16;
    long plane = (long)g->h * g->w, image = (long)g->c * plane, pixels = (long)g->ho * wo;
    for (int row = row0; row < row1; row++) {
        int ch = row / (g->kh * g->kw), a = (row / g->kw) % g->kh, b = row % g->kw;
        int ilo, ihi, jlo, jhi;
        valid_range(g->ho, g->h, a - g->pad, s, &ilo, &ihi);
        valid_range(wo, g->w, b - g->pad, s, &jlo, &jhi);
        if (chunks == 1) {
            // Rows of at most 16 values (every layer of a DCGAN on 28 x 28 images): the masks
            // hoisted out of the image and row loops. NB: folding this into the loop below with
            // per-chunk mask arrays ran dcgan28 7% slower (6.84 -> 6.36 steps/s, one thread).
            const __mmask16 store = lanes(0, wo);
            const int lo2 = s * jlo, hi2 = s * (jhi - 1) + 1;
            const __mmask16 m0 = lanes(lo2, hi2), m1 = lanes(lo2 - 16, hi2 - 16);
            for (int n = 0; n < count; n++) {
                const float *in = x + n * image + ch * plane + (a - g->pad) * g->w + (b - g->pad);
                float *out = cols + row * ld + n * pixels;
                memset(out, 0, sizeof(float) * (size_t)ilo * wo);
                if (s == 1) {
                    for (int i = ilo; i < ihi; i++)
                        _mm512_mask_storeu_ps(out + (long)i * wo, store, _mm512_maskz_loadu_ps(m0, in + (long)i * g->w));
                } else {
                    for (int i = ilo; i < ihi; i++) {
                        const float *src = in + (long)i * 2 * g->w;
                        __m512 v0 = _mm512_maskz_loadu_ps(m0, src), v1 = _mm512_maskz_loadu_ps(m1, src + 16);
                        _mm512_mask_storeu_ps(out + (long)i * wo, store, _mm512_permutex2var_ps(v0, even, v1));
                    }
                }
                memset(out + (long)ihi * wo, 0, sizeof(float) * (size_t)(g->ho - ihi) * wo);
            }
            continue;
        }
        for (int n = 0; n < count; n++) {
            const float *in = x + n * image + ch * plane;
            float *out = cols + row * ld + n * pixels;
            memset(out, 0, sizeof(float) * (size_t)ilo * wo);
            for (int i = ilo; i < ihi; i++) {
                // src[t] is element t + b - pad of the input row read by output row i.
                const float *src = in + (long)(i * s - g->pad + a) * g->w + (b - g->pad);
                float *dst = out + (long)i * wo;
                for (int q = 0; q < chunks; q++) {
                    int j0 = 16 * q;
                    __mmask16 store = lanes(0, wo - j0);
                    if (s == 1) {
                        _mm512_mask_storeu_ps(dst + j0, store, _mm512_maskz_loadu_ps(lanes(jlo - j0, jhi - j0), src + j0));
                    } else {
                        // Lanes t = 0..31 hold element 2 * j0 + t; output j0 + t / 2 for even t.
                        int lo2 = 2 * (jlo - j0), hi2 = 2 * (jhi - j0) - 1;
                        __m512 v0 = _mm512_maskz_loadu_ps(lanes(lo2, hi2), src + 2 * j0);
                        __m512 v1 = _mm512_maskz_loadu_ps(lanes(lo2 - 16, hi2 - 16), src + 2 * j0 + 16);
                        _mm512_mask_storeu_ps(dst + j0, store, _mm512_permutex2var_ps(v0, even, v1));
                    }
                }
            }
            memset(out + (long)ihi * wo, 0, sizeof(float) * (size_t)(g->ho - ihi) * wo);
        }
    }
}

/// Planes [plane0, plane1) of col2im for strides 1 and 2 and images up to 32 pixels wide: each row
/// of the output plane is summed in registers (two 16-lane vectors) over (a, b) ascending and
/// stored once. Lane t of vector v is column iw = 16 v + t; the term of (a, b) there is column
/// j = (iw + pad - b) / stride of cols row (ch, a, b) at output row i, where that is a whole
/// number in [0, wo): a permutation of that cols row (up to 32 values) with a mask, fixed per
/// (v, b) and computed once.
TARGET static void col2im_avx512(const nash_conv_geometry *g, const float *cols, long ld, float *x,
                                 int plane0, int plane1) {
    const int s = g->stride, w = g->w, wo = g->wo, kw = g->kw, vectors = (w + 15) / 16;
    __m512i index[16][2];
    __mmask16 mask[16][2];
    for (int b = 0; b < kw; b++)
        for (int v = 0; v < 2; v++) {
            int idx[16];
            __mmask16 m = 0;
            for (int t = 0; t < 16; t++) {
                int iw = 16 * v + t, num = iw + g->pad - b;
                idx[t] = 0;
                if (iw < w && num >= 0 && num % s == 0 && num / s < wo) {
                    idx[t] = num / s;
                    m |= (__mmask16)(1u << t);
                }
            }
            index[b][v] = _mm512_loadu_si512(idx);
            mask[b][v] = m;
        }
    const __mmask16 src0 = lanes(0, wo), src1 = lanes(0, wo - 16);
    long plane = (long)g->h * w, pixels = (long)g->ho * wo;
    for (int p = plane0; p < plane1; p++) {
        int n = p / g->c, ch = p % g->c;
        float *out = x + p * plane;
        for (int ih = 0; ih < g->h; ih++) {
            __m512 acc0 = _mm512_setzero_ps(), acc1 = _mm512_setzero_ps();
            for (int a = 0; a < g->kh; a++) {
                int num = ih + g->pad - a;
                if (num < 0 || num % s != 0 || num / s >= g->ho) continue;
                const float *rows = cols + (long)((ch * g->kh + a) * kw) * ld + n * pixels + (long)(num / s) * wo;
                for (int b = 0; b < kw; b++) {
                    const float *src = rows + (long)b * ld;
                    __m512 s0 = _mm512_maskz_loadu_ps(src0, src), s1 = _mm512_maskz_loadu_ps(src1, src + 16);
                    acc0 = _mm512_mask_add_ps(acc0, mask[b][0], acc0, _mm512_permutex2var_ps(s0, index[b][0], s1));
                    if (vectors > 1)
                        acc1 = _mm512_mask_add_ps(acc1, mask[b][1], acc1, _mm512_permutex2var_ps(s0, index[b][1], s1));
                }
            }
            _mm512_mask_storeu_ps(out + (long)ih * w, lanes(0, w), acc0);
            if (vectors > 1) _mm512_mask_storeu_ps(out + (long)ih * w + 16, lanes(0, w - 16), acc1);
        }
    }
}
#endif

void nash_im2col(const nash_conv_geometry *g, const float *x, int count, float *cols, long ld,
                 int row0, int row1) {
#ifdef NASH_HAVE_AVX512_KERNEL
    if ((g->stride == 1 || g->stride == 2) && nash_kernel_available(NASH_KERNEL_AVX512)) {
        im2col_avx512(g, x, count, cols, ld, row0, row1);
        return;
    }
#endif
    long plane = (long)g->h * g->w, image = (long)g->c * plane, pixels = (long)g->ho * g->wo;
    for (int row = row0; row < row1; row++) {
        int ch = row / (g->kh * g->kw), a = (row / g->kw) % g->kh, b = row % g->kw;
        int ilo, ihi, jlo, jhi;
        valid_range(g->ho, g->h, a - g->pad, g->stride, &ilo, &ihi);
        valid_range(g->wo, g->w, b - g->pad, g->stride, &jlo, &jhi);
        for (int n = 0; n < count; n++) {
            const float *in = x + n * image + ch * plane;
            float *out = cols + row * ld + n * pixels;
            memset(out, 0, sizeof(float) * (size_t)ilo * g->wo);
            for (int i = ilo; i < ihi; i++) {
                const float *src = in + (long)(i * g->stride - g->pad + a) * g->w + (b - g->pad);
                float *dst = out + (long)i * g->wo;
                im2col_row_scalar(src, g->stride, g->wo, jlo, jhi, dst);
            }
            memset(out + (long)ihi * g->wo, 0, sizeof(float) * (size_t)(g->ho - ihi) * g->wo);
        }
    }
}

void nash_col2im(const nash_conv_geometry *g, const float *cols, long ld, float *x, int plane0,
                 int plane1) {
#ifdef NASH_HAVE_AVX512_KERNEL
    if ((g->stride == 1 || g->stride == 2) && g->w <= 32 && g->wo <= 32 && g->kw <= 16
        && nash_kernel_available(NASH_KERNEL_AVX512)) {
        col2im_avx512(g, cols, ld, x, plane0, plane1);
        return;
    }
#endif
    long plane = (long)g->h * g->w, pixels = (long)g->ho * g->wo;
    for (int p = plane0; p < plane1; p++) {
        int n = p / g->c, ch = p % g->c;
        float *out = x + p * plane;
        memset(out, 0, sizeof(float) * (size_t)plane);
        for (int a = 0; a < g->kh; a++) {
            int ilo, ihi;
            valid_range(g->ho, g->h, a - g->pad, g->stride, &ilo, &ihi);
            for (int b = 0; b < g->kw; b++) {
                int jlo, jhi;
                valid_range(g->wo, g->w, b - g->pad, g->stride, &jlo, &jhi);
                const float *row = cols + (long)((ch * g->kh + a) * g->kw + b) * ld + n * pixels;
                for (int i = ilo; i < ihi; i++) {
                    float *dst = out + (long)(i * g->stride - g->pad + a) * g->w + (b - g->pad);
                    const float *src = row + (long)i * g->wo;
                    col2im_row_scalar(src, g->stride, jlo, jhi, dst);
                }
            }
        }
    }
}
