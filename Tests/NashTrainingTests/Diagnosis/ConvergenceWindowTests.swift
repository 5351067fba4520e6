import Foundation
import NashTraining
import Testing

/// D accuracy: a ramp from 50% (untrained) to 90% over 20 points, then `rest(i)`.
func accuracy(_ rest: (Int) -> Double) -> [Double] {
    (0..<ConstructedRun.points).map { (i: Int) -> Double in i < 20 ? 0.5 + 0.4 * Double(i) / 20 : rest(i) }
}

/// Evaluations whose reverse KL is lowest at step `bestStep`, all 8 modes captured.
func evalsWithBest(at bestStep: Int) -> SeriesTable {
    let kl = ConstructedRun.evalSteps.map { 0.05 + 0.0001 * abs(Double($0 - bestStep)) }
    return SeriesTable(steps: ConstructedRun.evalSteps,
                       columns: [SeriesName.reverseKL: kl,
                                 SeriesName.modes: Array(repeating: 8, count: kl.count),
                                 SeriesName.highQuality: Array(repeating: 0.9, count: kl.count)])
}

@Test func fleetingCoinFlipIsTheConvergenceWindowWithItsBestCheckpoint() throws {
    // D's accuracy sits at 50% ± 1 point for points 150…219, at 90% otherwise. A centred mean of 5 is in
    // the ±5-point band from point 152 to 217: (0.9 + 4·0.5)/5 = 0.58 at 151 is still outside.
    let noise = ConstructedRun.noise(0.005, seed: 21)
    let acc = accuracy { (150..<220).contains($0) ? 0.5 + max(-0.01, min(0.01, noise[$0])) : 0.9 }
    var input = ConstructedRun.input(curves: ConstructedRun.healthyCurves(accuracy: acc), histograms: nil)
    input.evals = evalsWithBest(at: 2_000)
    let findings = Diagnosis.findings(for: input)
    #expect(findings.map(\.kind) == [.convergenceWindow], "\(findings.map(\.summary))")
    let f = try #require(findings.first)
    #expect(!f.kind.isFailure)
    #expect(f.firstStep == 1_520 && f.lastStep == 2_170)
    #expect(f.evidence["best_checkpoint_step"] == 2_000 && f.evidence["best_checkpoint_in_window"] == 1)
    #expect(f.evidence["best_checkpoint:reverse_kl"] == 0.05)
    // After the window: the two last 50% points (218, 219) that smoothing left out, then 180 at 90%.
    #expect(abs(f.evidence["D/accuracy:after"]! - (2 * 0.5 + 180 * 0.9) / 182) < 2e-4)
    #expect(f.evidence["points"] == 66)
    #expect(f.summary.contains("then left it (mean 89.6% afterwards); best checkpoint: step 2000 (reverse_kl 0.05, inside the window)."))
}

@Test func settlingAtACoinFlipIsAConvergenceWindowToTheEnd() throws {
    // Accuracy falls linearly from 90% at point 20 to 50% at point 120 and stays there with noise.
    let noise = ConstructedRun.noise(0.015, seed: 22)
    let acc = accuracy { $0 < 120 ? 0.9 - 0.4 * Double($0 - 20) / 100 : 0.5 + noise[$0] }
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: ConstructedRun.healthyCurves(accuracy: acc)))
    #expect(findings.map(\.kind) == [.convergenceWindow], "\(findings.map(\.summary))")
    let f = try #require(findings.first)
    // 0.9 − 0.4(i − 20)/100 ≤ 0.55 from i = 107.5: the window opens around point 108.
    #expect((1_050...1_120).contains(f.firstStep) && f.lastStep == 3_990)
    #expect(f.summary.contains("until the end"))
    #expect(f.evidence["D/accuracy:after"] == nil)
    #expect(f.evidence["best_checkpoint_step"] != nil)
}

@Test func untrainedCoinFlipIsNoConvergenceWindow() {
    // D at 50% for the first 30 points (it has not learned yet), then 80% for good.
    let acc = (0..<ConstructedRun.points).map { $0 < 30 ? 0.5 : 0.8 }
    #expect(Diagnosis.findings(for: ConstructedRun.input(curves: ConstructedRun.healthyCurves(accuracy: acc))) == [])
}

@Test func wanderingUntrainedDIsNoConvergenceWindow() {
    // The start of the quickstart run: D wanders 44–66% (out of the ±5 band and back) before it has
    // ever been 70% accurate, then learns and stays at 80%.
    let acc = (0..<ConstructedRun.points).map { i -> Double in
        i < 40 ? 0.55 + 0.11 * sin(Double(i) / 3) : 0.8
    }
    #expect(Diagnosis.findings(for: ConstructedRun.input(curves: ConstructedRun.healthyCurves(accuracy: acc))) == [])
}

@Test func wassersteinCriticHasNoConvergenceWindow() {
    let acc = accuracy { $0 < 150 ? 0.9 : 0.5 }
    let input = ConstructedRun.input(curves: ConstructedRun.healthyCurves(accuracy: acc), loss: .wasserstein)
    #expect(!Diagnosis.findings(for: input).contains { $0.kind == .convergenceWindow })
}
