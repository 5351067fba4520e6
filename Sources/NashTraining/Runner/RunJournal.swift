import Foundation
import Nash
import NashEngine
import NashStore

/// Everything the runner records, kept out of the step loop: it turns a round's statistics into
/// curve rows, runs evaluations, snapshots, trajectories and checkpoints when `RunCadence` says so,
/// writes them to the `RunRecorder`, and keeps the curves and evaluations for the final diagnosis.
///
/// Curves (`/curves/…`, one row per due round):
/// `loss/D` (adversarial L_D, without penalties), `loss/G`, `D/real` and `D/fake` (mean of σ(D) for the
/// logit losses, of the raw output otherwise, on the step's clean batches), `D/accuracy`,
/// `D/accuracy_real`, `D/accuracy_fake` (threshold `Loss.decisionThreshold`), `gradnorm/D`,
/// `gradnorm/G`, `penalty/<name>` per additive penalty, `wasserstein/estimate` = mean D(x) − mean D(x̃)
/// for the Wasserstein loss, `noise/std` (σ in use) under instance noise, `clip/fraction` (share of D's
/// parameters at ±c) under weight clipping, `spectral/sigma` (the largest σ̂) under spectral norm.
final class RunJournal {
    let recorder: RunRecorder
    let cadence: RunCadence
    let evaluator: Evaluator?
    let loss: Loss
    /// What the diagnosis reads; seeded with a resumed run's history.
    var history: RunRecord
    var histograms: [[Int]] = []
    var sampleLatents: Tensor?

    init(recorder: RunRecorder, cadence: RunCadence, evaluator: Evaluator?, loss: Loss, history: RunRecord) {
        self.recorder = recorder
        self.cadence = cadence
        self.evaluator = evaluator
        self.loss = loss
        self.history = history
        // A resumed run's earlier histograms, read back from their `mode_histogram/<k>` columns.
        if let k = evaluator?.modes?.count {
            histograms = history.evals.steps.indices.map { row in
                (0..<k).map { Int(history.evals.values["\(SeriesName.modeHistogram)/\($0)"]?[row] ?? 0) }
            }
        }
    }

    // MARK: Curves

    /// Records round `round`'s row (label round + 1) when due, or `force`d (the row holding a NaN).
    func curves(round: Int, _ stats: RoundStatistics, trainer: Trainer, force: Bool = false) throws {
        guard force || cadence.curvesDue(round: round) else { return }
        let row = curveRow(stats, trainer: trainer, round: round)
        try recorder.appendCurves(step: round + 1, row)
        try history.appendCurves(step: round + 1, row)
    }

    func curveRow(_ stats: RoundStatistics, trainer: Trainer, round: Int) -> [String: Double] {
        var row = [String: Double]()
        let d = stats.discriminator, g = stats.generator
        row[SeriesName.lossD] = d?.loss ?? .nan
        row[SeriesName.lossG] = g?.loss ?? .nan
        row[SeriesName.gradNormD] = d?.gradientNorm ?? .nan
        row[SeriesName.gradNormG] = g?.gradientNorm ?? .nan
        let real = d?.realOutputs ?? [.nan], fake = d?.fakeOutputs ?? [.nan]
        let shown: (Double) -> Double = loss.expectsLogits ? { 1 / (1 + exp(-$0)) } : { $0 }
        row[SeriesName.dReal] = Evaluator.mean(real.map(shown))
        row[SeriesName.dFake] = Evaluator.mean(fake.map(shown))
        let accuracy = DiscriminatorAccuracy(realOutputs: real, fakeOutputs: fake, rule: .threshold(loss.decisionThreshold))
        row.merge(accuracy.recorded) { $1 }
        for name in trainer.objective.penaltyNames { row["penalty/\(name)"] = d?.penalties[name] ?? .nan }
        if loss == .wasserstein { row["wasserstein/estimate"] = Evaluator.mean(real) - Evaluator.mean(fake) }
        if let s = trainer.objective.noiseStd(round: round) { row["noise/std"] = s }
        if let c = trainer.objective.clipLimit {
            let all = trainer.discriminatorParameters.flatMap(\.scalars)
            row["clip/fraction"] = Double(all.filter { abs(Double($0)) >= Double(Float(c)) }.count) / Double(max(all.count, 1))
        }
        if let spectral = trainer.spectralNorm {
            row["spectral/sigma"] = spectral.sigmas(trainer.discriminatorParameters).max() ?? 0
        }
        return row
    }

    // MARK: State after t rounds

    /// The reference sample and the fixed snapshot latents, once, before round 0.
    func start(_ trainer: Trainer, referenceCount: Int) throws {
        let reference = trainer.data.reference(count: referenceCount, stream: "reference")
        try recorder.setReference(NamedArray(name: "reference", shape: reference.shape, values: reference.scalars))
        if let z = snapshotLatents(trainer) {
            try recorder.setSampleLatents(NamedArray(name: "z", shape: z.shape, values: z.scalars))
        }
    }

    /// The fixed latent batch of sample snapshots (stream `samples`, step 0), the same every time.
    func snapshotLatents(_ trainer: Trainer) -> Tensor? {
        guard let samples = cadence.recording.samples, let latent = trainer.scenario.latent else { return nil }
        if sampleLatents == nil {
            sampleLatents = trainer.streams.latents(latent, count: samples.count, stream: "samples", step: 0)
        }
        return sampleLatents
    }

    /// Evaluations, sample snapshot, trajectory and checkpoint after `t` rounds, each when due.
    func state(after t: Int, _ trainer: Trainer) throws {
        if let evaluator, cadence.evaluationDue(after: t) {
            let (values, histogram) = evaluator.evaluate(trainer, after: t)
            try recorder.appendEvals(step: t, values)
            try history.appendEvals(step: t, values)
            if let histogram { histograms.append(histogram) }
        }
        if cadence.samplesDue(after: t), let z = snapshotLatents(trainer) {
            let x = trainer.generate(z)
            try recorder.appendSamples(step: t, NamedArray(name: "x", shape: x.shape, values: x.scalars))
        }
        if cadence.trajectoryDue(after: t) {
            try recorder.appendTrajectory(step: t, generator: trainer.generatorArrays,
                                          discriminator: trainer.discriminatorArrays)
        }
        if cadence.checkpointDue(after: t) {
            let record = trainer.checkpoint(step: t)
            try recorder.checkpoint(record)
            history.checkpoints.append(CheckpointRecord(step: t, generator: [], discriminator: [], optimizer: []))
        }
    }

    // MARK: Diagnosis

    /// The findings of `Diagnosis` over everything recorded, as the JSON list `finish` stores.
    func diagnosis(_ trainer: Trainer) throws -> (findings: [Finding], json: String) {
        func table(_ s: RunRecord.Series) -> SeriesTable { SeriesTable(steps: s.steps, columns: s.values) }
        let modeCount = evaluator?.modes?.count
        var criterion: CheckpointCriterion?
        if let metric = cadence.recording.bestCheckpoint, metric.direction != .towardHalf {
            criterion = CheckpointCriterion(series: metric.curveName, lowerIsBetter: metric.direction == .lower)
        }
        let context = DiagnosisContext(loss: loss.adversarialKind, modeCount: modeCount,
                                       checkpointSteps: history.checkpoints.map(\.step), checkpointCriterion: criterion)
        let input = DiagnosisInput(curves: table(history.curves), evals: table(history.evals),
                                   modeHistograms: histograms.count == history.evals.steps.count ? histograms : [],
                                   context: context)
        let findings = Diagnosis.findings(for: input)
        return (findings, try Finding.encodeList(findings))
    }
}
