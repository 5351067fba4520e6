import Foundation
import Nash
import NashEngine
import NashTraining
import Testing

/// Rows of a `[n, d]` tensor as Double arrays.
func rowsOf(_ t: Tensor) -> [[Double]] {
    let d = t.shape.dropFirst().reduce(1, *)
    let s = t.scalars
    return (0..<t.shape[0]).map { i in (0..<d).map { Double(s[i * d + $0]) } }
}

/// Index of the mean nearest to `x` (Euclidean).
func nearest(_ x: [Double], _ means: [[Double]]) -> Int {
    var best = 0, bestDistance = Double.infinity
    for (k, m) in means.enumerated() {
        let distance = zip(x, m).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        if distance < bestDistance { (best, bestDistance) = (k, distance) }
    }
    return best
}

/// Draws `n` points of `dataset` (fresh draws, seed 7, draw 0).
func draw(_ dataset: Dataset, _ n: Int, seed: UInt64 = 7) throws -> [[Double]] {
    rowsOf(try RealData(dataset, seed: seed, baseDirectory: "/").batch(draw: 0, size: n))
}

@Suite("Synthetic sources follow their formulas")
struct SyntheticSourceTests {
    @Test("ring: radius, angles of the 8 modes, equal weights, per-coordinate std")
    func ring() throws {
        let n = 40_000, sigma = 0.02
        let data = try RealData(.ring(modes: 8, radius: 2, std: sigma), seed: 7, baseDirectory: "/")
        #expect(data.sampleShape == [2] && data.size == nil && data.contentHash == nil)
        let points = rowsOf(data.batch(draw: 0, size: n))
        let means = (0..<8).map { k in [2 * cos(2 * Double.pi * Double(k) / 8), 2 * sin(2 * Double.pi * Double(k) / 8)] }
        #expect(data.modes?.map(\.mean) == DataSource.ring(modes: 8, radius: 2, std: sigma).modes?.map(\.mean))
        var counts = [Int](repeating: 0, count: 8), squares = 0.0, radiusError = 0.0, angleError = 0.0
        for p in points {
            radiusError = max(radiusError, abs((p[0] * p[0] + p[1] * p[1]).squareRoot() - 2))
            let k = nearest(p, means)
            counts[k] += 1
            angleError = max(angleError, abs(remainder(atan2(p[1], p[0]) - 2 * Double.pi * Double(k) / 8, 2 * Double.pi)))
            squares += (p[0] - means[k][0]) * (p[0] - means[k][0]) + (p[1] - means[k][1]) * (p[1] - means[k][1])
        }
        // Binomial(n, 1/8): sd ≈ 66; 5 sd.
        for c in counts { #expect(abs(Double(c) - Double(n) / 8) < 5 * (Double(n) * 0.125 * 0.875).squareRoot()) }
        // |ε| ≤ 6.77 per coordinate (the largest Box–Muller radius), so radius and angle (≈ σ/r radians)
        // stay within 7σ; a wrong mode placement is off by far more.
        #expect(radiusError < 7 * sigma && angleError < 7 * sigma / 2)
        let std = (squares / Double(2 * n)).squareRoot()
        #expect(abs(std - sigma) < 0.02 * sigma)
    }

    @Test("grid: 25 modes in {−4,…,4}², each mean and count as stated")
    func grid() throws {
        let n = 25_000, sigma = 0.05
        let points = try draw(.grid(side: 5, spacing: 2, std: sigma), n)
        var means: [[Double]] = []
        for i in -2...2 { for j in -2...2 { means.append([2 * Double(i), 2 * Double(j)]) } }
        var sums = [[Double]](repeating: [0, 0], count: 25), counts = [Int](repeating: 0, count: 25)
        var farthest = 0.0
        for p in points {
            let k = nearest(p, means)
            farthest = max(farthest, abs(p[0] - means[k][0]), abs(p[1] - means[k][1]))
            sums[k][0] += p[0]; sums[k][1] += p[1]; counts[k] += 1
        }
        #expect(farthest < 7 * sigma)
        for k in 0..<25 {
            #expect(abs(Double(counts[k]) - 1000) < 5 * (1000 * 0.96).squareRoot())
            // Mean of ~1000 points: sd σ/√1000 ≈ 0.0016; 5 sd.
            for c in 0..<2 { #expect(abs(sums[k][c] / Double(counts[k]) - means[k][c]) < 5 * sigma / 30) }
        }
    }

    @Test("two moons without noise lie on their half circles, half on each; with noise within range")
    func twoMoons() throws {
        let n = 20_000
        var upper = 0, off = 0
        for p in try draw(.twoMoons(noise: 0), n) {
            let onUpper = abs(p[0] * p[0] + p[1] * p[1] - 1) < 1e-5 && p[1] >= 0
            let onLower = abs((p[0] - 1) * (p[0] - 1) + (p[1] - 0.5) * (p[1] - 0.5) - 1) < 1e-5 && p[1] <= 0.5
            if !onUpper && !onLower { off += 1 }
            if onUpper && !onLower { upper += 1 }
        }
        #expect(off == 0)
        #expect(abs(Double(upper) - Double(n) / 2) < 5 * (Double(n) / 4).squareRoot())
        let noisy = try draw(.twoMoons(noise: 0.05), n)
        #expect(noisy.allSatisfy { $0[0] > -1.35 && $0[0] < 2.35 && $0[1] > -0.85 && $0[1] < 1.35 })
        #expect(noisy.map { $0[0] }.min()! < -0.9 && noisy.map { $0[0] }.max()! > 1.9)
    }

    @Test("spiral without noise: |x| = radius·t, angle 2π·turns·t, t uniform on [0, 1)")
    func spiral() throws {
        let n = 20_000
        var tSum = 0.0, tMax = 0.0, angleError = 0.0
        for p in try draw(.spiral(turns: 2, radius: 3, noise: 0), n) {
            let t = (p[0] * p[0] + p[1] * p[1]).squareRoot() / 3
            tMax = max(tMax, t)
            // Float rounding of x moves the angle by about 10⁻⁷/t radians.
            if t > 1e-3 { angleError = max(angleError, t * abs(remainder(atan2(p[1], p[0]) - 4 * Double.pi * t, 2 * Double.pi))) }
            tSum += t
        }
        #expect(tMax < 1 + 1e-6 && tMax > 0.99 && angleError < 1e-5)
        // Mean of U(0, 1): ½ with sd 1/√(12n) ≈ 0.002.
        #expect(abs(tSum / Double(n) - 0.5) < 0.01)
    }

    @Test("swiss roll without noise: x/scale = t(cos t, sin t), t uniform on [1.5π, 4.5π]")
    func swissRoll() throws {
        let n = 20_000, scale = 1 / 7.5
        var tSum = 0.0, tMin = Double.infinity, tMax = 0.0, angleError = 0.0
        for p in try draw(.swissRoll(noise: 0, scale: scale), n) {
            let t = (p[0] * p[0] + p[1] * p[1]).squareRoot() / scale
            (tMin, tMax) = (min(tMin, t), max(tMax, t))
            angleError = max(angleError, abs(remainder(atan2(p[1], p[0]) - t, 2 * Double.pi)))
            tSum += t
        }
        #expect(tMin > 1.5 * Double.pi - 1e-4 && tMin < 1.5 * Double.pi + 0.01)
        #expect(tMax < 4.5 * Double.pi + 1e-4 && tMax > 4.5 * Double.pi - 0.01)
        #expect(angleError < 1e-4)
        #expect(abs(tSum / Double(n) - 3 * Double.pi) < 0.05)
        let noisy = try draw(.swissRoll(), n)
        #expect(noisy.allSatisfy { abs($0[0]) < 2.2 && abs($0[1]) < 2.2 })
    }

    @Test("dirac: every sample is exactly the point")
    func dirac() throws {
        let data = try RealData(.dirac([0.5, -1.25, 3]), seed: 1, baseDirectory: "/")
        #expect(data.sampleShape == [3])
        let batch = data.batch(draw: 4, size: 64)
        #expect(batch.shape == [64, 3])
        #expect(batch.scalars == [Float](repeating: 0, count: 64).flatMap { _ in [0.5, -1.25, 3] as [Float] })
        let modes = try #require(data.modes)
        #expect(modes.count == 1 && modes[0].mean == [0.5, -1.25, 3] && modes[0].std == 0 && modes[0].weight == 1)
    }

    @Test("1-D mixture: component weights wᵢ/Σw, means and stds")
    func mixture() throws {
        let n = 40_000
        let points = try draw(.mixture1D([MixtureComponent(mean: -3, std: 0.1, weight: 1),
                                          MixtureComponent(mean: 2, std: 0.5, weight: 3)]), n).map { $0[0] }
        // NB: split at −1, 20σ from the left mean and 6σ from the right one (P(z < −6) ≈ 10⁻⁹).
        let left = points.filter { $0 < -1 }, right = points.filter { $0 >= -1 }
        #expect(abs(Double(left.count) / Double(n) - 0.25) < 5 * (0.25 * 0.75 / Double(n)).squareRoot())
        func moments(_ xs: [Double]) -> (Double, Double) {
            let mean = xs.reduce(0, +) / Double(xs.count)
            return (mean, (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)).squareRoot())
        }
        let (m0, s0) = moments(left), (m1, s1) = moments(right)
        #expect(abs(m0 + 3) < 0.01 && abs(s0 - 0.1) < 0.005)
        #expect(abs(m1 - 2) < 0.02 && abs(s1 - 0.5) < 0.02)
    }

    @Test("bars and stripes: every exact sample is a valid pattern, all 14 of side 3 appear uniformly")
    func barsAndStripes() throws {
        let n = 14_000
        let set = ImageSet.barsAndStripes(side: 3)
        let data = try RealData(.images(set), seed: 3, baseDirectory: "/")
        #expect(data.sampleShape == [1, 3, 3] && data.modes?.count == 14)
        let batch = data.batch(draw: 0, size: n)
        #expect(batch.shape == [n, 1, 3, 3])
        let patterns = set.patterns
        var counts = [Int](repeating: 0, count: patterns.count)
        for image in rowsOf(batch) {
            let index = try #require(patterns.firstIndex(of: image), "not a bars-and-stripes pattern: \(image)")
            counts[index] += 1
        }
        let p = 1.0 / 14
        for c in counts { #expect(abs(Double(c) - Double(n) * p) < 5 * (Double(n) * p * (1 - p)).squareRoot()) }

        // With pixel noise σ, the residual around the nearest pattern has std σ.
        let noisy = rowsOf(try RealData(.images(.barsAndStripes(side: 3, noise: 0.1)), seed: 3, baseDirectory: "/")
            .batch(draw: 0, size: 2_000))
        var squares = 0.0
        for image in noisy {
            let k = nearest(image, patterns)
            squares += zip(image, patterns[k]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        }
        #expect(abs((squares / Double(2_000 * 9)).squareRoot() - 0.1) < 0.004)
    }

    @Test("sources without usable parameters are refused with a message")
    func invalid() {
        #expect(throws: RealDataError(file: nil, cause: "the ring has no modes")) {
            try RealData(.ring(modes: 0, radius: 1, std: 0), seed: 1, baseDirectory: "/")
        }
        #expect(throws: RealDataError.self) { try RealData(.mixture1D([]), seed: 1, baseDirectory: "/") }
        #expect(throws: RealDataError.self) { try RealData(.ring().finite(0), seed: 1, baseDirectory: "/") }
    }
}
