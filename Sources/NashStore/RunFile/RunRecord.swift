/// A run's recorded numbers held in memory: what the runner produced, or what a run file holds
/// once read back (`RunFile.read`). Two records of the same run have the same `digest()`.
public final class RunRecord: RunRecorder {
    /// A series of named curves sampled at common steps (`/curves`, `/evals`).
    public struct Series: Equatable, Sendable {
        public var steps: [Int] = []
        /// Curve name → one value per step.
        public var values: [String: [Double]] = [:]
        public init() {}

        mutating func append(step: Int, _ row: [String: Double]) {
            if steps.isEmpty {
                values = row.mapValues { _ in [] }
            }
            precondition(Set(row.keys) == Set(values.keys),
                         "curve names changed at step \(step): \(row.keys.sorted()) vs \(values.keys.sorted())")
            precondition(steps.last.map { step > $0 } ?? true, "step \(step) does not increase")
            steps.append(step)
            for (name, value) in row { values[name]!.append(value) }
        }
    }

    public var header: RunHeader?
    public var reference: NamedArray?
    public var curves = Series()
    public var evals = Series()
    public var sampleLatents: NamedArray?
    public var sampleSteps: [Int] = []
    /// One array per snapshot, each of shape [k, dims…].
    public var samples: [NamedArray] = []
    public var trajectorySteps: [Int] = []
    public var trajectory: [(generator: [NamedArray], discriminator: [NamedArray])] = []
    public var checkpoints: [CheckpointRecord] = []
    public var status: RunStatus = .running
    public var diagnosisJSON: String?

    public init() {}

    public func begin(_ header: RunHeader) throws { self.header = header }
    public func setReference(_ data: NamedArray) throws { reference = data }
    public func appendCurves(step: Int, _ values: [String: Double]) throws { curves.append(step: step, values) }
    public func appendEvals(step: Int, _ values: [String: Double]) throws { evals.append(step: step, values) }
    public func setSampleLatents(_ z: NamedArray) throws { sampleLatents = z }
    public func appendSamples(step: Int, _ x: NamedArray) throws {
        sampleSteps.append(step)
        samples.append(x)
    }
    public func appendTrajectory(step: Int, generator: [NamedArray], discriminator: [NamedArray]) throws {
        trajectorySteps.append(step)
        trajectory.append((generator, discriminator))
    }
    public func checkpoint(_ checkpoint: CheckpointRecord) throws { checkpoints.append(checkpoint) }
    public func finish(status: RunStatus, diagnosisJSON: String?) throws {
        self.status = status
        self.diagnosisJSON = diagnosisJSON
    }

    /// The run's digest (`digest_sha256`); see `RunDigest`.
    public func digest() -> String { RunDigest.compute(self) }
}
