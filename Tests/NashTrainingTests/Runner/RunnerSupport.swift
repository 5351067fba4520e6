import Foundation
import Nash
import NashStore
import NashTraining

/// Shared helpers of the runner tests: tiny scenarios built with the DSL, and running them into an
/// in-memory `RunRecord`.
enum RunnerSupport {
    static let provenance = Provenance(swiftVersion: "test", created: "2026-01-01T00:00:00Z")

    static func runner(_ scenario: Scenario, seed: UInt64 = 1) throws -> Runner {
        try Runner(scenario: scenario, seed: seed, baseDirectory: NSTemporaryDirectory(), provenance: provenance)
    }

    /// Runs `scenario` from round 0 into a fresh record.
    static func record(_ scenario: Scenario, seed: UInt64 = 1, stopAfterRound: Int? = nil) throws -> (RunRecord, RunOutcome) {
        let record = RunRecord()
        let outcome = try runner(scenario, seed: seed).run(recorder: record, stopAfterRound: stopAfterRound)
        return (record, outcome)
    }

    /// A small 2-D GAN on a ring of 8 Gaussians that records everything: curves, evaluations with
    /// the mode histogram, sample snapshots, trajectories and checkpoints.
    static func ring(_ name: String, rounds: Int = 30, unrolled: Int = 0,
                     @ScenarioBuilder extra: () -> [any ScenarioComponent] = { [] }) -> Scenario {
        Scenario(name) {
            Dataset.ring(modes: 8, radius: 2, std: 0.02)
            Latent.normal(2)
            Generator { Dense(8, .tanh); Dense(2) }
            Discriminator { Scale(0.5); Dense(8, .tanh); Dense(1) }
            Loss.nonSaturating
            Train(steps: rounds, batch: 16) {
                Update(.discriminator, times: 2, with: .adam(lr: 1e-2, beta1: 0.5))
                Update(.generator, with: .adam(lr: 1e-2, beta1: 0.5))
                Unrolled(steps: unrolled)
            }
            Record {
                Curves(every: 3)
                Evaluate(.modes, .highQuality, .reverseKL, .energyDistance, .discriminatorAccuracy, every: 10, samples: 64)
                Samples(16, every: 10)
                Checkpoint(every: 10)
                Trajectory(every: 5)
            }
            extra()
        }
    }

    /// Keeps what a run file holds after `RunFile.resume` at checkpoint `step`: records up to it.
    static func discard(_ record: RunRecord, after step: Int) {
        func cut(_ s: RunRecord.Series) -> RunRecord.Series {
            var r = RunRecord.Series()
            let n = s.steps.firstIndex { $0 > step } ?? s.steps.count
            r.steps = Array(s.steps[..<n])
            r.values = s.values.mapValues { Array($0[..<n]) }
            return r
        }
        record.curves = cut(record.curves)
        record.evals = cut(record.evals)
        let samples = record.sampleSteps.filter { $0 <= step }.count
        record.sampleSteps.removeLast(record.sampleSteps.count - samples)
        record.samples.removeLast(record.samples.count - samples)
        let trajectory = record.trajectorySteps.filter { $0 <= step }.count
        record.trajectorySteps.removeLast(record.trajectorySteps.count - trajectory)
        record.trajectory.removeLast(record.trajectory.count - trajectory)
        record.checkpoints.removeAll { $0.step > step }
        record.status = .running
    }
}
