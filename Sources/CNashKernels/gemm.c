// Provisional reference GEMM: a plain triple loop with a fixed summation order (k ascending).
// The blocked AVX2/FMA kernel replaces this; its contract is in include/nash_kernels.h.
#include "nash_kernels.h"

static int force_portable = 0;

void nash_kernel_force_portable(int force) { force_portable = force; }
const char *nash_kernel_name(void) { return "portable"; }

void nash_sgemm_rows(int transA, int transB, int M, int N, int K, float alpha,
                     const float *A, int lda, const float *B, int ldb, float beta,
                     float *C, int ldc, int row0, int row1) {
    (void)M;
    for (int i = row0; i < row1; i++) {
        for (int j = 0; j < N; j++) {
            float acc = 0.0f;
            for (int k = 0; k < K; k++) {
                float a = transA ? A[(size_t)k * lda + i] : A[(size_t)i * lda + k];
                float b = transB ? B[(size_t)j * ldb + k] : B[(size_t)k * ldb + j];
                acc += a * b;
            }
            float c = beta == 0.0f ? 0.0f : beta * C[(size_t)i * ldc + j];
            C[(size_t)i * ldc + j] = c + alpha * acc;
        }
    }
}
