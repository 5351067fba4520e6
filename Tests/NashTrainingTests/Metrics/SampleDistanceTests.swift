import Foundation
import NashTraining
import Testing

/// `count` points of N(shift·e₁, I) in `dimension` dimensions.
func gaussianSample(count: Int, dimension: Int, shift: Double, seed: UInt64) -> [Double] {
    var g = SplitMix64(seed: seed)
    return (0..<count * dimension).map { i in g.normal() + (i % dimension == 0 ? shift : 0) }
}

@Test func mmdMatchesAHandComputedCase() {
    // x = {0, 1}, y = {2, 3} in 1-D, σ = 1: k(a, b) = exp(−(a − b)²/2).
    let k = { (d: Double) in exp(-d * d / 2) }
    let expected = k(1) + k(1) - 2 * (k(2) + k(3) + k(1) + k(2)) / 4
    let estimate = SampleDistance.mmdSquared([0, 1], [2, 3], dimension: 1, bandwidth: .fixed(1))
    #expect(abs(estimate.squared - expected) < 1e-15)
    #expect(estimate.bandwidth == 1)
}

@Test func mmdOfASampleAgainstItselfIsWithinTwoOverM() {
    let m = 500
    let x = gaussianSample(count: m, dimension: 2, shift: 0, seed: 11)
    for bandwidth in [KernelBandwidth.fixed(1), .pooledMedian] {
        let v = SampleDistance.mmdSquared(x, x, dimension: 2, bandwidth: bandwidth).squared
        // Exactly −(2/m)(1 − mean off-diagonal kernel) for x = y: in [−2/m, 0].
        #expect(v <= 0 && v >= -2 / Double(m), "MMD²(x, x) = \(v)")
    }
}

@Test func mmdGrowsWithAMeanShiftAsTheGaussianClosedFormSays() {
    // For N(0, I₂) against N(δe₁, I₂) and σ = 1, MMD² = 2(σ²/(σ²+2))^(d/2)·(1 − exp(−δ²/(2(σ²+2))))
    // = (2/3)(1 − exp(−δ²/6)). With 600 points per side, the estimator's standard deviation measured over
    // 20 seeds (an independent NumPy implementation) is 0.0011, 0.0054, 0.015, 0.018 for δ = 0, ½, 1, 2;
    // we allow 5 of them.
    let m = 600
    let x = gaussianSample(count: m, dimension: 2, shift: 0, seed: 21)
    var previous = -Double.infinity
    var ys: [[Double]] = []
    for (i, (delta, sd)) in [(0.0, 0.0011), (0.5, 0.0054), (1, 0.015), (2, 0.018)].enumerated() {
        let y = gaussianSample(count: m, dimension: 2, shift: delta, seed: 100 + UInt64(i))
        ys.append(y)
        let fixed = SampleDistance.mmdSquared(x, y, dimension: 2, bandwidth: .fixed(1)).squared
        let expected = 2.0 / 3.0 * (1 - exp(-delta * delta / 6))
        #expect(abs(fixed - expected) < 5 * sd, "δ = \(delta): MMD² \(fixed), expected \(expected)")
        #expect(fixed > previous)
        previous = fixed
    }
    // The median heuristic adapts σ to the pooled sample (≈ 1.66 at δ = 0, 2.03 at δ = 2), but MMD² still
    // grows with the shift: measured as before, 0.0000 ± 0.0009 at δ = 0 and 0.373 ± 0.013 at δ = 2.
    let near = SampleDistance.mmdSquared(x, ys[0], dimension: 2, bandwidth: .pooledMedian)
    let far = SampleDistance.mmdSquared(x, ys[3], dimension: 2, bandwidth: .pooledMedian)
    #expect(abs(near.squared) < 0.005 && far.squared > 0.3)
    #expect(far.bandwidth == SampleDistance.medianPairwiseDistance(x + ys[3], dimension: 2))
    #expect(far.bandwidth > near.bandwidth)
    #expect(previous > 0.25)
}

@Test func medianPairwiseDistanceOfKnownPoints() {
    // Distances of {0, 1, 3}: 1, 3, 2 → median 2. Of {0, 1, 3, 7}: 1, 3, 7, 2, 6, 4 → (3 + 4)/2.
    #expect(SampleDistance.medianPairwiseDistance([0, 1, 3], dimension: 1) == 2)
    #expect(SampleDistance.medianPairwiseDistance([0, 1, 3, 7], dimension: 1) == 3.5)
    // Most points equal: the median is 0, so the mean (2+2+2+0+0+0)/6 = 1 is used.
    #expect(SampleDistance.medianPairwiseDistance([0, 0, 0, 2], dimension: 1) == 1)
    #expect(SampleDistance.medianPairwiseDistance([5, 5, 5], dimension: 1) == 1)
    // Subsampling by stride: 2,000 points 0, 1, …, 1999 with limit 1,000 keep 0, 2, 4, …, 1998.
    let line = (0..<2_000).map(Double.init)
    let strided = (0..<1_000).map { Double(2 * $0) }
    #expect(SampleDistance.medianPairwiseDistance(line, dimension: 1, limit: 1_000)
            == SampleDistance.medianPairwiseDistance(strided, dimension: 1, limit: 1_000))
}

@Test func energyDistanceKnownAnswers() {
    // Two points: E = 2‖x − y‖.
    #expect(SampleDistance.energyDistance([0], [1.5], dimension: 1) == 3)
    #expect(SampleDistance.energyDistance([0, 0], [3, 4], dimension: 2) == 10)
    // {0, 2} against {1}: 2·(1 + 1)/2 − (0 + 2 + 2 + 0)/4 − 0 = 1.
    #expect(SampleDistance.energyDistance([0, 2], [1], dimension: 1) == 1)
    // Equal samples: 0. Symmetric.
    let x = gaussianSample(count: 200, dimension: 3, shift: 0, seed: 31)
    let y = gaussianSample(count: 150, dimension: 3, shift: 0.5, seed: 32)
    #expect(SampleDistance.energyDistance(x, x, dimension: 3) == 0)
    #expect(abs(SampleDistance.energyDistance(x, y, dimension: 3) - SampleDistance.energyDistance(y, x, dimension: 3)) < 1e-12)
}

/// 2∫(F − G)² dt for two 1-D samples, integrating the step functions exactly between sorted points.
func cramerIntegral(_ x: [Double], _ y: [Double]) -> Double {
    let points = (x + y).sorted()
    var total = 0.0
    for (a, b) in zip(points, points.dropFirst()) where b > a {
        let f = Double(x.filter { $0 <= a }.count) / Double(x.count)
        let g = Double(y.filter { $0 <= a }.count) / Double(y.count)
        total += (f - g) * (f - g) * (b - a)
    }
    return 2 * total
}

@Test func energyDistanceIn1DEqualsTwiceTheCramerIntegral() {
    // Székely & Rizzo 2013, proposition 1: in 1-D the energy distance is 2∫(F − G)².
    let x = gaussianSample(count: 120, dimension: 1, shift: 0, seed: 41)
    let y = gaussianSample(count: 80, dimension: 1, shift: 0.7, seed: 42)
    let e = SampleDistance.energyDistance(x, y, dimension: 1)
    #expect(abs(e - cramerIntegral(x, y)) < 1e-12)
    #expect(e > 0.2)
}
