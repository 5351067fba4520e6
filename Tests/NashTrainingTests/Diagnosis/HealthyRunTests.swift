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

@Test func emptyRecordGivesNoFinding() {
    let input = DiagnosisInput(curves: .empty, context: DiagnosisContext(loss: .minimax, modeCount: 8))
    #expect(Diagnosis.findings(for: input) == [])
    // A record too short for any detector's minimum length is not an error either.
    let short = ConstructedRun.input(curves: ConstructedRun.healthyCurves().mapValues { Array($0.prefix(8)) },
                                     histograms: Array(ConstructedRun.healthyHistograms().prefix(2)))
    #expect(Diagnosis.findings(for: short) == [])
}
