import Foundation
import Nash
import NashStore
import NashTraining
import Testing

/// What the curves hold, and how the run ends.
@Suite struct RunnerCurveTests {
    @Test func curvesNameEveryMeasurementAndPenalty() throws {
        let scenario = RunnerSupport.ring("curves-penalties", rounds: 4) {
            Loss.wasserstein
            Penalty.gradient(weight: 10)
            Penalty.r1(gamma: 1)
            Penalty.weights(1e-3)
            WeightClipping(0.5)
        }
        let (record, outcome) = try RunnerSupport.record(scenario)
        #expect(outcome.status == .complete)
        let names = Set(record.curves.values.keys)
        for name in ["loss/D", "loss/G", "D/real", "D/fake", "D/accuracy", "D/accuracy_real", "D/accuracy_fake",
                     "gradnorm/D", "gradnorm/G", "penalty/gradient_penalty", "penalty/r1", "penalty/weight_penalty",
                     "wasserstein/estimate", "clip/fraction"] {
            #expect(names.contains(name), "missing curve \(name)")
        }
        #expect(record.curves.values["penalty/r1"]!.allSatisfy { $0 > 0 && $0.isFinite })
        // Wasserstein estimate = mean D(x) − mean D(x̃) = D/real − D/fake for a raw-score loss.
        for (i, w) in record.curves.values["wasserstein/estimate"]!.enumerated() {
            #expect(abs(w - (record.curves.values["D/real"]![i] - record.curves.values["D/fake"]![i])) < 1e-12)
        }
        // Clipping holds every D parameter inside [−c, c].
        #expect(record.checkpoints.last!.discriminator.allSatisfy { $0.values.allSatisfy { abs($0) <= 0.5 } })
    }

    @Test func evaluationsRecordMetricsAndTheModeHistogram() throws {
        let (record, _) = try RunnerSupport.record(RunnerSupport.ring("curves-evals", rounds: 10))
        let evals = record.evals.values
        for name in ["modes", "high_quality", "reverse_kl", "energy_distance", "d_accuracy", "dominant_mode"] {
            #expect(evals[name]?.count == 2, "missing eval \(name)")
        }
        for row in 0..<2 {
            let histogram = (0..<8).map { evals["mode_histogram/\($0)"]![row] }
            #expect(histogram.reduce(0, +) == (evals["high_quality"]![row] * 64).rounded())
            #expect(Double(histogram.filter { $0 > 0 }.count) == evals["modes"]![row])
        }
    }

    @Test func aNaNStopsTheRunAsDiverged() throws {
        let scenario = Scenario("diverges") {
            Dataset.ring(modes: 8, radius: 2, std: 0.02)
            Latent.normal(2)
            Generator { Dense(4); Dense(2) }
            Discriminator { Dense(4); Dense(1) }
            Loss.wasserstein
            Train(steps: 50, batch: 8) {
                Update(.discriminator, with: .sgd(lr: 1e30))
                Update(.generator, with: .sgd(lr: 1e30))
            }
            Record { Curves(every: 10) }
        }
        let (record, outcome) = try RunnerSupport.record(scenario)
        #expect(outcome.status == .diverged && record.status == .diverged)
        let step = try #require(outcome.divergedStep)
        #expect(step < 50 && record.curves.steps.last == step)
        let last = record.curves.values.values.map { $0.last! }
        #expect(last.contains { !$0.isFinite })
        #expect(outcome.findings.contains { $0.kind == .divergence })
        #expect(record.diagnosisJSON?.contains("divergence") == true)
    }
}
