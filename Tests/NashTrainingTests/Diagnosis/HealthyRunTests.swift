import NashTraining
import Testing

@Test func healthyRunGivesNoFinding() {
    let findings = Diagnosis.findings(for: ConstructedRun.input())
    #expect(findings == [], "\(findings.map(\.summary))")
}

@Test func healthyRunWithoutEvaluationsGivesNoFinding() {
    #expect(Diagnosis.findings(for: ConstructedRun.input(histograms: nil)) == [])
}

@Test func healthyWassersteinRunWithoutAccuracyGivesNoFinding() {
    var curves = ConstructedRun.healthyCurves()
    for name in [SeriesName.dAccuracy, SeriesName.dAccuracyReal, SeriesName.dAccuracyFake] { curves[name] = nil }
    #expect(Diagnosis.findings(for: ConstructedRun.input(curves: curves, loss: .wasserstein)) == [])
}
