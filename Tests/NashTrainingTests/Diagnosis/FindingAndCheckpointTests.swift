import NashTraining
import Testing

@Test func findingsEncodeToAStableJSONList() throws {
    let f = Finding(kind: .modeHopping, firstStep: 500, lastStep: 3_900, summary: "Hops.",
                    evidence: ["mode_count": 8, "hops": 12.5, "modes:mean": 2])
    let json = try Finding.encodeList([f])
    #expect(json == #"[{"evidence":{"hops":12.5,"mode_count":8,"modes:mean":2},"first_step":500,"kind":"mode_hopping","last_step":3900,"summary":"Hops."}]"#)
    #expect(try Finding.decodeList(json) == [f])
    #expect(try Finding.encodeList([]) == "[]")
    #expect(Finding.Kind.allCases.map(\.rawValue) == ["divergence", "vanishing_gradients", "mode_collapse",
                                                      "mode_hopping", "oscillation", "convergence_window"])
}

@Test func diagnosedFindingsRoundTripThroughJSON() throws {
    let input = ConstructedRun.input(histograms: histograms { j in (0..<8).map { $0 == (j / 4) % 8 ? 2_300 : 0 } })
    let findings = Diagnosis.findings(for: input)
    #expect(findings.count == 2)
    #expect(try Finding.decodeList(Finding.encodeList(findings, pretty: true)) == findings)
}

@Test func bestCheckpointUsesTheLatestEvaluationAtOrBeforeIt() throws {
    let evals = SeriesTable(steps: [0, 100, 200, 300], columns: ["reverse_kl": [2, 0.5, 0.5, 0.1], "modes": [0, 6, 8, 8]])
    func best(_ criterion: CheckpointCriterion, _ checkpoints: [Int]) -> BestCheckpoint? {
        Diagnosis.bestCheckpoint(for: DiagnosisInput(curves: .empty, evals: evals, context: DiagnosisContext(
            loss: .minimax, checkpointSteps: checkpoints, checkpointCriterion: criterion)))
    }
    // Checkpoint 150 is scored by the evaluation at 100; ties go to the earliest checkpoint.
    #expect(best(.lowestReverseKL, [150, 200]) == BestCheckpoint(step: 150, evaluatedAt: 100, series: "reverse_kl", value: 0.5))
    #expect(best(.lowestReverseKL, [100, 350])?.step == 350)
    #expect(best(CheckpointCriterion(series: "modes", lowerIsBetter: false), [100, 250, 300])?.step == 250)
    #expect(best(.lowestMMD, [100]) == nil)  // not recorded
    #expect(best(.lowestReverseKL, []) == nil)
}
