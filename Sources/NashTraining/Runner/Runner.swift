import Nash
import NashEngine
import NashStore

/// Where a run came from, for its header (`/source`, `swift_version`, `created`).
public struct Provenance: Sendable {
    /// The scenario file's text, when run from a file.
    public var source: String?
    public var swiftVersion: String
    /// ISO 8601 UTC time of creation.
    public var created: String

    public init(source: String? = nil, swiftVersion: String, created: String) {
        self.source = source
        self.swiftVersion = swiftVersion
        self.created = created
    }
}

/// Progress after each round, for terminals (the CLI prints it; tests may ignore it).
public struct RunProgress: Sendable {
    /// Rounds completed.
    public var round: Int
    public var totalRounds: Int
    public var lossD: Double?
    public var lossG: Double?
    /// D's accuracy on the round's last D batch.
    public var accuracy: Double?
}

/// How a call to `Runner.run` ended.
public struct RunOutcome: Sendable {
    public var status: RunStatus
    /// Rounds completed when it stopped.
    public var roundsCompleted: Int
    /// The curve step (label) holding the first NaN/Inf when the status is `diverged`.
    public var divergedStep: Int?
    /// What the diagnosis found (also passed to the recorder as JSON).
    public var findings: [Finding]
}

/// Trains one scenario with one seed, deterministically, and records it (DESIGN.md §4–6).
///
/// One `Runner` performs one run: construct it, then call `run` once (fresh, or resuming from a
/// checkpoint of the same scenario and seed). `Parallel.threadCount` is the caller's to set; the
/// numbers do not depend on it.
public final class Runner {
    public let scenario: Scenario
    public let seed: UInt64
    public let header: RunHeader
    public let totalRounds: Int
    public let trainer: Trainer

    /// Validates `scenario`, loads its data (files relative to `baseDirectory`), builds and
    /// initialises both networks and the header. Throws the first `ValidationError`, a data error,
    /// or `RunnerError`.
    public init(scenario: Scenario, seed: UInt64, baseDirectory: String, provenance: Provenance) throws {
        if let problem = scenario.validate().first { throw problem }
        guard let dataset = scenario.data else { throw RunnerError("scenario '\(scenario.name)' has no data") }
        let data = try RealData(dataset, seed: seed, baseDirectory: baseDirectory)
        guard let total = scenario.totalRounds(fileDatasetSize: data.size) else {
            throw RunnerError("scenario '\(scenario.name)': the run length depends on an unknown data-set size")
        }
        self.scenario = scenario
        self.seed = seed
        totalRounds = total
        trainer = try Trainer(scenario: scenario, seed: seed, data: data, totalRounds: total)
        header = RunHeader(scenario: scenario.name, seed: seed, specJSON: try scenario.canonicalJSON(),
                           specHash: try scenario.specHash(), source: provenance.source, totalSteps: total,
                           nashVersion: NashVersion.string, swiftVersion: provenance.swiftVersion,
                           kernel: Gemm.arithmetic.rawValue, created: provenance.created)
    }

    /// Trains from round 0 (calling `recorder.begin` first), or from `resumingFrom.step` when given: the
    /// recorder must then already hold this run's records up to that checkpoint and nothing after it
    /// (`RunFile.resume` discards the rest), and `begin`, the reference and the sample latents are not
    /// written again. `history` (the records so far, e.g. the run file read back) lets the final
    /// diagnosis see the part before the checkpoint.
    ///
    /// Stops after `stopAfterRound` rounds in all, or when `shouldStop()` turns true before a round, with
    /// status `interrupted`; at the first NaN/Inf with `diverged` (its curve row is recorded whatever the
    /// cadence); otherwise `complete`. Every ending calls `finish` with the diagnosis.
    public func run(recorder: RunRecorder, resumingFrom checkpoint: CheckpointRecord? = nil, history: RunRecord? = nil,
                    stopAfterRound: Int? = nil, shouldStop: () -> Bool = { false },
                    progress: (RunProgress) -> Void = { _ in }) throws -> RunOutcome {
        let evaluator = scenario.recording.evaluation.map {
            Evaluator($0, loss: trainer.objective.loss, dataModes: trainer.data.modes, sampleShape: trainer.data.sampleShape)
        }
        let journal = RunJournal(recorder: recorder, cadence: RunCadence(scenario.recording, totalRounds: totalRounds),
                                 evaluator: evaluator, loss: trainer.objective.loss,
                                 history: Self.prefix(of: history, upTo: checkpoint?.step))
        var start = 0
        if let checkpoint {
            try trainer.restore(checkpoint)
            start = checkpoint.step
        } else {
            try recorder.begin(header)
            try journal.start(trainer, referenceCount: min(scenario.recording.evaluation?.samples ?? 1_000,
                                                           trainer.data.size ?? 1_000))
            try journal.state(after: 0, trainer)
        }

        // The step loop: each round trains D and G as the schedule says, then the journal records.
        var status = RunStatus.complete, done = start, diverged: Int?
        for round in start..<totalRounds {
            if shouldStop() { status = .interrupted; break }
            let stats = trainer.train(round: round)              // D steps (G fixed), G steps (D fixed), …
            guard stats.isFinite else {
                try journal.curves(round: round, stats, trainer: trainer, force: true)
                status = .diverged; diverged = round + 1; break
            }
            try journal.curves(round: round, stats, trainer: trainer)
            done = round + 1
            try journal.state(after: done, trainer)               // evals, samples, trajectory, checkpoint
            progress(RunProgress(round: done, totalRounds: totalRounds, lossD: stats.discriminator?.loss,
                                 lossG: stats.generator?.loss, accuracy: Self.accuracy(stats, trainer.objective.loss)))
            if done == stopAfterRound, done < totalRounds { status = .interrupted; break }
        }

        let (findings, json) = try journal.diagnosis(trainer)
        try recorder.finish(status: status, diagnosisJSON: json)
        return RunOutcome(status: status, roundsCompleted: done, divergedStep: diverged, findings: findings)
    }

    /// D's overall accuracy on the round's last D batch.
    static func accuracy(_ stats: RoundStatistics, _ loss: Loss) -> Double? {
        guard let d = stats.discriminator else { return nil }
        return DiscriminatorAccuracy(realOutputs: d.realOutputs, fakeOutputs: d.fakeOutputs,
                                     rule: .threshold(loss.decisionThreshold)).overall
    }

    /// The curves, evaluations and checkpoint steps of `history` up to `step` (all when step is nil).
    static func prefix(of history: RunRecord?, upTo step: Int?) -> RunRecord {
        let out = RunRecord()
        guard let history, let step else { return out }
        func cut(_ s: RunRecord.Series) -> RunRecord.Series {
            var r = RunRecord.Series()
            let n = s.steps.firstIndex { $0 > step } ?? s.steps.count
            r.steps = Array(s.steps[..<n])
            r.values = s.values.mapValues { Array($0[..<n]) }
            return r
        }
        out.curves = cut(history.curves)
        out.evals = cut(history.evals)
        out.checkpoints = history.checkpoints.filter { $0.step <= step }
            .map { CheckpointRecord(step: $0.step, generator: [], discriminator: [], optimizer: []) }
        return out
    }
}
