import Foundation
import NashEngine
import Testing

/// Properties of the draws. Statistical checks use fixed seeds, so they are deterministic; their
/// tolerances are 5 standard errors of the statistic at the sample size used, which a correct
/// generator exceeds with probability below 1e-6 for a fresh seed (so a failure means a defect).
@Suite struct RandomDrawsTests {
    let n = 1 << 20

    @Test func sameCoordinatesGiveSameDraws() {
        let a = RandomStream(seed: 9, name: "data").at(step: 17).normal(count: 1000)
        let b = RandomStream(seed: 9, name: "data").at(step: 17).normal(count: 1000)
        #expect(a == b)
    }

    @Test(arguments: [
        (UInt64(9), "data", 17), (UInt64(10), "data", 17), (UInt64(9), "data2", 17),
        (UInt64(9), "data", 18), (UInt64(9), "Data", 17), (UInt64(9), "data/child", 17),
    ])
    func differentCoordinatesGiveDifferentDraws(seed: UInt64, name: String, step: Int) {
        let base = RandomStream(seed: 9, name: "data").at(step: 17).uniform(count: 4096)
        let other = RandomStream(seed: seed, name: name).at(step: step).uniform(count: 4096)
        let equal = zip(base, other).filter { $0 == $1 }.count
        if seed == 9 && name == "data" && step == 17 {
            #expect(equal == 4096)
        } else {
            // Independent 24-bit uniforms coincide with probability 2^-24 each.
            #expect(equal <= 2)
        }
    }

    @Test func childIsTheSlashJoinedName() {
        let parent = RandomStream(seed: 3, name: "init")
        #expect(parent.child("G") == RandomStream(seed: 3, name: "init/G"))
        #expect(parent.child("G").key != parent.key)
    }

    @Test func fillsDoNotDependOnChunkingOrThreads() {
        let draws = RandomStream(seed: 1, name: "noise/instance").at(step: 123)
        let count = 200_003
        let whole = draws.normal(count: count, mean: 0.5, std: 2)
        // Irregular pieces, each filled at its own offset.
        var pieces = [Float](repeating: .nan, count: count)
        pieces.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            var size = 1
            while start < count {
                let end = min(count, start + size)
                draws.normal(into: UnsafeMutableBufferPointer(rebasing: buffer[start..<end]),
                             mean: 0.5, std: 2, offset: start)
                start = end
                size = size * 3 + 1
            }
        }
        #expect(pieces == whole)
        for threads in [1, 2, 3] {
            let threaded = Parallel.withThreadCount(threads) {
                (draws.normal(count: count, mean: 0.5, std: 2), draws.uniform(count: count),
                 draws.integers(count: count, below: 1000), draws.bernoulli(count: count, p: 0.25))
            }
            #expect(threaded.0 == whole)
            #expect(threaded.1 == draws.uniform(count: count))
            #expect(threaded.2 == draws.integers(count: count, below: 1000))
            #expect(threaded.3 == draws.bernoulli(count: count, p: 0.25))
        }
    }

    @Test func uniformMoments() {
        let u = RandomStream(seed: 5, name: "moments").at(step: 0).uniform(count: n).map(Double.init)
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = u.reduce(0, +) / Double(n)
        let variance = u.reduce(0) { $0 + ($1 - 0.5) * ($1 - 0.5) } / Double(n)
        // sd(mean) = sqrt(1/12 / n); sd of the mean of (u - 1/2)^2 = sqrt((1/80 - 1/144) / n).
        #expect(abs(mean - 0.5) < 5 * (1.0 / 12 / Double(n)).squareRoot())
        #expect(abs(variance - 1.0 / 12) < 5 * ((1.0 / 80 - 1.0 / 144) / Double(n)).squareRoot())
        // Deciles: each holds n/10 draws, binomial sd sqrt(n 0.1 0.9).
        var bins = [Int](repeating: 0, count: 10)
        for x in u { bins[Int(x * 10)] += 1 }
        for count in bins {
            #expect(abs(Double(count) - Double(n) / 10) < 5 * (Double(n) * 0.09).squareRoot())
        }
    }

    @Test func normalMoments() {
        let z = RandomStream(seed: 5, name: "moments").at(step: 1).normal(count: n).map(Double.init)
        let N = Double(n)
        let mean = z.reduce(0, +) / N
        let m2 = z.reduce(0) { $0 + $1 * $1 } / N
        let m3 = z.reduce(0) { $0 + $1 * $1 * $1 } / N
        let m4 = z.reduce(0) { $0 + $1 * $1 * $1 * $1 } / N
        // Standard errors for N(0, 1): mean 1/sqrt(N), E z^2 sqrt(2/N), E z^3 sqrt(15/N), E z^4 sqrt(96/N).
        #expect(abs(mean) < 5 / N.squareRoot())
        #expect(abs(m2 - 1) < 5 * (2 / N).squareRoot())
        #expect(abs(m3) < 5 * (15 / N).squareRoot())
        #expect(abs(m4 - 3) < 5 * (96 / N).squareRoot())
        // Tails: P(|z| > 2) = 0.0455003, P(|z| > 3) = 0.0026998; binomial standard errors.
        for (t, p) in [(2.0, 0.0455003), (3.0, 0.0026998)] {
            let observed = Double(z.filter { abs($0) > t }.count) / N
            #expect(abs(observed - p) < 5 * (p * (1 - p) / N).squareRoot())
        }
        #expect(z.allSatisfy { abs($0) < 6.78 })
    }

    @Test func normalScalesByMeanAndStd() {
        let draws = RandomStream(seed: 5, name: "scaled").at(step: 2)
        let z = draws.normal(count: 1000)
        let y = draws.normal(count: 1000, mean: -3, std: 0.5)
        for (a, b) in zip(z, y) { #expect(b == -3 + 0.5 * a) }
    }

    @Test func bernoulliFrequenciesAndEdges() {
        let draws = RandomStream(seed: 5, name: "bernoulli").at(step: 0)
        let x = draws.bernoulli(count: n, p: 0.3)
        let u = draws.uniform(count: n)
        #expect(zip(x, u).allSatisfy { $0 == ($1 < 0.3 ? 1 : 0) })
        let frequency = Double(x.reduce(0, +)) / Double(n)
        #expect(abs(frequency - 0.3) < 5 * (0.21 / Double(n)).squareRoot())
        #expect(draws.bernoulli(count: 1000, p: 0).allSatisfy { $0 == 0 })
        #expect(draws.bernoulli(count: 1000, p: 1).allSatisfy { $0 == 1 })
    }

    @Test func integersAreUniformBelowTheBound() {
        let draws = RandomStream(seed: 5, name: "integers").at(step: 0)
        let k = 7
        let x = draws.integers(count: n, below: k)
        #expect(x.allSatisfy { (0..<k).contains($0) })
        var counts = [Int](repeating: 0, count: k)
        for v in x { counts[v] += 1 }
        // Chi-square with 6 degrees of freedom: mean 6, sd sqrt(12); 6 + 5 sd = 23.3.
        let expected = Double(n) / Double(k)
        let chi2 = counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi2 < 23.3)
        #expect(draws.integers(count: 100, below: 1).allSatisfy { $0 == 0 })
        let huge = draws.integers(count: 1000, below: Int.max)
        #expect(huge.allSatisfy { $0 >= 0 } && Set(huge).count == 1000)
    }

    @Test(arguments: [0, 1, 2, 3, 10, 1000, 100_003])
    func permutationIsAPermutation(n: Int) {
        let p = RandomStream(seed: 5, name: "perm").at(step: 4).permutation(n)
        #expect(p.sorted() == Array(0..<n))
        if n >= 10 {
            #expect(p != Array(0..<n))
            #expect(p != RandomStream(seed: 5, name: "perm").at(step: 5).permutation(n))
        }
    }

    @Test func permutationsAreUniform() {
        // All 24 orders of 4 items over 24_000 steps: chi-square with 23 degrees of freedom,
        // mean 23, sd sqrt(46); 23 + 5 sd = 56.9.
        let stream = RandomStream(seed: 5, name: "perm/uniform")
        var counts: [[Int]: Int] = [:]
        for step in 0..<24_000 { counts[stream.at(step: step).permutation(4), default: 0] += 1 }
        #expect(counts.count == 24)
        let chi2 = counts.values.reduce(0.0) { $0 + Double(($1 - 1000) * ($1 - 1000)) / 1000 }
        #expect(chi2 < 56.9)
    }
}
