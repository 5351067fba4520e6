import Foundation
import NashTraining
import Testing

/// Losses and D accuracy that swing with period `period` points and amplitude scaled by `envelope(i)`.
func swingingCurves(period: Double, envelope: (Double) -> Double) -> [String: [Double]] {
    var curves = ConstructedRun.healthyCurves()
    let i = (0..<ConstructedRun.points).map(Double.init)
    let wave = i.map { envelope($0) * sin(2 * Double.pi * $0 / period) }
    curves[SeriesName.lossD] = zip(wave, ConstructedRun.noise(0.02, seed: 11)).map { 1.3 + 0.4 * $0 + $1 }
    curves[SeriesName.lossG] = zip(wave, ConstructedRun.noise(0.03, seed: 12)).map { 0.8 - 0.6 * $0 + $1 }
    curves[SeriesName.dAccuracy] = zip(wave, ConstructedRun.noise(0.02, seed: 13)).map { 0.75 + 0.15 * $0 + $1 }
    return curves
}

@Test func persistentSwingsAreOscillation() throws {
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: swingingCurves(period: 40) { _ in 1 }))
    #expect(findings.map(\.kind) == [.oscillation], "\(findings.map(\.summary))")
    let f = try #require(findings.first)
    #expect(f.firstStep == 2_000 && f.lastStep == 3_990)
    // 200 tail points are 5 periods: 2 swings per period, give or take one at each end.
    #expect(f.evidence["D/accuracy:swings"] == nil)
    for name in ["loss/D", "loss/G"] {
        let swings = try #require(f.evidence["\(name):swings"])
        #expect((9...10).contains(swings), "\(name): \(swings) swings")
        #expect(f.evidence["\(name):signal_to_noise"]! > 3)
    }
    // The amplitude (P95 − P5)/2 of a sinusoid with amplitude a is ≈ 0.99a (plus a little noise).
    #expect(abs(f.evidence["loss/D:amplitude"]! - 0.4) < 0.03)
    #expect(abs(f.evidence["loss/G:amplitude"]! - 0.6) < 0.04)
}

@Test func accuracyFlippingAtATieIsNotOscillation() {
    // The converged, regularised Dirac-GAN: both losses constant, D's outputs at the threshold, and its
    // batch accuracy flipping between 0.25 and 0.75 with the sign of rounding errors.
    var curves = ConstructedRun.healthyCurves()
    curves[SeriesName.lossD] = [Double](repeating: 2 * log(2.0), count: ConstructedRun.points)
    curves[SeriesName.lossG] = [Double](repeating: -log(2.0), count: ConstructedRun.points)
    curves[SeriesName.dAccuracy] = (0..<ConstructedRun.points).map { ($0 / 7) % 2 == 0 ? 0.25 : 0.75 }
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: curves))
    #expect(!findings.contains { $0.kind == .oscillation }, "\(findings.map(\.summary))")
}

/// A skewed cycle, resting near its floor and peaking briefly (as the Dirac-GAN's losses do), swings.
@Test func skewedCycleIsOscillation() {
    var curves = ConstructedRun.healthyCurves()
    let i = (0..<ConstructedRun.points).map(Double.init)
    let wave = i.map { pow((1 + sin(2 * Double.pi * $0 / 32)) / 2, 4) }
    curves[SeriesName.lossD] = wave.map { 1.02 + $0 }
    curves[SeriesName.lossG] = wave.map { -0.3 - $0 }
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: curves))
    #expect(findings.map(\.kind).contains(.oscillation), "\(findings.map(\.summary))")
}

@Test func dampedSwingsAreNotOscillation() {
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: swingingCurves(period: 40) { exp(-$0 / 50) }))
    #expect(findings == [], "\(findings.map(\.summary))")
}

@Test func oneSlowCycleIsNotOscillation() {
    // Period 800 points: the tail holds half a cycle, a trend up and down, not repeated swings.
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: swingingCurves(period: 800) { _ in 1 }))
    #expect(findings == [], "\(findings.map(\.summary))")
}

@Test func growingSwingsAreOscillation() {
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: swingingCurves(period: 25) { 0.2 + $0 / 400 }))
    #expect(findings.map(\.kind) == [.oscillation])
}

@Test func swingsFasterThanTenPointsAreBelowTheDetectionLimit() {
    // A sinusoid with period P points has amplitude/noise ≈ 1/sin(π/P): 3.9 for P = 12, 2 for P = 6.
    // Cycles faster than ~10 recorded points look like minibatch noise; record curves more often to see them.
    let slow = Diagnosis.findings(for: ConstructedRun.input(curves: swingingCurves(period: 12) { _ in 1 }))
    #expect(slow.map(\.kind) == [.oscillation])
    let fast = Diagnosis.findings(for: ConstructedRun.input(curves: swingingCurves(period: 6) { _ in 1 }))
    #expect(fast == [])
}
