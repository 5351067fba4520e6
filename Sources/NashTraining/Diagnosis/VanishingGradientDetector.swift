import Foundation

/// Vanishing gradients: G's gradient norm collapses while D rejects nearly every fake (Goodfellow et al.
/// 2014, arXiv:1406.2661, §3; Arjovsky & Bottou 2017, arXiv:1701.04862, §2.2).
///
/// Needs `gradnorm/G` and a D accuracy (`D/accuracy_fake`, else `D/accuracy`). Both are smoothed by a
/// moving median. A point is flagged when G's gradient norm is at most
/// ``DiagnosisThresholds/vanishingGradientRatio`` times its peak so far and D's accuracy is at least
/// ``DiagnosisThresholds/dominantAccuracy`` — and, for the logit losses when `D/fake` is recorded, D's mean
/// probability on fakes is at most ``DiagnosisThresholds/dominantFakeProbability``. Every run of flagged points long enough to be sustained is
/// one finding. Without a D accuracy (Wasserstein) nothing is reported: a small G gradient alone cannot be
/// told apart from convergence, where G's gradient is zero too.
extension Diagnosis {
    static func vanishingGradients(_ input: DiagnosisInput, _ t: DiagnosisThresholds) -> [Finding] {
        let curves = input.curves
        guard let g = curves[SeriesName.gradNormG] else { return [] }
        let accuracyName = curves[SeriesName.dAccuracyFake] != nil ? SeriesName.dAccuracyFake : SeriesName.dAccuracy
        guard let accuracy = curves[accuracyName] else { return [] }
        let n = g.count
        let minimumLength = max(t.vanishingMinimumPoints, Int((t.vanishingMinimumFraction * Double(n)).rounded(.up)))
        guard n >= minimumLength else { return [] }

        let gs = SeriesMath.movingMedian(g, window: t.smoothingWindow)
        let accs = SeriesMath.movingMedian(accuracy, window: t.smoothingWindow)
        let logit = DecisionRule.forLoss(input.context.loss) == .logit
        let fakeScores = logit ? curves[SeriesName.dFake].map { SeriesMath.movingMedian($0, window: t.smoothingWindow) } : nil
        var peak = [Double](repeating: 0, count: n)
        var peakIndex = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let previous = i > 0 ? peak[i - 1] : -Double.infinity
            if gs[i] > previous { peak[i] = gs[i]; peakIndex[i] = i } else { peak[i] = previous; peakIndex[i] = peakIndex[i - 1] }
        }
        let flags = (0..<n).map { i in
            peak[i] > 0 && gs[i] <= t.vanishingGradientRatio * peak[i] && accs[i] >= t.dominantAccuracy
                && (fakeScores.map { $0[i] <= t.dominantFakeProbability } ?? true)
        }

        return SeriesMath.runs(flags).filter { $0.count >= minimumLength }.map { run in
            let reference = peak[run.lowerBound]
            let level = SeriesMath.median(g[run])
            let meanAccuracy = SeriesMath.mean(accuracy[run])
            var evidence: [String: Double] = [
                "\(SeriesName.gradNormG):peak": reference,
                "\(SeriesName.gradNormG):peak_step": Double(curves.steps[peakIndex[run.lowerBound]]),
                "\(SeriesName.gradNormG):median": level,
                "\(SeriesName.gradNormG):ratio": level / reference,
                "\(accuracyName):mean": meanAccuracy,
                "points": Double(run.count),
            ]
            if let f = curves[SeriesName.dFake] { evidence["\(SeriesName.dFake):mean"] = SeriesMath.mean(f[run]) }
            if let d = curves[SeriesName.gradNormD] { evidence["\(SeriesName.gradNormD):median"] = SeriesMath.median(d[run]) }
            if let lossG = curves[SeriesName.lossG] { evidence["\(SeriesName.lossG):mean"] = SeriesMath.mean(lossG[run]) }
            let who = accuracyName == SeriesName.dAccuracyFake ? "called \(SeriesMath.percent(meanAccuracy)) of fakes fake"
                                                               : "was \(SeriesMath.percent(meanAccuracy)) accurate"
            let summary = "G's gradient norm fell to \(SeriesMath.percent(level / reference)) of its peak "
                + "(median \(SeriesMath.format(level)) vs \(SeriesMath.format(reference))) while D \(who): vanishing gradients."
            return Finding(kind: .vanishingGradients, firstStep: curves.steps[run.lowerBound],
                           lastStep: curves.steps[run.upperBound - 1], summary: summary, evidence: evidence)
        }
    }
}
