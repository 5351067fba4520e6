import Nash

/// When things are recorded, in the step labels of `RunRecorder` ("rounds completed at the moment of
/// recording").
///
/// - **Curves** describe a round: the losses, outputs and gradient norms of round r (0-based), measured
///   on its last D and G steps, are recorded when the round ends, with label r + 1. Round r is due when
///   r is 0, a multiple of `curvesEvery`, or the last round T − 1 (`Recording`: "at rounds 0, n, 2n, …
///   and after the last round").
/// - **State** (evaluations, sample snapshots, trajectories) describes the parameters after t rounds,
///   label t, due at t = 0, every n, and t = T.
/// - **Checkpoints** are due at every positive multiple of `checkpointEvery` and always at t = T.
///
/// At a boundary t the order is: evaluations, samples, trajectory, checkpoint. Everything recorded
/// before the checkpoint at t therefore has a label ≤ t, and everything after it a label > t, which
/// is what lets a resumed run discard the records "after the checkpoint's step" and continue.
public struct RunCadence: Equatable, Sendable {
    public let recording: Recording
    public let totalRounds: Int

    public init(_ recording: Recording, totalRounds: Int) {
        self.recording = recording
        self.totalRounds = totalRounds
    }

    static func due(_ t: Int, every: Int?, last: Int) -> Bool {
        guard let every, every > 0 else { return false }
        return t % every == 0 || t == last
    }

    /// Whether round `round`'s curves are recorded (with label round + 1).
    public func curvesDue(round: Int) -> Bool { Self.due(round, every: recording.curvesEvery, last: totalRounds - 1) }

    public func evaluationDue(after t: Int) -> Bool { Self.due(t, every: recording.evaluation?.every, last: totalRounds) }

    public func samplesDue(after t: Int) -> Bool { Self.due(t, every: recording.samples?.every, last: totalRounds) }

    public func trajectoryDue(after t: Int) -> Bool { Self.due(t, every: recording.trajectoryEvery, last: totalRounds) }

    public func checkpointDue(after t: Int) -> Bool {
        if t == totalRounds { return true }
        guard let every = recording.checkpointEvery, every > 0 else { return false }
        return t > 0 && t % every == 0
    }
}
