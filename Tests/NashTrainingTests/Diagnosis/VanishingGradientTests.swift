import Foundation
import NashTraining
import Testing

/// From point 100 on, G's gradient norm decays as exp(−(i − 100)/3) to a floor of 0.002 (it is 1.0 before),
/// and D's accuracy on fakes is `fakeAccuracy`.
func saturatingCurves(fakeAccuracy: Double) -> [String: [Double]] {
    var curves = ConstructedRun.healthyCurves()
    let i = (0..<ConstructedRun.points).map(Double.init)
    curves[SeriesName.gradNormG] = i.map { $0 < 100 ? 1.0 : max(0.002, exp(-($0 - 100) / 3)) }
    curves[SeriesName.dAccuracyFake] = zip(i, curves[SeriesName.dAccuracyFake]!).map { $0 < 100 ? $1 : fakeAccuracy }
    return curves
}

@Test func saturatedGeneratorGradientIsVanishingGradients() throws {
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: saturatingCurves(fakeAccuracy: 0.99), histograms: nil))
    #expect(findings.map(\.kind) == [.vanishingGradients], "\(findings.map(\.summary))")
    let f = try #require(findings.first)
    // exp(−(i − 100)/3) ≤ 0.01 first at i = 114 (3·ln 100 = 13.8); the median of a monotone window is its centre.
    #expect(f.firstStep == 1_140 && f.lastStep == 3_990)
    #expect(f.evidence["gradnorm/G:peak"] == 1)
    #expect(f.evidence["gradnorm/G:median"] == 0.002)
    #expect(abs(f.evidence["D/accuracy_fake:mean"]! - 0.99) < 1e-12)
    #expect(f.evidence["points"] == 286)
    #expect(f.summary.hasPrefix("G's gradient norm fell to 0.2% of its peak"))
}

@Test func smallGeneratorGradientAtACoinFlipIsNotVanishingGradients() {
    // Same gradient collapse, but D calls only half the fakes fake: that is convergence, not saturation.
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: saturatingCurves(fakeAccuracy: 0.5), histograms: nil))
    #expect(!findings.contains { $0.kind == .vanishingGradients })
}

@Test func saturationWithConfidentDIsVanishingGradients() {
    // The same collapse with D/fake recorded: D gives fakes 0.5% probability (a logit of −5.3).
    var curves = saturatingCurves(fakeAccuracy: 0.99)
    curves[SeriesName.dFake] = (0..<ConstructedRun.points).map { $0 < 100 ? 0.45 : 0.005 }
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: curves, histograms: nil, loss: .minimax))
    #expect(findings.map(\.kind) == [.vanishingGradients])
    #expect(findings.first?.evidence["D/fake:mean"].map { abs($0 - 0.005) < 1e-12 } == true)
}

@Test func fakesRejectedByAHairAreNotVanishingGradients() {
    // A converged equilibrium (the regularised Dirac-GAN): D's outputs sit at ½ minus rounding, so every
    // fake counts as rejected, and G's gradient is zero. D/fake at 0.4999 shows D is not confident.
    var curves = saturatingCurves(fakeAccuracy: 1.0)
    curves[SeriesName.dFake] = [Double](repeating: 0.4999, count: ConstructedRun.points)
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: curves, histograms: nil, loss: .minimax))
    #expect(!findings.contains { $0.kind == .vanishingGradients }, "\(findings.map(\.summary))")
}

@Test func briefGradientDipIsNotVanishingGradients() {
    // A 20-point dip (5% of training) is shorter than the 10% a sustained episode needs.
    var curves = saturatingCurves(fakeAccuracy: 0.99)
    curves[SeriesName.gradNormG] = curves[SeriesName.gradNormG]!.enumerated().map { $0 < 100 || $0 >= 134 ? 1 : $1 }
    #expect(Diagnosis.findings(for: ConstructedRun.input(curves: curves, histograms: nil)) == [])
}
