import Foundation
import NashEngine
import Testing

/// Philox4x32-10 against the published Random123 known-answer vectors (kat_vectors, philox4x32 10),
/// and the stream-key derivation and bit-to-number maps against values computed with an independent
/// Python implementation of the formulas documented in RandomStream and RandomDraws.
@Suite struct PhiloxTests {
    @Test(arguments: [
        (SIMD4<UInt32>(0, 0, 0, 0), SIMD2<UInt32>(0, 0),
         SIMD4<UInt32>(0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8)),
        (SIMD4<UInt32>(repeating: 0xffffffff), SIMD2<UInt32>(repeating: 0xffffffff),
         SIMD4<UInt32>(0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd)),
        (SIMD4<UInt32>(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344), SIMD2<UInt32>(0xa4093822, 0x299f31d0),
         SIMD4<UInt32>(0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1)),
    ])
    func knownAnswers(counter: SIMD4<UInt32>, key: SIMD2<UInt32>, expected: SIMD4<UInt32>) {
        #expect(Philox4x32.block(counter: counter, key: key) == expected)
    }

    @Test(arguments: [
        (UInt64(0), "", SIMD2<UInt32>(0x0b56ab9c, 0xb6171dff)),
        (UInt64(42), "latent", SIMD2<UInt32>(0xdac74f31, 0x187210ba)),
        (UInt64(7), "init/G", SIMD2<UInt32>(0xae834eae, 0x8e13a418)),
        (UInt64(0xdeadbeefcafef00d), "noise/instance", SIMD2<UInt32>(0xb865a5e7, 0x3c17e65d)),
    ])
    func streamKeyDerivationIsPinned(seed: UInt64, name: String, key: SIMD2<UInt32>) {
        #expect(RandomStream(seed: seed, name: name).key == key)
    }

    @Test func blockCounterHoldsIndexAndStep() {
        let draws = RandomStream(seed: 42, name: "latent").at(step: 3)
        let index: UInt64 = 0x1_0000_0005
        let expected = Philox4x32.block(counter: SIMD4(5, 1, 3, 0), key: draws.key)
        #expect(draws.block(index) == expected)
    }

    @Test func uniformMapsTopBitsOfEachWord() {
        let draws = RandomStream(seed: 42, name: "latent").at(step: 3)
        let u = draws.uniform(count: 6)
        #expect(u == [0.6087102890014648, 0.0933961272239685, 0.8179792165756226,
                      0.8976373672485352, 0.6220848560333252, 0.41707396507263184].map(Float.init))
        for i in 0..<6 {
            #expect(u[i] == Float(draws.block(UInt64(i / 4))[i % 4] >> 8) * 0x1p-24)
        }
    }

    @Test func normalMatchesDoublePrecisionBoxMuller() {
        let draws = RandomStream(seed: 42, name: "latent").at(step: 3)
        let expected = [0.8297102198261332, 0.5517304678071819, 0.5072531420465579, -0.3801720826885467,
                        -0.8450557174249094, 0.48501371020489187, -1.11664630467082, -0.02026591846483953]
        let z = draws.normal(count: 8)
        for (got, want) in zip(z, expected) {
            #expect(abs(Double(got) - want) <= 4e-7 * max(1, abs(want)))
        }
    }

    /// The float polynomials against the same transform in double precision (libm), over 2^16
    /// draws: within 4e-7 · max(1, |z|) everywhere, including small r (u near 1).
    @Test func normalPolynomialsAreAccurate() {
        let draws = RandomStream(seed: 8, name: "accuracy").at(step: 0)
        let count = 1 << 16
        let z = draws.normal(count: count)
        var worst = 0.0
        for b in 0..<(count / 4) {
            let w = draws.block(UInt64(b))
            for pair in 0..<2 {
                let u = (Double(w[2 * pair]) + 0.5) * 0x1p-32
                let r = (-2 * Foundation.log(u)).squareRoot()
                let theta = 2 * Double.pi * Double(w[2 * pair + 1]) * 0x1p-32
                for (j, want) in [r * Foundation.cos(theta), r * Foundation.sin(theta)].enumerated() {
                    worst = max(worst, abs(Double(z[4 * b + 2 * pair + j]) - want) / max(1, abs(want)))
                }
            }
        }
        #expect(worst <= 4e-7)
    }

    @Test func integersMatchMultiplyShift() {
        let draws = RandomStream(seed: 42, name: "latent").at(step: 3)
        #expect(draws.integers(count: 8, below: 10) == [0, 8, 4, 5, 8, 3, 3, 4])
    }
}
