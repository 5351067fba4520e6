import Foundation
import NashTraining

/// Constructed runs whose diagnosis is known: curves every 10 steps (400 points, steps 0…3990), mixture
/// evaluations every 100 steps (40 evaluations, steps 0…3900) on the 8-ring with 2,500 samples each,
/// checkpoints at 1000, 2000 and 3000.
enum ConstructedRun {
    static let points = 400
    static let evaluations = 40
    static let curveSteps = (0..<points).map { 10 * $0 }
    static let evalSteps = (0..<evaluations).map { 100 * $0 }
    static let checkpoints = [1_000, 2_000, 3_000]

    /// Gaussian noise of standard deviation `scale`, one value per curve point.
    static func noise(_ scale: Double, seed: UInt64, count: Int = points) -> [Double] {
        var g = SplitMix64(seed: seed)
        return (0..<count).map { _ in scale * g.normal() }
    }

    /// Healthy curves: losses settle near 2 ln 2-ish levels with minibatch noise, D keeps a 70–80% edge,
    /// gradient norms decay gently and never vanish.
    static func healthyCurves(accuracy: [Double]? = nil) -> [String: [Double]] {
        let i = (0..<points).map(Double.init)
        let lossD = zip(i, noise(0.03, seed: 1)).map { 1.30 - 0.10 * exp(-$0 / 50) + $1 }
        let lossG = zip(i, noise(0.05, seed: 2)).map { 0.90 + 0.30 * exp(-$0 / 50) + $1 }
        let acc = accuracy ?? zip(i, noise(0.02, seed: 3)).map { x, e in
            x < 20 ? 0.5 + 0.3 * x / 20 : 0.7 + 0.1 * exp(-(x - 20) / 40) + e
        }
        let gradG = zip(i, noise(0.05, seed: 4)).map { 0.5 + 0.5 * exp(-$0 / 30) + abs($1) }
        let gradD = zip(i, noise(0.05, seed: 5)).map { 0.8 + 0.4 * exp(-$0 / 30) + abs($1) }
        return [SeriesName.lossD: lossD, SeriesName.lossG: lossG, SeriesName.dAccuracy: acc,
                SeriesName.dAccuracyReal: acc.map { min(1, $0 + 0.02) },
                SeriesName.dAccuracyFake: acc.map { max(0, $0 - 0.02) },
                SeriesName.gradNormG: gradG, SeriesName.gradNormD: gradD]
    }

    /// Healthy mode histograms: a blob hitting nothing, then 2 modes with 10% high quality, then 5 modes,
    /// then all 8 modes near-evenly with ~92% high quality.
    static func healthyHistograms() -> [[Int]] {
        var g = SplitMix64(seed: 6)
        return (0..<evaluations).map { j in
            switch j {
            case 0: [0, 0, 0, 0, 0, 0, 0, 0]
            case 1: [150, 100, 0, 0, 0, 0, 0, 0]
            case 2: [250, 250, 250, 250, 250, 0, 0, 0]
            default: (0..<8).map { _ in 287 + g.below(11) - 5 }
            }
        }
    }

    /// The evaluation table derived from histograms exactly as the runner records it.
    static func evals(_ histograms: [[Int]]) -> SeriesTable {
        let recorded = histograms.map { MixtureEvaluation(sampleCount: 2_500, histogram: $0).recorded }
        var columns: [String: [Double]] = [:]
        for name in recorded[0].keys { columns[name] = recorded.map { $0[name]! } }
        return SeriesTable(steps: Array(evalSteps.prefix(histograms.count)), columns: columns)
    }

    static func input(curves: [String: [Double]] = healthyCurves(), histograms: [[Int]]? = healthyHistograms(),
                      loss: AdversarialLossKind = .nonSaturating) -> DiagnosisInput {
        let n = curves.values.first!.count
        return DiagnosisInput(
            curves: SeriesTable(steps: Array(curveSteps.prefix(n)), columns: curves),
            evals: histograms.map(evals) ?? .empty,
            modeHistograms: histograms ?? [],
            context: DiagnosisContext(loss: loss, modeCount: histograms == nil ? nil : 8,
                                      checkpointSteps: checkpoints, checkpointCriterion: .lowestReverseKL))
    }
}
