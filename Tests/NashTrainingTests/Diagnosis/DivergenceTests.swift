import NashTraining
import Testing

@Test func nanInTheLossIsDivergenceAtItsStep() throws {
    // The run stops two rows after loss/D turns NaN at step 1230; gradnorm/G is +Inf from step 1240.
    var curves = ConstructedRun.healthyCurves().mapValues { Array($0.prefix(125)) }
    curves[SeriesName.lossD]![123] = .nan
    curves[SeriesName.lossD]![124] = .nan
    curves[SeriesName.gradNormG]![124] = .infinity
    let findings = Diagnosis.findings(for: ConstructedRun.input(curves: curves,
                                                                histograms: Array(ConstructedRun.healthyHistograms().prefix(13))))
    let divergence = try #require(findings.first)
    #expect(findings.count == 1, "the finite prefix is healthy: \(findings.map(\.summary))")
    #expect(divergence.kind == .divergence && divergence.kind.isFailure)
    #expect(divergence.firstStep == 1_230 && divergence.lastStep == 1_240)
    #expect(divergence.summary == "loss/D became NaN at step 1230: training diverged.")
    #expect(divergence.evidence == ["first_nonfinite_step": 1_230, "last_finite_step": 1_220, "nonfinite_values": 3])
}

@Test func earliestNonFiniteValueWinsAcrossCurvesAndEvaluations() throws {
    var curves = ConstructedRun.healthyCurves()
    curves[SeriesName.lossG]![300] = -.infinity
    var input = ConstructedRun.input(curves: curves)
    var klColumn = input.evals[SeriesName.reverseKL]!
    klColumn[11] = .infinity  // step 1100
    var columns = input.evals.columns
    columns[SeriesName.reverseKL] = klColumn
    input.evals = SeriesTable(steps: input.evals.steps, columns: columns)
    let divergence = try #require(Diagnosis.findings(for: input).first)
    #expect(divergence.kind == .divergence)
    #expect(divergence.firstStep == 1_100 && divergence.lastStep == 3_990)
    #expect(divergence.summary == "reverse_kl became +Inf at step 1100: training diverged.")
    #expect(divergence.evidence["nonfinite_values"] == 2)

    curves[SeriesName.lossG]![300] = 0.9
    curves[SeriesName.gradNormD]![250] = -.infinity
    let other = try #require(Diagnosis.findings(for: ConstructedRun.input(curves: curves)).first)
    #expect(other.summary == "gradnorm/D became -Inf at step 2500: training diverged.")
}
