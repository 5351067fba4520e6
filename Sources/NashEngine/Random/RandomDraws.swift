import CNashKernels

/// The draws of one `RandomStream` at one step: an addressable sequence where draw `i` depends only
/// on (seed, stream, step, i). Fills write draws `offset ..< offset + count`, so any split of an
/// index range into chunks (or threads) gives the same numbers; large fills are split across
/// `Parallel` threads with identical results.
///
/// Bits to numbers (Philox block b at this step gives words w0..w3):
/// - uniform: draw i is word i % 4 of block i / 4, `u = (w >> 8) · 2⁻²⁴`, so u ∈ [0, 1) takes each
///   of the 2²⁴ multiples of 2⁻²⁴ with equal probability;
/// - normal: Box–Muller (Box & Muller 1958) on word pairs: draws 2j, 2j + 1 come from words
///   (w2j, w2j+1) of the same block, `u = (w2j + ½) · 2⁻³²` ∈ (0, 1), `r = √(−2 ln u)`,
///   `θ = 2π w2j+1 / 2³²`, `z = (r cos θ, r sin θ)`; |z| < 6.77 (the largest r).
///   ln, sin, cos are our own polynomials (Sources/CNashKernels/philox.c), within 4·10⁻⁷ ·
///   max(1, |z|) of the transform in double precision, and the same bits everywhere;
/// - Bernoulli(p): 1 when the uniform draw u < p, else 0: P(1) = ⌈p · 2²⁴⌉ / 2²⁴;
/// - integers below n: draw i is words 2(i % 2), 2(i % 2) + 1 of block i / 2 as a 64-bit x,
///   `⌊x · n / 2⁶⁴⌋` (Lemire's multiply-shift; bias at most n / 2⁶⁴).
///
/// The kinds share the same words: two fills of one stream at one step reuse the same bits. Give
/// each consumer its own stream name (`RandomStream.child`), or disjoint offsets.
public struct RandomDraws: Hashable, Sendable {
    public let key: SIMD2<UInt32>
    public let step: UInt64

    public init(key: SIMD2<UInt32>, step: UInt64) {
        self.key = key
        self.step = step
    }

    /// Philox block `index` at this step (4 words; uniform draws 4·index ..< 4·index + 4).
    public func block(_ index: UInt64) -> SIMD4<UInt32> {
        Philox4x32.block(counter: SIMD4(UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32),
                                        UInt32(truncatingIfNeeded: step), UInt32(truncatingIfNeeded: step >> 32)),
                         key: key)
    }

    /// Uniform draws in [0, 1): `out[j]` = draw `offset + j`.
    public func uniform(into out: UnsafeMutableBufferPointer<Float>, offset: Int = 0) {
        chunked(out, offset) { key, first, count, pointer in
            nash_random_uniform(key, step, first, count, pointer)
        }
    }

    /// Standard normal draws scaled to `mean + std · z`: `out[j]` uses draw `offset + j`.
    public func normal(into out: UnsafeMutableBufferPointer<Float>, mean: Float = 0, std: Float = 1,
                       offset: Int = 0) {
        chunked(out, offset) { key, first, count, pointer in
            nash_random_normal(key, step, first, count, mean, std, pointer)
        }
    }

    /// Bernoulli(p) draws as 0 or 1: `out[j]` uses draw `offset + j`.
    public func bernoulli(into out: UnsafeMutableBufferPointer<Float>, p: Float, offset: Int = 0) {
        precondition(p >= 0 && p <= 1, "Bernoulli probability must be in [0, 1]")
        chunked(out, offset) { key, first, count, pointer in
            nash_random_bernoulli(key, step, first, count, p, pointer)
        }
    }

    /// Uniform integers in 0..<n: `out[j]` is integer draw `offset + j`.
    public func integers(into out: UnsafeMutableBufferPointer<Int>, below n: Int, offset: Int = 0) {
        precondition(n >= 1, "upper bound must be at least 1")
        chunked(out, offset) { key, first, count, pointer in
            pointer.withMemoryRebound(to: Int64.self, capacity: count) {
                nash_random_below(key, step, first, count, UInt64(n), $0)
            }
        }
    }

    public func uniform(count: Int) -> [Float] { fill(count) { uniform(into: $0) } }
    public func normal(count: Int, mean: Float = 0, std: Float = 1) -> [Float] {
        fill(count) { normal(into: $0, mean: mean, std: std) }
    }
    public func bernoulli(count: Int, p: Float) -> [Float] { fill(count) { bernoulli(into: $0, p: p) } }
    public func integers(count: Int, below n: Int) -> [Int] { fill(count) { integers(into: $0, below: n) } }

    /// A uniformly random permutation of 0..<n (Fisher–Yates, Durstenfeld 1964): for t in 0..<n-1,
    /// swap positions t and t + (integer draw t below n - t). Sequential by nature.
    public func permutation(_ n: Int) -> [Int] {
        precondition(n >= 0, "permutation size must be non-negative")
        var out = [Int](repeating: 0, count: n)
        var k = [key[0], key[1]]
        out.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, n > 0 else { return }
            base.withMemoryRebound(to: Int64.self, capacity: n) {
                nash_random_permutation(&k, step, n, $0)
            }
        }
        return out
    }

    /// Draws per chunk when a fill is split across threads (~100 µs of normals per chunk).
    static let chunkSize = 1 << 15

    private func fill<T: Numeric>(_ count: Int, _ body: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
        precondition(count >= 0, "count must be non-negative")
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.initialize(repeating: 0)
            body(buffer)
            initialized = count
        }
    }

    /// Runs `body(key, first, count, pointer)` over consecutive chunks of `out`, in parallel.
    private func chunked<T>(_ out: UnsafeMutableBufferPointer<T>, _ offset: Int,
                            _ body: (UnsafePointer<UInt32>, UInt64, Int, UnsafeMutablePointer<T>) -> Void) {
        precondition(offset >= 0, "offset must be non-negative")
        guard let base = out.baseAddress, out.count > 0 else { return }
        let k = [key[0], key[1]]
        let chunks = (out.count + Self.chunkSize - 1) / Self.chunkSize
        k.withUnsafeBufferPointer { kp in
            Parallel.forEach(chunks) { chunk in
                let start = chunk * Self.chunkSize
                let count = min(Self.chunkSize, out.count - start)
                body(kp.baseAddress!, UInt64(offset + start), count, base + start)
            }
        }
    }
}
