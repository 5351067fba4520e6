// Counter-based random numbers: Philox4x32-10 (Salmon, Moraes, Dror & Shaw 2011, "Parallel random
// numbers: as easy as 1, 2, 3", SC'11) and the maps from its 32-bit words to floats and integers.
//
// Every draw is a pure function of (key, step, index), computed tile by tile: TILE_BLOCKS Philox
// blocks into a word buffer, then the transform. The float transforms use only +, -, *, /, sqrt
// and integer-to-float conversion, each rounded once (contraction is off in this file), and our own
// polynomials for ln, sin and cos, so the results are the same bits with or without the AVX2
// variant of the tile functions, on any compiler and platform, for any split of the index range.
#pragma STDC FP_CONTRACT OFF

#include "nash_kernels.h"

#include <stdatomic.h>
#include <string.h>

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u /* golden ratio */
#define PHILOX_W1 0xBB67AE85u /* sqrt(3) - 1 */
#define TILE_BLOCKS 64
#define TILE_WORDS (4 * TILE_BLOCKS)

#define INLINE static inline __attribute__((always_inline))

/// Ten rounds of Philox4x32 on (c0..c3) under (k0, k1), the key bumped by the Weyl constants
/// between rounds.
INLINE void philox_rounds(uint32_t c[4], uint32_t k0, uint32_t k1) {
    uint32_t c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
    for (int r = 0; r < 10; r++) {
        uint64_t p0 = (uint64_t)PHILOX_M0 * c0;
        uint64_t p1 = (uint64_t)PHILOX_M1 * c2;
        uint32_t n0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
        uint32_t n2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
        c1 = (uint32_t)p1;
        c3 = (uint32_t)p0;
        c0 = n0;
        c2 = n2;
        k0 += PHILOX_W0;
        k1 += PHILOX_W1;
    }
    c[0] = c0; c[1] = c1; c[2] = c2; c[3] = c3;
}

void nash_philox4x32_10(const uint32_t counter[4], const uint32_t key[2], uint32_t out[4]) {
    uint32_t c[4] = {counter[0], counter[1], counter[2], counter[3]};
    philox_rounds(c, key[0], key[1]);
    memcpy(out, c, sizeof c);
}

void nash_philox_stream_key(uint64_t seed, const char *name, size_t length, uint32_t key[2]) {
    uint64_t h = 0xcbf29ce484222325ull; // FNV-1a 64: offset basis, then xor and multiply
    for (size_t i = 0; i < length; i++) {
        h ^= (unsigned char)name[i];
        h *= 0x100000001b3ull;
    }
    uint32_t c[4] = {(uint32_t)h, (uint32_t)(h >> 32), 0, 0};
    philox_rounds(c, (uint32_t)seed, (uint32_t)(seed >> 32));
    key[0] = c[0];
    key[1] = c[1];
}

// ---------------------------------------------------------------------------------------------------
// Tile bodies, instantiated twice below (generic and AVX2); integer and once-rounded float
// operations only, so both instances give the same bits.
// ---------------------------------------------------------------------------------------------------

INLINE void blocks_body(uint32_t k0, uint32_t k1, uint64_t step, uint64_t first, int n,
                        uint32_t *restrict out) {
    for (int b = 0; b < n; b++) {
        uint64_t index = first + (uint64_t)b;
        uint32_t c[4] = {(uint32_t)index, (uint32_t)(index >> 32), (uint32_t)step,
                         (uint32_t)(step >> 32)};
        philox_rounds(c, k0, k1);
        out[4 * b] = c[0];
        out[4 * b + 1] = c[1];
        out[4 * b + 2] = c[2];
        out[4 * b + 3] = c[3];
    }
}

/// IEEE square root (correctly rounded) without libm: the builtin lowers to the instruction.
INLINE float sqrt_nonnegative(float x) { return __builtin_elementwise_sqrt(x); }

INLINE float bits_float(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
INLINE uint32_t float_bits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

/// 2 atanh(s) = ln((1 + s) / (1 - s)) = 2 s (1 + s^2/3 + s^4/5 + s^6/7 + s^8/9) for |s| <= 0.1716
/// (truncation below 7e-10 relative).
INLINE float two_atanh(float s) {
    float z = s * s;
    float p = 1.0f / 9.0f;
    p = p * z + 1.0f / 7.0f;
    p = p * z + 1.0f / 5.0f;
    p = p * z + 1.0f / 3.0f;
    p = p * z + 1.0f;
    return (2.0f * s) * p;
}

/// ln u for u in [2^-33, 0.75]: u = 2^e m with m in [sqrt(1/2), sqrt(2)), ln m = 2 atanh((m - 1) /
/// (m + 1)), plus e ln 2 with ln 2 split into a 15-bit head (exact products) and a tail.
INLINE float ln_small(float u) {
    uint32_t bits = float_bits(u);
    int32_t e = (int32_t)(bits >> 23) - 127;
    uint32_t mb = (bits & 0x007FFFFFu) | 0x3F800000u;
    int32_t big = mb >= 0x3FB504F3u; // m >= sqrt(2): use m / 2 and e + 1
    mb -= (uint32_t)big << 23;
    e += big;
    float m = bits_float(mb);
    float fe = (float)e;
    return fe * 0.693145751953125f + (fe * 1.428606765330187e-06f + two_atanh((m - 1.0f) / (m + 1.0f)));
}

/// (w + 1/2) 2^-32 in float without losing the low bits of small w: (w >> 8) 256 is exact, and
/// so is each later sum while the value is below 2^24.
INLINE float word_unit(uint32_t w) {
    return ((float)(int32_t)(w >> 8) * 256.0f + (float)(int32_t)(w & 255u) + 0.5f) * 0x1p-32f;
}

/// Box–Muller on one pair of words: u = (w0 + 1/2) 2^-32 in (0, 1), theta = 2 pi w1 / 2^32.
/// ln u is taken from u itself when u <= 3/4, else from v = 1 - u = (~w0 + 1/2) 2^-32 (exact in
/// float, where u would have lost its low bits) as 2 atanh(-v / (2 - v)). theta is reduced exactly
/// in integers to a quadrant q and x in [-pi/4, pi/4); sin x and cos x are Taylor polynomials to
/// x^9 and x^10 (truncation < 2e-9).
INLINE void box_muller(uint32_t w0, uint32_t w1, float *z0, float *z1) {
    float u = word_unit(w0), v = word_unit(~w0);
    float ln_u = v <= 0.25f ? two_atanh(-v / (2.0f - v)) : ln_small(u);
    float r = sqrt_nonnegative(-2.0f * ln_u);

    uint32_t q = (w1 + 0x20000000u) >> 30;
    int32_t rest = (int32_t)(w1 - (q << 30));
    float x = (float)rest * 1.46291807926715968e-09f; // 2 pi / 2^32
    float x2 = x * x;
    float ps = 1.0f / 362880.0f;
    ps = ps * x2 - 1.0f / 5040.0f;
    ps = ps * x2 + 1.0f / 120.0f;
    ps = ps * x2 - 1.0f / 6.0f;
    float sn = x + (x * x2) * ps;
    float pc = -1.0f / 3628800.0f;
    pc = pc * x2 + 1.0f / 40320.0f;
    pc = pc * x2 - 1.0f / 720.0f;
    pc = pc * x2 + 1.0f / 24.0f;
    pc = pc * x2 - 0.5f;
    float cs = 1.0f + x2 * pc;

    // theta = q pi/2 + x: rotate (cos x, sin x) by q quarter turns.
    float c = (q & 1) ? sn : cs;
    float s = (q & 1) ? cs : sn;
    if ((q + 1) & 2) c = -c; // q = 1, 2
    if (q & 2) s = -s;       // q = 2, 3
    *z0 = r * c;
    *z1 = r * s;
}

INLINE void normal_body(const uint32_t *restrict w, int pairs, float *restrict z) {
    for (int p = 0; p < pairs; p++) box_muller(w[2 * p], w[2 * p + 1], &z[2 * p], &z[2 * p + 1]);
}

// ---------------------------------------------------------------------------------------------------
// Instances and dispatch
// ---------------------------------------------------------------------------------------------------

static void blocks_generic(uint32_t k0, uint32_t k1, uint64_t step, uint64_t first, int n,
                           uint32_t *out) {
    blocks_body(k0, k1, step, first, n, out);
}
static void normal_generic(const uint32_t *w, int pairs, float *z) { normal_body(w, pairs, z); }

#if defined(__x86_64__) || defined(__i386__)
__attribute__((target("avx2"))) static void blocks_avx2(uint32_t k0, uint32_t k1, uint64_t step,
                                                        uint64_t first, int n, uint32_t *out) {
    blocks_body(k0, k1, step, first, n, out);
}
__attribute__((target("avx2"))) static void normal_avx2(const uint32_t *w, int pairs, float *z) {
    normal_body(w, pairs, z);
}
#endif

typedef void (*blocks_fn)(uint32_t, uint32_t, uint64_t, uint64_t, int, uint32_t *);
typedef void (*normal_fn)(const uint32_t *, int, float *);

static atomic_int has_avx2 = -1;

static int use_avx2(void) {
    int v = atomic_load_explicit(&has_avx2, memory_order_relaxed);
    if (v < 0) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_cpu_init();
        v = __builtin_cpu_supports("avx2") != 0;
#else
        v = 0;
#endif
        atomic_store_explicit(&has_avx2, v, memory_order_relaxed);
    }
    return v;
}

static blocks_fn blocks_impl(void) {
#if defined(__x86_64__) || defined(__i386__)
    if (use_avx2()) return blocks_avx2;
#endif
    return blocks_generic;
}

static normal_fn normal_impl(void) {
#if defined(__x86_64__) || defined(__i386__)
    if (use_avx2()) return normal_avx2;
#endif
    return normal_generic;
}

void nash_random_blocks(const uint32_t key[2], uint64_t step, uint64_t first_block, size_t blocks,
                        uint32_t *out) {
    blocks_fn gen = blocks_impl();
    while (blocks > 0) {
        int n = blocks < TILE_BLOCKS ? (int)blocks : TILE_BLOCKS;
        gen(key[0], key[1], step, first_block, n, out);
        first_block += (uint64_t)n;
        blocks -= (size_t)n;
        out += 4 * n;
    }
}

// ---------------------------------------------------------------------------------------------------
// Draws. Each walks the words [first * wpd, (first + count) * wpd) (wpd = words per draw) tile by
// tile: a tile holds the blocks [b, b + TILE_BLOCKS), and draw i reads word i * wpd - 4 b onwards.
// ---------------------------------------------------------------------------------------------------

/// Calls body(words, word0, i0, i1) for each tile, where draws [i0, i1) lie in the tile whose first
/// word has global index word0.
#define FOR_TILES(first, count, words_per_draw, body)                                              \
    do {                                                                                           \
        blocks_fn gen_ = blocks_impl();                                                            \
        uint32_t words[TILE_WORDS];                                                                \
        uint64_t i_ = (first), end_ = (first) + (count);                                           \
        while (i_ < end_) {                                                                        \
            uint64_t block_ = i_ * (words_per_draw) / 4;                                           \
            uint64_t word0 = block_ * 4;                                                           \
            uint64_t stop_ = (word0 + TILE_WORDS) / (words_per_draw);                              \
            if (stop_ > end_) stop_ = end_;                                                        \
            int nblocks_ = (int)((stop_ * (words_per_draw) + 3) / 4 - block_);                     \
            gen_(key[0], key[1], step, block_, nblocks_, words);                                   \
            uint64_t i0 = i_, i1 = stop_;                                                          \
            body;                                                                                  \
            i_ = stop_;                                                                            \
        }                                                                                          \
    } while (0)

INLINE float uniform_of(uint32_t w) { return (float)(int32_t)(w >> 8) * 0x1p-24f; }

void nash_random_uniform(const uint32_t key[2], uint64_t step, uint64_t first, size_t count,
                         float *out) {
    FOR_TILES(first, count, 1, {
        for (uint64_t i = i0; i < i1; i++) out[i - first] = uniform_of(words[i - word0]);
    });
}

void nash_random_bernoulli(const uint32_t key[2], uint64_t step, uint64_t first, size_t count,
                           float p, float *out) {
    FOR_TILES(first, count, 1, {
        for (uint64_t i = i0; i < i1; i++)
            out[i - first] = uniform_of(words[i - word0]) < p ? 1.0f : 0.0f;
    });
}

void nash_random_normal(const uint32_t key[2], uint64_t step, uint64_t first, size_t count,
                        float mean, float std, float *out) {
    normal_fn normals = normal_impl();
    float z[TILE_WORDS];
    FOR_TILES(first, count, 1, {
        // Tiles start on a block boundary, so pairs of words are pairs of draws.
        int pairs = (int)((i1 - word0 + 1) / 2);
        normals(words, pairs, z);
        for (uint64_t i = i0; i < i1; i++) out[i - first] = mean + std * z[i - word0];
    });
}

INLINE uint64_t below_of(const uint32_t *w, uint64_t n) {
    uint64_t x = (uint64_t)w[0] | (uint64_t)w[1] << 32;
    return (uint64_t)(((unsigned __int128)x * n) >> 64);
}

void nash_random_below(const uint32_t key[2], uint64_t step, uint64_t first, size_t count,
                       uint64_t n, int64_t *out) {
    FOR_TILES(first, count, 2, {
        for (uint64_t i = i0; i < i1; i++)
            out[i - first] = (int64_t)below_of(words + (2 * i - word0), n);
    });
}

void nash_random_permutation(const uint32_t key[2], uint64_t step, size_t n, int64_t *out) {
    for (size_t i = 0; i < n; i++) out[i] = (int64_t)i;
    if (n < 2) return;
    FOR_TILES((uint64_t)0, (uint64_t)(n - 1), 2, {
        for (uint64_t t = i0; t < i1; t++) {
            uint64_t j = t + below_of(words + (2 * t - word0), (uint64_t)n - t);
            int64_t swap = out[t];
            out[t] = out[j];
            out[j] = swap;
        }
    });
}
