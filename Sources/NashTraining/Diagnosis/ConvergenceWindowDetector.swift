import Foundation

/// The convergence window: where D's accuracy sits near 50%, a coin flip, and G is as good as D can tell
/// (Goodfellow et al. 2014, arXiv:1406.2661, §4: at the optimum D = 1/2). It is often fleeting: past it D's
/// feedback is noise and G can get worse, so the finding also names the best checkpoint
/// (``Diagnosis/bestCheckpoint(for:)``) and says whether D's accuracy left the window again.
///
/// Needs `D/accuracy` (else the mean of `D/accuracy_real` and `D/accuracy_fake`); not reported for a
/// Wasserstein critic, whose accuracy is undefined (``DecisionRule/forLoss(_:)``). The accuracy is smoothed by
/// a moving mean; points within ``DiagnosisThresholds/convergenceBand`` of 1/2 are in the band. An untrained
/// D also scores 50%, so points before D is first at least ``DiagnosisThresholds/convergenceLearnedAccuracy``
/// accurate do not count. The window is the longest
/// run in the band (ties: the earliest) of at least ``DiagnosisThresholds/convergenceMinimumPoints``.
extension Diagnosis {
    static func convergenceWindow(_ input: DiagnosisInput, _ t: DiagnosisThresholds) -> [Finding] {
        let curves = input.curves
        if input.context.loss == .wasserstein { return [] }
        let accuracy: [Double]
        if let overall = curves[SeriesName.dAccuracy] { accuracy = overall }
        else if let r = curves[SeriesName.dAccuracyReal], let f = curves[SeriesName.dAccuracyFake] {
            accuracy = zip(r, f).map { ($0 + $1) / 2 }
        } else { return [] }
        let smooth = SeriesMath.movingMean(accuracy, window: t.smoothingWindow)
        guard let learned = smooth.firstIndex(where: { $0 >= t.convergenceLearnedAccuracy }) else { return [] }
        let flags = smooth.indices.map { $0 > learned && abs(smooth[$0] - 0.5) <= t.convergenceBand }
        var window: Range<Int>?
        for run in SeriesMath.runs(flags) where run.count >= t.convergenceMinimumPoints {
            if window == nil || run.count > window!.count { window = run }
        }
        guard let window else { return [] }

        let first = curves.steps[window.lowerBound], last = curves.steps[window.upperBound - 1]
        let inside = SeriesMath.mean(accuracy[window])
        var evidence: [String: Double] = ["D/accuracy:mean": inside, "points": Double(window.count)]
        var sentence = "D's accuracy sat within \(SeriesMath.format(100 * t.convergenceBand)) points of 50% "
            + "(mean \(SeriesMath.percent(inside)))"
        if window.upperBound < accuracy.count {
            let after = SeriesMath.mean(accuracy[window.upperBound...])
            evidence["D/accuracy:after"] = after
            sentence += ", then left it (mean \(SeriesMath.percent(after)) afterwards)"
        } else {
            sentence += " until the end"
        }
        if let best = bestCheckpoint(for: input) {
            let within = best.step >= first && best.step <= last
            evidence["best_checkpoint_step"] = Double(best.step)
            evidence["best_checkpoint:\(best.series)"] = best.value
            evidence["best_checkpoint_in_window"] = within ? 1 : 0
            sentence += "; best checkpoint: step \(best.step) (\(best.series) \(SeriesMath.format(best.value))"
                + (within ? ", inside the window)" : ", outside the window)")
        }
        return [Finding(kind: .convergenceWindow, firstStep: first, lastStep: last,
                        summary: sentence + ".", evidence: evidence)]
    }
}
