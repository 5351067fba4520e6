/// What `nash show` and `nash list` print about a run, read without loading its arrays: the root
/// attributes, the spec, the names and last values of the curves and evaluations, the checkpoint
/// steps and the diagnosis.
public struct RunSummary: Equatable, Sendable {
    /// A series (`/curves` or `/evals`) in brief.
    public struct Series: Equatable, Sendable {
        /// Curve names in ascending byte order.
        public var names: [String] = []
        /// Recorded steps.
        public var count = 0
        public var lastStep: Int?
        /// Curve name → its value at `lastStep`.
        public var lastValues: [String: Double] = [:]
        public init() {}
    }

    public var path: String
    public var header: RunHeader
    public var status: RunStatus
    /// `digest_sha256`: present on complete runs.
    public var digest: String?
    public var curves: Series
    public var evals: Series
    /// Steps of the sample snapshots.
    public var sampleSteps: [Int]
    public var checkpointSteps: [Int]
    /// `/diagnosis`, a JSON list, when the run finished with one.
    public var diagnosisJSON: String?

    /// The step the run reached as far as its records show (the largest recorded step), or nil.
    public var lastRecordedStep: Int? {
        [curves.lastStep, evals.lastStep, sampleSteps.last, checkpointSteps.last].compactMap { $0 }.max()
    }
}

extension RunFileReader {
    /// The summary of the run file at `path`; the same checks and errors as `read(path:)`.
    public static func summary(path: String) throws -> RunSummary {
        let file = try open(path)
        defer { try? file.close() }
        do {
            let digestName = RunFileLayout.Attribute.digest
            return RunSummary(
                path: path, header: try header(in: file), status: try status(in: file),
                digest: try file.hasAttribute(digestName) ? try file.attribute(digestName, as: String.self) : nil,
                curves: try seriesSummary(in: file, at: RunFileLayout.curves),
                evals: try seriesSummary(in: file, at: RunFileLayout.evals),
                sampleSteps: try file.exists(RunFileLayout.sampleSteps) ? try steps(in: file, at: RunFileLayout.sampleSteps) : [],
                checkpointSteps: try RunFileLayout.checkpointSteps(in: file),
                diagnosisJSON: try file.exists(RunFileLayout.diagnosis) ? try file.readString(RunFileLayout.diagnosis) : nil)
        } catch {
            throw RunFileError.damaged(path, error)
        }
    }

    /// Names and last row of a series group, reading one row per curve.
    static func seriesSummary(in file: H5File, at path: String) throws -> RunSummary.Series {
        var summary = RunSummary.Series()
        guard try file.exists(path) else { return summary }
        let steps = try file.dataset(path + "/" + RunFileLayout.stepName)
        summary.count = try steps.shape().first ?? 0
        guard summary.count > 0 else { return summary }
        let last = summary.count - 1
        summary.lastStep = Int(try steps.read(Int64.self, rows: last..<summary.count).values[0])
        let group = try file.group(path)
        summary.names = try RunFileLayout.datasetNames(in: group, excluding: [RunFileLayout.stepName])
        for name in summary.names {
            let curve = try group.dataset(name)
            try expectRows(try curve.shape().first ?? 0, summary.count, "\(path)/\(name)", file)
            summary.lastValues[name] = try curve.read(Double.self, rows: last..<summary.count).values[0]
        }
        return summary
    }
}
