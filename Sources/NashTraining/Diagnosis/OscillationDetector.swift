import Foundation

/// Oscillation / failure to converge: the losses (or D's accuracy) keep swinging through the second half
/// of training instead of settling (Mescheder et al. 2018, arXiv:1801.04406: simultaneous and alternating
/// gradient descent circle the equilibrium of the Dirac-GAN without reaching it).
///
/// For each of `loss/D` and `loss/G` that was recorded, the tail (the last
/// ``DiagnosisThresholds/oscillationTailFraction`` of the points) is oscillating when all four hold:
/// 1. its amplitude A = (P95 − P5)/2 is at least ``DiagnosisThresholds/oscillationSignalToNoise`` times its
///    point-to-point noise RMS(Δx)/√2 (coherent motion, not minibatch noise);
/// 2. it swings across c ± A/2, c = (P95 + P5)/2 the middle of the same range, at least ``DiagnosisThresholds/oscillationMinimumSwings`` times (cycles,
///    not a trend);
/// 3. A is at least ``DiagnosisThresholds/oscillationMinimumRelativeAmplitude`` of the whole run's
///    half-range (P99 − P1)/2 (not a small wiggle next to the run's own excursions);
/// 4. the amplitude of the tail's second half is at least ``DiagnosisThresholds/oscillationPersistence``
///    times that of its first half (not damping out).
/// One finding covers the tail and lists every oscillating series.
extension Diagnosis {
    struct Swinging {
        let name: String
        let amplitude: Double
        let swings: Int
        let signalToNoise: Double
        let persistence: Double
    }

    static func swinging(_ name: String, _ x: [Double], _ t: DiagnosisThresholds) -> Swinging? {
        let tailCount = Int((t.oscillationTailFraction * Double(x.count)).rounded(.down))
        guard tailCount >= t.oscillationMinimumPoints else { return nil }
        let tail = x[(x.count - tailCount)...]
        let a = SeriesMath.amplitude(tail)
        let halfRange = (SeriesMath.quantile(x, 0.99) - SeriesMath.quantile(x, 0.01)) / 2
        guard a > 0, halfRange > 0, a >= t.oscillationMinimumRelativeAmplitude * halfRange else { return nil }
        let noise = SeriesMath.differenceNoise(tail)
        guard a >= t.oscillationSignalToNoise * noise else { return nil }
        // NB: the centre is the middle of [P5, P95], not the median: a skewed cycle (the Dirac-GAN's loss
        // rests near its floor and peaks briefly once a turn) never reaches median − A/2.
        let centre = (SeriesMath.quantile(tail, 0.95) + SeriesMath.quantile(tail, 0.05)) / 2
        let swings = SeriesMath.swings(tail, centre: centre, halfBand: a / 2)
        guard swings >= t.oscillationMinimumSwings else { return nil }
        let middle = tail.startIndex + tailCount / 2
        let early = SeriesMath.amplitude(tail[..<middle]), late = SeriesMath.amplitude(tail[middle...])
        let persistence = early > 0 ? late / early : 1
        guard persistence >= t.oscillationPersistence else { return nil }
        return Swinging(name: name, amplitude: a, swings: swings, signalToNoise: noise > 0 ? a / noise : .infinity,
                        persistence: persistence)
    }

    static func oscillation(_ input: DiagnosisInput, _ t: DiagnosisThresholds) -> [Finding] {
        let curves = input.curves
        // NB: not D/accuracy. It is a count over a batch, and at a converged equilibrium D's outputs tie at
        // the decision threshold, so rounding flips it between a few values (0.25 and 0.75 on the
        // regularised Dirac-GAN) while both losses are constant. A real oscillation moves the losses.
        let found = [SeriesName.lossD, SeriesName.lossG].compactMap { name in
            curves[name].flatMap { swinging(name, $0, t) }
        }
        guard !found.isEmpty else { return [] }
        let n = curves.steps.count
        let first = n - Int((t.oscillationTailFraction * Double(n)).rounded(.down))
        var evidence: [String: Double] = [:]
        for s in found {
            evidence["\(s.name):amplitude"] = s.amplitude
            evidence["\(s.name):swings"] = Double(s.swings)
            evidence["\(s.name):persistence"] = s.persistence
            // NB: a noiseless series has an infinite signal-to-noise ratio; evidence stays finite, so omit it.
            if s.signalToNoise.isFinite { evidence["\(s.name):signal_to_noise"] = s.signalToNoise }
        }
        let described = found.map { "\($0.name) (±\(SeriesMath.format($0.amplitude)), \($0.swings) swings)" }
        let summary = described.joined(separator: ", ")
            + " kept swinging through the last \(SeriesMath.percent(t.oscillationTailFraction)) of training without settling: "
            + "oscillation, failure to converge."
        return [Finding(kind: .oscillation, firstStep: curves.steps[first], lastStep: curves.steps[n - 1],
                        summary: summary, evidence: evidence)]
    }
}
