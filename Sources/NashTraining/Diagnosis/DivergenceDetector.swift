/// Divergence: the first NaN or ±Inf anywhere in the curves or evaluations. The runner stops there and
/// marks the run `diverged`; the finding names the series, the value and the step.
extension Diagnosis {
    struct NonFinite {
        let step: Int
        let series: String
        let value: Double
    }

    /// The earliest non-finite value (ties: curves before evaluations, then by series name).
    static func firstNonFinite(_ input: DiagnosisInput) -> NonFinite? {
        var first: NonFinite?
        for table in [input.curves, input.evals] {
            for name in table.names {
                guard let row = table[name]!.firstIndex(where: { !$0.isFinite }) else { continue }
                if first == nil || table.steps[row] < first!.step {
                    first = NonFinite(step: table.steps[row], series: name, value: table[name]![row])
                }
            }
        }
        return first
    }

    static func divergence(_ input: DiagnosisInput, _ cutoff: NonFinite) -> Finding {
        var nonFinite = 0
        for table in [input.curves, input.evals] {
            for values in table.columns.values { nonFinite += values.filter { !$0.isFinite }.count }
        }
        let lastStep = max(input.curves.steps.last ?? cutoff.step, input.evals.steps.last ?? cutoff.step)
        var evidence: [String: Double] = ["first_nonfinite_step": Double(cutoff.step),
                                          "nonfinite_values": Double(nonFinite)]
        if let lastFinite = input.curves.steps.last(where: { $0 < cutoff.step }) {
            evidence["last_finite_step"] = Double(lastFinite)
        }
        let what = cutoff.value.isNaN ? "NaN" : (cutoff.value > 0 ? "+Inf" : "-Inf")
        return Finding(kind: .divergence, firstStep: cutoff.step, lastStep: max(lastStep, cutoff.step),
                       summary: "\(cutoff.series) became \(what) at step \(cutoff.step): training diverged.",
                       evidence: evidence)
    }
}
