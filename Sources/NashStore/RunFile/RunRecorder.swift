/// What one run records, in the order the runner produces it. The run file (`RunFile`, the layout of
/// DESIGN.md §5) and the in-memory `RunRecord` both implement it, so the runner never knows which
/// it is writing to, and a test can compare the two.
///
/// Contract for implementers and callers:
/// - `begin` comes first and once; `finish` last and once. Steps are round indices (0-based counts of
///   completed rounds at the moment of recording) and strictly increase within each series.
/// - `appendCurves` receives the same set of curve names at every call of a run (the runner decides
///   the set before round 0); names are paths such as `loss/D` that become HDF5 paths unchanged.
///   The same holds for `appendEvals`.
/// - `checkpoint` is a flush point: once it returns, everything recorded so far survives a kill -9.
/// - A resumed run continues from a checkpoint's step; records after that step are discarded first
///   (`RunFile.resume`), so the file ends up exactly as an uninterrupted run's.
public protocol RunRecorder: AnyObject {
    func begin(_ header: RunHeader) throws
    /// A sample of the real data, for plots (`/data/reference`).
    func setReference(_ data: NamedArray) throws
    func appendCurves(step: Int, _ values: [String: Double]) throws
    func appendEvals(step: Int, _ values: [String: Double]) throws
    /// The fixed latent batch behind every sample snapshot (`/samples/z`).
    func setSampleLatents(_ z: NamedArray) throws
    /// G's outputs on the fixed latents at `step` (`/samples/x`, one row per snapshot).
    func appendSamples(step: Int, _ x: NamedArray) throws
    /// Every parameter of both networks at `step` (`/trajectory/…`), for tiny models.
    func appendTrajectory(step: Int, generator: [NamedArray], discriminator: [NamedArray]) throws
    func checkpoint(_ checkpoint: CheckpointRecord) throws
    /// Sets the final status and the diagnosis (a JSON list), and makes the whole file durable.
    func finish(status: RunStatus, diagnosisJSON: String?) throws
}

/// The root attributes and text of a run (DESIGN.md §5).
public struct RunHeader: Equatable, Sendable {
    public var scenario: String
    public var seed: UInt64
    /// Canonical JSON of the scenario value (`/spec`).
    public var specJSON: String
    /// SHA-256 of the spec without seeds, lower-case hex (`spec_sha256`).
    public var specHash: String
    /// The scenario file's text (`/source`), when run from a file.
    public var source: String?
    /// The number of rounds the complete run lasts.
    public var totalSteps: Int
    public var nashVersion: String
    public var swiftVersion: String
    /// The GEMM arithmetic in use (`Gemm.arithmetic`: "avx2-fma" for the AVX2 and the bit-identical
    /// AVX-512 kernel, or "portable"): a replay with another arithmetic says so.
    public var kernel: String
    /// ISO 8601 UTC time of creation.
    public var created: String

    public init(scenario: String, seed: UInt64, specJSON: String, specHash: String, source: String?,
                totalSteps: Int, nashVersion: String, swiftVersion: String, kernel: String, created: String) {
        self.scenario = scenario
        self.seed = seed
        self.specJSON = specJSON
        self.specHash = specHash
        self.source = source
        self.totalSteps = totalSteps
        self.nashVersion = nashVersion
        self.swiftVersion = swiftVersion
        self.kernel = kernel
        self.created = created
    }
}

/// A named Float32 array with its shape (row-major), e.g. a parameter `dense0/weight` of shape [2, 128].
public struct NamedArray: Equatable, Sendable {
    public var name: String
    public var shape: [Int]
    public var values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "NamedArray \(name): shape \(shape) does not hold \(values.count) values")
        self.name = name
        self.shape = shape
        self.values = values
    }
}

/// Everything needed to continue a run from `step` exactly as if it had never stopped.
public struct CheckpointRecord: Equatable, Sendable {
    /// Rounds completed.
    public var step: Int
    /// Parameters by their `ParameterSpec` names (`dense0/weight`).
    public var generator: [NamedArray]
    public var discriminator: [NamedArray]
    /// Optimiser and other training state (moments, step counts, spectral-norm vectors), by path
    /// names such as `generator/dense0/weight/m` or `discriminator/steps` (a count stored as a
    /// one-element array).
    public var optimizer: [NamedArray]

    public init(step: Int, generator: [NamedArray], discriminator: [NamedArray], optimizer: [NamedArray]) {
        self.step = step
        self.generator = generator
        self.discriminator = discriminator
        self.optimizer = optimizer
    }
}

/// The `status` attribute of a run file.
public enum RunStatus: String, Equatable, Sendable, CaseIterable {
    case running, complete, interrupted, diverged
}
