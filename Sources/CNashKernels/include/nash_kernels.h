// Numerical kernels of the Nash engine, in C so that an AVX2/FMA path can be chosen at run time
// without unsafe compiler flags (`__attribute__((target("avx2,fma")))`).
#ifndef NASH_KERNELS_H
#define NASH_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// C[M,N] = alpha * op(A)[M,K] · op(B)[K,N] + beta * C, row-major, op = transpose when trans* != 0.
/// lda/ldb/ldc are row strides in elements of the stored (untransposed) matrices.
/// Computes only the rows [row0, row1) of C, so callers can split work over output tiles; the
/// summation order of every element is fixed and independent of how rows are split.
void nash_sgemm_rows(int transA, int transB, int M, int N, int K, float alpha,
                     const float *A, int lda, const float *B, int ldb, float beta,
                     float *C, int ldc, int row0, int row1);

/// Which micro-kernel nash_sgemm_rows uses on this CPU: "avx2-fma" or "portable".
const char *nash_kernel_name(void);

/// Force the portable kernel (1) or allow the fast one (0); for tests comparing the two.
void nash_kernel_force_portable(int force);

#ifdef __cplusplus
}
#endif
#endif
