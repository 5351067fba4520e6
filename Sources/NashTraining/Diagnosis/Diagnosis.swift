/// Automatic diagnosis of a recorded run: names divergence, vanishing gradients, mode collapse, mode
/// hopping, oscillation (failure to converge) and the convergence window with its best checkpoint, each
/// with its step range and the numbers that support it (DESIGN.md §1, §7).
///
/// Everything from the first NaN/Inf on is reported once, as divergence, and is cut away before the other
/// detectors run, so they judge only the finite part of the run. Detectors that need a series that was
/// not recorded (e.g. D accuracy under a Wasserstein loss, or mode evaluations on non-mixture data) find
/// nothing. The thresholds, and why they are what they are, are in ``DiagnosisThresholds``.
public enum Diagnosis {
    /// All findings for `input`, ordered by first step, then by ``Finding/Kind`` declaration order.
    public static func findings(for input: DiagnosisInput,
                                thresholds: DiagnosisThresholds = .standard) -> [Finding] {
        var found: [Finding] = []
        let cutoff = firstNonFinite(input)
        if let cutoff { found.append(divergence(input, cutoff)) }
        let evals = input.evals.rows(before: cutoff?.step)
        let finite = DiagnosisInput(curves: input.curves.rows(before: cutoff?.step), evals: evals,
                                    modeHistograms: Array(input.modeHistograms.prefix(evals.steps.count)),
                                    context: input.context)
        found += vanishingGradients(finite, thresholds)
        found += modeCollapse(finite, thresholds)
        found += modeHopping(finite, thresholds)
        found += oscillation(finite, thresholds)
        found += convergenceWindow(finite, thresholds)
        let order = Dictionary(uniqueKeysWithValues: Finding.Kind.allCases.enumerated().map { ($1, $0) })
        return found.sorted { a, b in
            (a.firstStep, order[a.kind]!, a.lastStep) < (b.firstStep, order[b.kind]!, b.lastStep)
        }
    }

    /// The best checkpoint by the context's ``CheckpointCriterion``, or nil when there is no criterion,
    /// no checkpoint, or no finite value of the criterion's series at or before any checkpoint.
    ///
    /// A checkpoint is scored by the evaluation at its own step, or else the latest evaluation before it
    /// (the state it saved was trained at least that far). The criterion's series is looked up in the
    /// evaluations, then in the curves. Ties go to the earliest checkpoint: convergence is fleeting, and
    /// the earlier of two equal states has had less time to decay.
    public static func bestCheckpoint(for input: DiagnosisInput) -> BestCheckpoint? {
        guard let criterion = input.context.checkpointCriterion else { return nil }
        let table = input.evals[criterion.series] != nil ? input.evals : input.curves
        guard let values = table[criterion.series] else { return nil }
        var best: BestCheckpoint?
        for step in input.context.checkpointSteps.sorted() {
            guard let row = table.steps.lastIndex(where: { $0 <= step }), values[row].isFinite else { continue }
            let v = values[row]
            if let b = best, criterion.lowerIsBetter ? v >= b.value : v <= b.value { continue }
            best = BestCheckpoint(step: step, evaluatedAt: table.steps[row], series: criterion.series, value: v)
        }
        return best
    }
}
