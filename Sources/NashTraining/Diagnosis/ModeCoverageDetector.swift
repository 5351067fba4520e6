import Foundation

/// Mode collapse and mode hopping, from the mixture evaluations (``MixtureEvaluation``).
///
/// An evaluation is **collapsed** when at least one mode is captured, the high-quality fraction (if
/// recorded) is at least ``DiagnosisThresholds/collapseMinimumHighQuality``, and either at most
/// ``DiagnosisThresholds/collapseCapturedFraction``·K modes are captured or the effective number of modes
/// exp(H(q)) = K·e^(−reverse KL) is at most ``DiagnosisThresholds/collapseEffectiveFraction``·K. **Mode collapse** is each run of consecutive
/// collapsed evaluations long enough to be sustained. **Mode hopping** is the dominant mode changing at
/// least ``DiagnosisThresholds/minimumHops`` times between consecutive collapsed evaluations (Metz et al.
/// 2017, arXiv:1611.02163, figure 1: the plain GAN visits the ring's modes one after another).
///
/// K is the context's ``DiagnosisContext/modeCount``, else the histograms' width. The modes captured come
/// from the `modes` series, else the histograms; the dominant mode from `dominant_mode`, else the
/// histograms.
extension Diagnosis {
    struct Coverage {
        let k: Int
        let steps: [Int]
        let modes: [Double]
        let highQuality: [Double]?
        let reverseKL: [Double]?
        let dominant: [Int?]
        let histograms: [[Int]]
        let collapsed: [Bool]
    }

    static func coverage(_ input: DiagnosisInput, _ t: DiagnosisThresholds) -> Coverage? {
        let evals = input.evals
        let histograms = input.modeHistograms
        guard let k = input.context.modeCount ?? histograms.first?.count, k >= 2 else { return nil }
        let modes: [Double]
        if let recorded = evals[SeriesName.modes] { modes = recorded }
        else if !histograms.isEmpty { modes = histograms.map { Double($0.filter { $0 > 0 }.count) } }
        else { return nil }
        let dominant: [Int?]
        if let recorded = evals[SeriesName.dominantMode] { dominant = recorded.map { $0 >= 0 ? Int($0) : nil } }
        else if !histograms.isEmpty { dominant = histograms.map { MixtureEvaluation(sampleCount: $0.reduce(0, +), histogram: $0).dominantMode } }
        else { dominant = Array(repeating: nil, count: modes.count) }
        let highQuality = evals[SeriesName.highQuality]
        let reverseKL = evals[SeriesName.reverseKL]
            ?? (histograms.isEmpty ? nil : histograms.map { MixtureEvaluation(sampleCount: $0.reduce(0, +), histogram: $0).reverseKL })
        let collapsed = modes.indices.map { i in
            let few = modes[i] <= t.collapseCapturedFraction * Double(k)
            let concentrated = reverseKL.map { Double(k) * exp(-$0[i]) <= t.collapseEffectiveFraction * Double(k) } ?? false
            return modes[i] >= 1 && (few || concentrated)
                && (highQuality.map { $0[i] >= t.collapseMinimumHighQuality } ?? true)
        }
        return Coverage(k: k, steps: evals.steps, modes: modes, highQuality: highQuality,
                        reverseKL: reverseKL, dominant: dominant, histograms: histograms,
                        collapsed: collapsed)
    }

    static func modeCollapse(_ input: DiagnosisInput, _ t: DiagnosisThresholds) -> [Finding] {
        guard let c = coverage(input, t) else { return [] }
        let minimumLength = max(t.collapseMinimumEvaluations,
                                Int((t.collapseMinimumFraction * Double(c.steps.count)).rounded(.up)))
        return SeriesMath.runs(c.collapsed).filter { $0.count >= minimumLength }.map { run in
            let most = c.modes[run].max()!
            var evidence: [String: Double] = [
                "mode_count": Double(c.k),
                "\(SeriesName.modes):mean": SeriesMath.mean(c.modes[run]),
                "\(SeriesName.modes):max": most,
                "evaluations": Double(run.count),
            ]
            var quality = ""
            if let hq = c.highQuality {
                let m = SeriesMath.mean(hq[run])
                evidence["\(SeriesName.highQuality):mean"] = m
                quality = ", \(SeriesMath.percent(m)) of samples high quality"
            }
            if let kl = c.reverseKL {
                let m = SeriesMath.mean(kl[run])
                evidence["\(SeriesName.reverseKL):mean"] = m
                evidence["effective_modes"] = Double(c.k) * exp(-m)  // exp(H(q)) = K·e^(−KL)
            }
            var summary = "G covered at most \(Int(most)) of \(c.k) modes (mean \(SeriesMath.format(SeriesMath.mean(c.modes[run])))) "
            if let effective = evidence["effective_modes"], most > t.collapseCapturedFraction * Double(c.k) {
                summary = "G put its mass on \(SeriesMath.format(effective)) effective modes of \(c.k) (at most \(Int(most)) captured) "
            }
            summary += "over \(run.count) evaluations\(quality): mode collapse."
            return Finding(kind: .modeCollapse, firstStep: c.steps[run.lowerBound], lastStep: c.steps[run.upperBound - 1],
                           summary: summary, evidence: evidence)
        }
    }

    static func modeHopping(_ input: DiagnosisInput, _ t: DiagnosisThresholds) -> [Finding] {
        guard let c = coverage(input, t), c.steps.count >= 2 else { return [] }
        var hops: [Int] = []  // indices i where the dominant mode hopped between evaluations i−1 and i
        for i in 1..<c.steps.count where c.collapsed[i - 1] && c.collapsed[i] {
            guard let from = c.dominant[i - 1], let to = c.dominant[i], from != to else { continue }
            if !c.histograms.isEmpty {
                let before = c.histograms[i - 1]
                guard to < before.count, Double(before[to]) <= t.hopShareRatio * Double(before[from]) else { continue }
            }
            hops.append(i)
        }
        guard hops.count >= t.minimumHops, let first = hops.first, let last = hops.last else { return [] }
        let range = (first - 1)...last
        var visited = Set<Int>()
        for i in range where c.collapsed[i] { if let d = c.dominant[i] { visited.insert(d) } }
        let collapsedModes = range.filter { c.collapsed[$0] }.map { c.modes[$0] }
        let most = collapsedModes.max()!
        let evidence: [String: Double] = [
            "hops": Double(hops.count),
            "distinct_dominant_modes": Double(visited.count),
            "mode_count": Double(c.k),
            "\(SeriesName.modes):mean": SeriesMath.mean(collapsedModes),
            "\(SeriesName.modes):max": most,
        ]
        let summary = "The dominant mode changed \(hops.count) times, visiting \(visited.count) modes, "
            + "while G covered at most \(Int(most)) of \(c.k): mode hopping."
        return [Finding(kind: .modeHopping, firstStep: c.steps[first - 1], lastStep: c.steps[last],
                        summary: summary, evidence: evidence)]
    }
}
