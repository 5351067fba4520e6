import Foundation
import Testing

/// A small deterministic generator for test data, independent of the engine's Philox: SplitMix64
/// (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA) for bits,
/// Box–Muller for normals.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on [0, 1) with 53 random bits.
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform integer in 0..<n (the modulo bias, below n/2⁶⁴, is irrelevant here).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// Standard normal by Box–Muller: √(−2 ln u₁)·cos(2π u₂), u₁ ∈ (0, 1].
    mutating func normal() -> Double {
        let u1 = 1 - uniform(), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

@Test func splitMix64MatchesItsReferenceOutputs() {
    // Published outputs of SplitMix64 (Vigna's splitmix64.c) for seeds 0 and 1234567.
    var zero = SplitMix64(seed: 0)
    #expect(zero.next() == 0xE220_A839_7B1D_CDAF)
    var g = SplitMix64(seed: 1_234_567)
    #expect([g.next(), g.next(), g.next()] == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973,
                                               9_817_491_932_198_370_423])
}

@Test func boxMullerNormalsHaveUnitMoments() {
    var g = SplitMix64(seed: 7)
    let n = 100_000
    let x = (0..<n).map { _ in g.normal() }
    let mean = x.reduce(0, +) / Double(n)
    let variance = x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
    // Standard errors: 1/√n = 0.0032 for the mean, √(2/n) = 0.0045 for the variance; allow 5 of each.
    #expect(abs(mean) < 0.016)
    #expect(abs(variance - 1) < 0.023)
}
