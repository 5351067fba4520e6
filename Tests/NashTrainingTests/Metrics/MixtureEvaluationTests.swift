import Foundation
import NashTraining
import Testing

/// `count` i.i.d. samples of the equal-weight mixture `modes`: a uniform mode, then its isotropic normal.
func sampleMixture(_ modes: MixtureModes, count: Int, seed: UInt64) -> [Double] {
    var g = SplitMix64(seed: seed)
    var x: [Double] = []
    for _ in 0..<count {
        let k = g.below(modes.count)
        for c in modes.mean(k) { x.append(c + modes.stds[k] * g.normal()) }
    }
    return x
}

/// NB: in 2-D, ‖x − μ‖²/σ² of a sample from its own mode is χ² with 2 degrees of freedom, whose CDF is
/// 1 − e^(−t/2); so P(‖x − μ‖ ≤ 3σ) = 1 − e^(−4.5) ≈ 0.98889. Neighbouring modes are 76σ (ring) and 40σ
/// (grid) apart, so no sample is nearer another mode. The high-quality count is Binomial(n, p); we allow
/// 4 standard deviations √(p(1−p)/n) ≈ 0.0021 (n = 2,500). The histogram's plug-in KL(q ‖ uniform) for a
/// uniform truth has 2N·KL ≈ χ²_{K−1}: mean (K−1)/(2N), standard deviation √(2(K−1))/(2N); we allow 6 of them.
func expectExactBaseRates(_ modes: MixtureModes, seed: UInt64) {
    let n = 2_500
    let evaluation = MixtureEvaluation(samples: sampleMixture(modes, count: n, seed: seed), modes: modes)
    let p = 1 - exp(-4.5)
    let tolerance = 4 * (p * (1 - p) / Double(n)).squareRoot()
    #expect(evaluation.sampleCount == n)
    #expect(evaluation.modesCaptured == modes.count)
    #expect(abs(evaluation.highQualityFraction - p) <= tolerance,
            "high quality \(evaluation.highQualityFraction), expected \(p) ± \(tolerance)")
    let k = Double(modes.count), hq = Double(evaluation.highQualityCount)
    #expect(evaluation.reverseKL < (k - 1) / (2 * hq) + 6 * (2 * (k - 1)).squareRoot() / (2 * hq))
    #expect(evaluation.histogram.reduce(0, +) == evaluation.highQualityCount)
}

@Test func trueEightRingHasExactBaseRates() {
    expectExactBaseRates(.ring(modes: 8, radius: 2, std: 0.02), seed: 1)
}

@Test func trueTwentyFiveGridHasExactBaseRates() {
    expectExactBaseRates(.grid(side: 5, spacing: 2, std: 0.05), seed: 2)
}

@Test func allSamplesOnOneModeGiveOneModeAndReverseKLOfLnK() {
    let modes = MixtureModes.grid(side: 5, spacing: 2, std: 0.05)
    var g = SplitMix64(seed: 3)
    let centre = modes.mean(17)
    let samples = (0..<1_000).flatMap { _ in centre.map { $0 + 0.01 * g.normal() } }  // 0.2σ: all within 3σ
    let e = MixtureEvaluation(samples: samples, modes: modes)
    #expect(e.modesCaptured == 1)
    #expect(e.highQualityFraction == 1)
    #expect(e.dominantMode == 17)
    #expect(e.histogram[17] == 1_000)
    #expect(e.reverseKL == log(25.0))
}

@Test func twoModeSplitGivesClosedFormReverseKL() {
    let modes = MixtureModes.ring(modes: 8, radius: 2, std: 0.02)
    // 750 samples exactly on mode 2, 250 on mode 5: q = (3/4, 1/4), KL = ln 8 + ¾ ln ¾ + ¼ ln ¼.
    let samples = Array([[Double]](repeating: modes.mean(2), count: 750).joined())
        + Array([[Double]](repeating: modes.mean(5), count: 250).joined())
    let e = MixtureEvaluation(samples: samples, modes: modes)
    #expect(e.modesCaptured == 2)
    #expect(e.dominantMode == 2)
    #expect(abs(e.reverseKL - (log(8.0) + 0.75 * log(0.75) + 0.25 * log(0.25))) < 1e-14)
    // An even split is ln(K/2).
    let even = MixtureEvaluation(sampleCount: 1_000, histogram: [0, 0, 500, 0, 0, 500, 0, 0])
    #expect(abs(even.reverseKL - log(4.0)) < 1e-14)
    #expect(even.dominantMode == 2)  // ties go to the lowest index
}

@Test func noHighQualitySampleGivesZeroModesAndReverseKLOfLnK() {
    let modes = MixtureModes.ring(modes: 8, radius: 2, std: 0.02)
    let samples = [Double](repeating: 0, count: 2 * 500)  // all at the centre, 100σ from every mode
    let e = MixtureEvaluation(samples: samples, modes: modes)
    #expect(e.highQualityCount == 0 && e.highQualityFraction == 0 && e.modesCaptured == 0)
    #expect(e.dominantMode == nil)
    #expect(e.reverseKL == log(8.0))
    #expect(e.recorded == ["modes": 0, "high_quality": 0, "reverse_kl": log(8.0), "dominant_mode": -1])
}

@Test func highQualityBoundaryIsThreeStandardDeviationsInclusive() {
    // One mode at the origin with σ = 0.25, so 3σ = 0.75 exactly in binary.
    let modes = MixtureModes(dimension: 2, means: [0, 0], std: 0.25)
    #expect(MixtureEvaluation(samples: [0.75, 0], modes: modes).highQualityCount == 1)
    #expect(MixtureEvaluation(samples: [0, -0.75], modes: modes).highQualityCount == 1)
    #expect(MixtureEvaluation(samples: [0.75 + 0x1p-20, 0], modes: modes).highQualityCount == 0)
    #expect(MixtureEvaluation(samples: [Double.nan, 0], modes: modes).highQualityCount == 0)
}

@Test func eachModeUsesItsOwnStandardDeviation() {
    let modes = MixtureModes(dimension: 1, means: [0, 10], stds: [0.1, 0.2])
    // 0.5 from each mode: outside 3·0.1 = 0.3, inside 3·0.2 = 0.6.
    let e = MixtureEvaluation(samples: [0.5, 9.5, 10.5], modes: modes)
    #expect(e.histogram == [0, 2])
    #expect(abs(e.highQualityFraction - 2.0 / 3.0) < 1e-15)
}

@Test func histogramInitialiserAgreesWithSampleInitialiser() {
    let modes = MixtureModes.ring(modes: 8, radius: 2, std: 0.02)
    let e = MixtureEvaluation(samples: sampleMixture(modes, count: 400, seed: 4), modes: modes)
    #expect(MixtureEvaluation(sampleCount: e.sampleCount, histogram: e.histogram) == e)
}

@Test func ringAndGridLayoutsPlaceTheirMeans() {
    let ring = MixtureModes.ring(modes: 8, radius: 2, std: 0.02)
    #expect(ring.count == 8 && ring.dimension == 2 && ring.stds == Array(repeating: 0.02, count: 8))
    #expect(ring.mean(0) == [2, 0])
    #expect(abs(ring.mean(2)[0]) < 1e-15 && ring.mean(2)[1] == 2)
    #expect(abs(ring.mean(1)[0] - 2.squareRoot()) < 1e-15 && abs(ring.mean(1)[1] - 2.squareRoot()) < 1e-15)
    let grid = MixtureModes.grid(side: 5, spacing: 2, std: 0.05)
    #expect(grid.count == 25)
    #expect(grid.mean(0) == [-4, -4])
    #expect(grid.mean(1) == [-2, -4])
    #expect(grid.mean(12) == [0, 0])
    #expect(grid.mean(24) == [4, 4])
    #expect(MixtureModes.grid(side: 2, spacing: 1, std: 0.1).mean(3) == [0.5, 0.5])
}
